import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { AD_PLATFORMS } from '../../domain/entities';
import { fail, ok, type Result } from '../../kernel/result';

/**
 * The `state` of an ad-platform authorization: which tenant, brand and member started it, a nonce
 * the starting browser also holds (in `__session`), and an expiry, signed with a key derived from
 * the app secret. The callback is unauthenticated: it trusts tenant and brand only because they
 * come back inside this signature.
 */
const claimsSchema = z.object({
  platform: z.enum(AD_PLATFORMS),
  tenantId: z.string(),
  brandId: z.string(),
  uid: z.string(),
  nonce: z.string(),
  exp: z.number().int(),
});
export type AdOAuthStateClaims = z.infer<typeof claimsSchema>;

const keyOf = (secret: string) => createHmac('sha256', secret).update('pulsepoint:ad-oauth-state').digest();
const sign = (secret: string, body: string) => createHmac('sha256', keyOf(secret)).update(body).digest();

export function createAdOAuthState(secret: string, claims: Omit<AdOAuthStateClaims, 'nonce'>) {
  const nonce = randomBytes(16).toString('base64url');
  const body = Buffer.from(JSON.stringify({ ...claims, nonce })).toString('base64url');
  return { state: `${body}.${sign(secret, body).toString('base64url')}`, nonce };
}

export function verifyAdOAuthState(
  secret: string,
  state: string,
  nowMs: number,
): Result<AdOAuthStateClaims, 'malformed' | 'bad_signature' | 'expired'> {
  const [body, sig, extra] = state.split('.');
  if (!body || !sig || extra !== undefined) return fail('malformed');
  const expected = sign(secret, body);
  const given = Buffer.from(sig, 'base64url');
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return fail('bad_signature');
  const parsed = claimsSchema.safeParse(
    (() => {
      try {
        return JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
      } catch {
        return undefined;
      }
    })(),
  );
  if (!parsed.success) return fail('malformed');
  if (parsed.data.exp * 1000 < nowMs) return fail('expired');
  return ok(parsed.data);
}
