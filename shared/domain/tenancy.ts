import { z } from 'zod';

export const ROLES = ['owner', 'admin', 'analyst', 'viewer'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

/**
 * Ids no tenant may take: `pp_<id>` would name a shared dataset (`pp_ops` holds every tenant's
 * token ledger and the finance views; dropping a tenant called `ops` would delete it).
 * docs/decisions/922.
 */
export const RESERVED_TENANT_IDS: readonly string[] = ['ops'];

/** Tenant ids become warehouse dataset names (`pp_<tenant>`), so they are kept to a safe alphabet. */
export const tenantIdSchema = z
  .string()
  .regex(
    /^[a-z][a-z0-9_]{1,62}$/,
    'tenant id: lowercase letters, digits and _ (2-63 chars, starts with a letter)',
  )
  .refine((id) => !RESERVED_TENANT_IDS.includes(id), 'tenant id: reserved (it would name a shared dataset)');
export const brandIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'brand id: lowercase letters, digits and - (1-63 chars)');

/**
 * Who is acting, for which tenant. Every repository and warehouse call takes one first, so a call
 * that forgot whose data it touches does not compile.
 */
export interface TenantContext {
  readonly tenantId: string;
  readonly uid: string;
  readonly role: Role | 'system';
  /** Agency client users may be limited to some brands; undefined means every brand of the tenant. */
  readonly brandIds?: readonly string[];
  readonly requestId?: string;
  readonly traceparent?: string;
}

/** The context background jobs act in: the whole tenant, on behalf of a named job. */
export function systemContext(tenantId: string, job: string, traceparent?: string): TenantContext {
  return { tenantId, uid: `system:${job}`, role: 'system', ...(traceparent ? { traceparent } : {}) };
}

export function canAccessBrand(ctx: TenantContext, brandId: string): boolean {
  return ctx.brandIds === undefined || ctx.brandIds.includes(brandId);
}
