import { randomBytes } from 'node:crypto';
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../ports/clock';
import { createLocalIdentityVerifier, issueLocalToken } from './local-identity';

const key = randomBytes(32);
const clock = fixedClock('2026-11-20T12:00:00Z');
const nowSeconds = Math.floor(clock.now().getTime() / 1000);
const verifier = createLocalIdentityVerifier(key, clock);

function signed(claims: { iat?: number; exp?: number }) {
  let jwt = new SignJWT({ tenantId: 'tenant_a', role: 'owner' })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('u1')
    .setIssuer('pulsepoint-local')
    .setAudience('pulsepoint');
  if (claims.iat !== undefined) jwt = jwt.setIssuedAt(claims.iat);
  if (claims.exp !== undefined) jwt = jwt.setExpirationTime(claims.exp);
  return jwt.sign(key);
}

describe('local signed tokens', () => {
  it('accepts a token the issuer minted now', async () => {
    const token = await issueLocalToken(key, { tenantId: 'tenant_a', role: 'owner', now: clock.now() });
    expect((await verifier.verify(token)).ok).toBe(true);
  });

  it('refuses a token without an expiry, which would never expire', async () => {
    const token = await signed({ iat: nowSeconds });
    expect(await verifier.verify(token)).toMatchObject({ ok: false, reason: 'missing_claims' });
  });

  it('refuses a token issued in the future beyond the clock-skew allowance', async () => {
    const token = await signed({ iat: nowSeconds + 600, exp: nowSeconds + 3600 });
    expect(await verifier.verify(token)).toMatchObject({ ok: false, reason: 'missing_claims' });
  });

  it('tolerates a few seconds of clock skew on the issue time', async () => {
    const token = await signed({ iat: nowSeconds + 20, exp: nowSeconds + 3600 });
    expect((await verifier.verify(token)).ok).toBe(true);
  });

  it('refuses a token without an issue time', async () => {
    const token = await signed({ exp: nowSeconds + 3600 });
    expect(await verifier.verify(token)).toMatchObject({ ok: false, reason: 'missing_claims' });
  });
});
