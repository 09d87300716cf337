import type { Brand } from '../domain/entities';
import type { TenantContext } from '../domain/tenancy';
import type { Logger } from '../kernel/logging/logger';
import type { RoutePolicy } from './permissions';

/** Hono variables every handler can rely on after the middleware chain. */
export interface ApiEnv {
  Variables: {
    requestId: string;
    traceparent: string;
    logger: Logger;
    tenant: TenantContext;
    /** The matched route's entry in the permission table (set by `authorize`). */
    policy: RoutePolicy;
    /** The path's brand, loaded through the caller's context (set by `brandScope` on brand routes). */
    brand: Brand;
  };
}
