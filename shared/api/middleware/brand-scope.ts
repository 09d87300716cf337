import { createMiddleware } from 'hono/factory';
import { NotFoundError } from '../../kernel/errors';
import type { OperationalStore } from '../../ports/operational-store';
import type { BrandCache } from '../brand-cache';
import type { ApiEnv } from '../env';

const READS = new Set(['GET', 'HEAD']);

/**
 * Every `/api/brands/{brandId}/...` route: the brand is read through the caller's own context, so
 * another tenant's brand and a brand outside the allow-list are both "not found" (404) before
 * any handler runs, whatever the route does. A read takes the document from the brand cache (at
 * most a second old, never older than this instance's own writes); a write reads it from the
 * store, since it may change the brand from what it reads (decision 1024).
 */
export function brandScope(options: {
  brands: Pick<BrandCache, 'get'>;
  store: Pick<OperationalStore, 'brands'>;
}) {
  return createMiddleware<ApiEnv>(async function brandScopeMiddleware(c, next) {
    const brandId = c.req.param('brandId');
    if (!brandId) return next();
    const ctx = c.get('tenant');
    const brand = READS.has(c.req.method)
      ? await options.brands.get(ctx, brandId)
      : await options.store.brands.get(ctx, brandId);
    if (!brand) throw new NotFoundError(`brand ${brandId} not found`);
    c.set('brand', brand);
    await next();
  });
}
