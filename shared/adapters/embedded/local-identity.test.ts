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

describe('a token verified before (kept by its text, decision 975)', () => {
  it('is refused once it expires, though it was accepted before', async () => {
    const moving = fixedClock('2026-11-20T12:00:00Z');
    const v = createLocalIdentityVerifier(key, moving);
    const token = await issueLocalToken(key, {
      tenantId: 'tenant_a',
      role: 'owner',
      now: moving.now(),
      ttlSeconds: 60,
    });
    expect((await v.verify(token)).ok).toBe(true);
    moving.advance(59_000);
    expect((await v.verify(token)).ok).toBe(true);
    moving.advance(1_000);
    expect(await v.verify(token)).toMatchObject({ ok: false, reason: 'expired' });
  });

  it('is refused once its session is revoked, though it was accepted before', async () => {
    let revoked = false;
    const v = createLocalIdentityVerifier(key, clock, { revoked: async () => revoked });
    const token = await issueLocalToken(key, { tenantId: 'tenant_a', role: 'owner', now: clock.now() });
    expect((await v.verify(token)).ok).toBe(true);
    revoked = true;
    expect(await v.verify(token)).toMatchObject({ ok: false, reason: 'revoked' });
  });

  it('does not vouch for another text: a changed signature or a token of another key is refused', async () => {
    const token = await issueLocalToken(key, { tenantId: 'tenant_a', role: 'owner', now: clock.now() });
    expect((await verifier.verify(token)).ok).toBe(true);
    const last = token.at(-2) === 'A' ? 'B' : 'A';
    expect(await verifier.verify(`${token.slice(0, -2)}${last}${token.at(-1)}`)).toMatchObject({
      ok: false,
      reason: 'bad_signature',
    });
    const foreign = await issueLocalToken(randomBytes(32), {
      tenantId: 'tenant_a',
      role: 'owner',
      now: clock.now(),
    });
    expect(await verifier.verify(foreign)).toMatchObject({ ok: false, reason: 'bad_signature' });
  });
});
