import { z } from '@hono/zod-openapi';

/** Shared OpenAPI pieces: the error body and the error responses most routes can give. */
export const errorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'not_found' }),
      message: z.string(),
      details: z.unknown().optional(),
    }),
  })
  .openapi('Error');

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: errorSchema } },
});

export const ERROR_RESPONSES = {
  400: errorResponse('The request failed validation'),
  401: errorResponse('Missing or invalid credentials'),
  403: errorResponse('The caller’s role may not do this'),
  404: errorResponse('No such resource for this caller'),
  429: errorResponse('Rate limited; see Retry-After'),
} as const;

export const CONFLICT_RESPONSE = errorResponse('Conflicts with an existing resource');

export function jsonBody<S extends z.ZodType>(schema: S, description = 'Request body') {
  return { description, required: true, content: { 'application/json': { schema } } };
}

export function jsonResponse<S extends z.ZodType>(schema: S, description: string) {
  return { description, content: { 'application/json': { schema } } };
}

export const brandParams = z.object({
  brandId: z.string().openapi({ param: { name: 'brandId', in: 'path' }, example: 'acme' }),
});

/** Loopback http is fine in development; anything else must be https (the notifier posts there). */
export const webhookUrl = z
  .string()
  .url()
  .refine(
    (u) => u.startsWith('https://') || /^http:\/\/(localhost|127\.0\.0\.1)(:\d+)?\//.test(u),
    'must be an https:// URL',
  );
