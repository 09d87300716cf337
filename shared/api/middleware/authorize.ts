import { createMiddleware } from 'hono/factory';
import { ForbiddenError } from '../../kernel/errors';
import type { ApiEnv } from '../env';
import { isAllowed, policyFor } from '../permissions';
import { matchedRoute } from './matched-route';

/**
 * Looks the matched route up in the permission table and checks the caller's role. A route with
 * no entry is refused (fail closed) and logged, so a forgotten entry is loud, not open.
 */
export function authorize() {
  return createMiddleware<ApiEnv>(async function authorizeMiddleware(c, next) {
    const route = matchedRoute(c);
    if (!route) return next();
    const policy = policyFor(route.method, route.path);
    if (!policy) {
      c.get('logger').error('route has no permission entry', { route: `${route.method} ${route.path}` });
      throw new ForbiddenError('this route is not open to any role');
    }
    const ctx = c.get('tenant');
    if (!isAllowed(ctx.role, policy.permission))
      throw new ForbiddenError(`role ${ctx.role} may not ${policy.permission}`);
    c.set('policy', policy);
    await next();
  });
}
