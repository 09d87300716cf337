import { createMiddleware } from 'hono/factory';
import type { Logger } from '../../logging/logger';
import type { ApiEnv } from '../env';

const TRACEPARENT = /^00-([\da-f]{32})-([\da-f]{16})-([\da-f]{2})$/;

function randomHex(bytes: number): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(bytes))).toString('hex');
}

/**
 * Request id and W3C traceparent: kept from the caller when valid, otherwise started here.
 * Both are echoed on the response and carried by the request's logger.
 */
export function requestContext(options: { logger: Logger }) {
  return createMiddleware<ApiEnv>(async function requestContextMiddleware(c, next) {
    const incoming = c.req.header('traceparent');
    const match = incoming ? TRACEPARENT.exec(incoming) : null;
    const traceparent = match
      ? `00-${match[1]}-${randomHex(8)}-${match[3]}`
      : `00-${randomHex(16)}-${randomHex(8)}-01`;
    const requestId = c.req.header('x-request-id')?.slice(0, 128) || randomHex(8);
    c.set('requestId', requestId);
    c.set('traceparent', traceparent);
    c.set('logger', options.logger.child({ requestId }, traceparent));
    c.header('x-request-id', requestId);
    c.header('traceparent', traceparent);
    await next();
  });
}
