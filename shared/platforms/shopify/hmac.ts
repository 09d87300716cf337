import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Shopify's two signatures, both HMAC-SHA256 with the app's client secret:
 * - webhooks sign the raw request body, base64, in `X-Shopify-Hmac-Sha256`;
 * - OAuth redirects sign the query string minus `hmac` (and the legacy `signature`), pairs sorted
 *   by key and joined with `&`, hex, in the `hmac` parameter.
 * Comparison is constant-time over equal-length buffers; a missing or malformed value is false.
 */
function safeEqual(expected: Buffer, given: Buffer): boolean {
  return expected.length === given.length && timingSafeEqual(expected, given);
}

export function verifyWebhookHmac(
  secret: string,
  rawBody: Uint8Array,
  header: string | null | undefined,
): boolean {
  if (!header) return false;
  const expected = createHmac('sha256', secret).update(rawBody).digest();
  return safeEqual(expected, Buffer.from(header, 'base64'));
}

export function verifyQueryHmac(secret: string, query: URLSearchParams): boolean {
  const given = query.get('hmac');
  if (!given || !/^[0-9a-f]{64}$/i.test(given)) return false;
  const message = [...query.entries()]
    .filter(([k]) => k !== 'hmac' && k !== 'signature')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  const expected = createHmac('sha256', secret).update(message).digest();
  return safeEqual(expected, Buffer.from(given, 'hex'));
}
