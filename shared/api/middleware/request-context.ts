import { createMiddleware } from 'hono/factory';
import type { Logger } from '../../kernel/logging/logger';
import { continueTrace, newRequestId } from '../../kernel/observability/trace';
import type { ApiEnv } from '../env';

/**
 * Request id and W3C traceparent: kept from the caller when valid, otherwise started here.
 * Both are echoed on the response and carried by the request's logger.
 */
export function requestContext(options: { logger: Logger }) {
  return createMiddleware<ApiEnv>(async function requestContextMiddleware(c, next) {
    const traceparent = continueTrace(c.req.header('traceparent'));
    const requestId = c.req.header('x-request-id')?.slice(0, 128) || newRequestId();
    c.set('requestId', requestId);
    c.set('traceparent', traceparent);
    c.set('logger', options.logger.child({ requestId }, traceparent));
    c.header('x-request-id', requestId);
    c.header('traceparent', traceparent);
    await next();
  });
}
