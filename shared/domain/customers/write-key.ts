import { z } from 'zod';
import { brandIdSchema } from '../tenancy';

/**
 * A brand's publishable write key: it sits in the storefront's pixel settings, so it is not a
 * secret. It only lets a browser add events to its brand, only from the brand's own store
 * origins (CORS), at a bounded rate; revoking it stops collection at once.
 */
export const WRITE_KEY_PREFIX = 'pp_wk_';
export const WRITE_KEY_SHAPE = /^pp_wk_[A-Za-z0-9_-]{32}$/;

/** A browser origin: scheme, host and optional port, nothing after it (`https://shop.example`). */
export const originSchema = z
  .string()
  .max(300)
  .refine((o) => {
    try {
      const u = new URL(o);
      return (u.protocol === 'https:' || u.protocol === 'http:') && u.origin === o;
    } catch {
      return false;
    }
  }, 'an origin such as https://shop.example.com (scheme and host, no path or trailing slash)');

export const writeKeySchema = z.object({
  id: z.string().min(1),
  brandId: brandIdSchema,
  name: z.string().min(1).max(100),
  key: z.string().regex(WRITE_KEY_SHAPE),
  /** Origins allowed besides the brand's own https://<shop>.myshopify.com. */
  allowedOrigins: z.array(originSchema).max(20).default([]),
  /** Collect requests per minute the key may make (a token bucket, bursts up to this). */
  requestsPerMinute: z.number().int().min(10).max(60_000).default(600),
  createdBy: z.string(),
  createdAt: z.string(),
  revokedAt: z.string().optional(),
});
export type WriteKey = z.infer<typeof writeKeySchema>;

/** The origins a key accepts requests from: the brand's Shopify domain plus its listed origins. */
export function writeKeyOrigins(key: WriteKey, shopDomain: string): string[] {
  return [...new Set([`https://${shopDomain}`, ...key.allowedOrigins])];
}
