import { z } from '@hono/zod-openapi';
import type { Role, TenantContext } from '../../domain/tenancy';
import { ForbiddenError, NotFoundError } from '../../kernel/errors';
import type { OperationalStore } from '../../ports/operational-store';

/** Pieces the per-resource route files share: OpenAPI response/body shapes and path params. */
export const json = <S extends z.ZodType>(schema: S, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
export const body = <S extends z.ZodType>(schema: S) => ({
  body: { content: { 'application/json': { schema } }, required: true },
});

export const brandParams = z.object({ brandId: z.string().min(1).max(63) });
export const itemParams = brandParams.extend({ id: z.string().min(1).max(128) });
export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');

export function requireRole(ctx: TenantContext, roles: readonly Role[], what: string): void {
  if (ctx.role === 'system' || !roles.includes(ctx.role))
    throw new ForbiddenError(`role ${ctx.role} may not ${what}`);
}

/** 404 unless the brand exists in the caller's tenant (another tenant's brand is simply absent). */
export async function requireBrand(store: OperationalStore, ctx: TenantContext, brandId: string) {
  if (!(await store.brands.get(ctx, brandId))) throw new NotFoundError(`brand ${brandId} not found`);
}
