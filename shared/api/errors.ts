import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ZodError } from 'zod';
import { type ErrorBody, errorBody } from '../kernel/error-body';
import { AppError, RateLimitedError } from '../kernel/errors';
import type { ApiEnv } from './env';

export { type ErrorBody, errorBody };

const HTTP_CODES: Partial<Record<number, string>> = {
  400: 'invalid_request',
  401: 'unauthenticated',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
};

/** The one place errors become HTTP: known errors keep their status, the rest are a bare 500. */
export function onApiError(err: Error, c: Context<ApiEnv>): Response {
  if (err instanceof RateLimitedError) {
    c.header('Retry-After', String(Math.max(1, Math.ceil(err.retryAfterMs / 1000))));
  }
  if (err instanceof AppError && err.status < 500) {
    return c.json(errorBody(err.code, err.message, err.details), err.status as ContentfulStatusCode);
  }
  if (err instanceof ZodError) {
    return c.json(errorBody('invalid_request', 'request failed validation', err.issues), 400);
  }
  if (err instanceof HTTPException) {
    const status = err.status;
    const code = HTTP_CODES[status] ?? 'http_error';
    return c.json(errorBody(code, err.message || 'request failed'), status);
  }
  const log = c.get('logger');
  log?.error('unhandled error', { error: err, path: c.req.path });
  if (err instanceof AppError)
    return c.json(errorBody(err.code, err.message), err.status as ContentfulStatusCode);
  return c.json(errorBody('internal', 'internal error'), 500);
}
