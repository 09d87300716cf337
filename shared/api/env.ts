import type { TenantContext } from '../domain/tenancy';
import type { Logger } from '../logging/logger';

/** Hono variables every handler can rely on after the middleware chain. */
export interface ApiEnv {
  Variables: {
    requestId: string;
    traceparent: string;
    logger: Logger;
    tenant: TenantContext;
  };
}
