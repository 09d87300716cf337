import type { Context } from 'hono';
import { matchedRoutes } from 'hono/route';

/**
 * The route that will answer this request, as registered (`/api/brands/:brandId`), or undefined
 * when only middleware matched (the request ends in a 404). Routes mounted with `all()` report
 * the request's own method.
 */
export function matchedRoute(c: Context): { method: string; path: string } | undefined {
  const last = matchedRoutes(c).at(-1);
  if (!last) return undefined;
  if (last.method === 'ALL' && last.path.endsWith('*')) return undefined;
  return { method: last.method === 'ALL' ? c.req.method : last.method, path: last.path };
}
