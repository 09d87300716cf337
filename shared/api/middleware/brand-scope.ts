import { createMiddleware } from 'hono/factory';
import { NotFoundError } from '../../kernel/errors';
import type { OperationalStore } from '../../ports/operational-store';
import type { ApiEnv } from '../env';

/**
 * Every `/api/brands/{brandId}/...` route: the brand is read through the caller's own context, so
 * another tenant's brand and a brand outside the allow-list are both "not found" (404) before
 * any handler runs, whatever the route does.
 */
export function brandScope(options: { store: OperationalStore }) {
  return createMiddleware<ApiEnv>(async function brandScopeMiddleware(c, next) {
    const brandId = c.req.param('brandId');
    if (!brandId) return next();
    const brand = await options.store.brands.get(c.get('tenant'), brandId);
    if (!brand) throw new NotFoundError(`brand ${brandId} not found`);
    c.set('brand', brand);
    await next();
  });
}
