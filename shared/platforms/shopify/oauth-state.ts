import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { Result } from '../../kernel/result';
import { fail, ok } from '../../kernel/result';

/**
 * The OAuth `state`: a nonce bound to the shop, the brand it will connect and an expiry, signed
 * with a key derived from the app secret. The callback trusts tenant and brand only because they
 * come back inside this signature; the nonce must also match the installer's cookie, so a state
 * cannot be replayed from another browser.
 */
const claimsSchema = z.object({
  shop: z.string(),
  tenantId: z.string(),
  brandId: z.string(),
  nonce: z.string(),
  exp: z.number().int(),
});
export type OAuthStateClaims = z.infer<typeof claimsSchema>;
export type StateFailure = 'malformed' | 'bad_signature' | 'expired';

const keyOf = (secret: string) =>
  createHmac('sha256', secret).update('pulsepoint:shopify-oauth-state').digest();

export function createOAuthState(
  secret: string,
  claims: Omit<OAuthStateClaims, 'nonce'>,
): { state: string; nonce: string } {
  const nonce = randomBytes(16).toString('base64url');
  const body = Buffer.from(JSON.stringify({ ...claims, nonce })).toString('base64url');
  const sig = createHmac('sha256', keyOf(secret)).update(body).digest('base64url');
  return { state: `${body}.${sig}`, nonce };
}

export function verifyOAuthState(
  secret: string,
  state: string,
  nowMs: number,
): Result<OAuthStateClaims, StateFailure> {
  const [body, sig, extra] = state.split('.');
  if (!body || !sig || extra !== undefined) return fail('malformed');
  const expected = createHmac('sha256', keyOf(secret)).update(body).digest();
  const given = Buffer.from(sig, 'base64url');
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return fail('bad_signature');
  let claims: OAuthStateClaims;
  try {
    claims = claimsSchema.parse(JSON.parse(Buffer.from(body, 'base64url').toString('utf8')));
  } catch {
    return fail('malformed');
  }
  if (claims.exp * 1000 < nowMs) return fail('expired');
  return ok(claims);
}
