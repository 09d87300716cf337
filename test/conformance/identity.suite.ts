import { describe, expect, it } from 'vitest';
import type { Role } from '../../shared/domain/tenancy';
import type { IdentityVerifier } from '../../shared/ports/identity';

/**
 * What every IdentityVerifier must do. A backend supplies a verifier and a way to mint tokens
 * as its real issuer would (the local key, or the Firebase Auth emulator).
 */
export interface IdentityBackend {
  verifier: IdentityVerifier;
  /** `brandIds` is `unknown` so a check can mint a claim of the wrong shape, as a bad issuer might. */
  issue(claims: { uid: string; tenantId?: string; role?: Role; brandIds?: unknown }): Promise<string>;
  /** A token the verifier must reject: expired, or signed by someone else. */
  issueExpired?(): Promise<string>;
  issueForeign(): Promise<string>;
  close(): Promise<void>;
}
export type IdentityFactory = () => Promise<IdentityBackend>;

async function withIdentity(make: IdentityFactory, fn: (b: IdentityBackend) => Promise<void>) {
  const b = await make();
  try {
    await fn(b);
  } finally {
    await b.close();
  }
}

export const identityChecks: Record<string, (make: IdentityFactory) => Promise<void>> = {
  'a token from the issuer yields its tenant, role and brands': (make) =>
    withIdentity(make, async (b) => {
      const token = await b.issue({ uid: 'u1', tenantId: 'tenant_a', role: 'analyst', brandIds: ['b1'] });
      expect(await b.verifier.verify(token)).toEqual({
        ok: true,
        value: expect.objectContaining({
          uid: 'u1',
          tenantId: 'tenant_a',
          role: 'analyst',
          brandIds: ['b1'],
        }),
      });
    }),
  'a token without tenant or role claims is refused': (make) =>
    withIdentity(make, async (b) => {
      const result = await b.verifier.verify(await b.issue({ uid: 'u2' }));
      expect(result).toMatchObject({ ok: false, reason: 'missing_claims' });
    }),
  'a brandIds claim that is not a list of brand ids is refused, not read as the whole tenant': (make) =>
    withIdentity(make, async (b) => {
      for (const [i, brandIds] of ['b1', { 0: 'b1' }, [1, 2], ['Not A Brand!']].entries()) {
        const token = await b.issue({ uid: `u3-${i}`, tenantId: 'tenant_a', role: 'analyst', brandIds });
        expect(await b.verifier.verify(token)).toMatchObject({ ok: false, reason: 'missing_claims' });
      }
    }),
  'a token signed by someone else is refused': (make) =>
    withIdentity(make, async (b) => {
      expect((await b.verifier.verify(await b.issueForeign())).ok).toBe(false);
    }),
  'an expired token is refused': (make) =>
    withIdentity(make, async (b) => {
      if (!b.issueExpired) return;
      expect(await b.verifier.verify(await b.issueExpired())).toMatchObject({ ok: false, reason: 'expired' });
    }),
  'garbage and absence are refused': (make) =>
    withIdentity(make, async (b) => {
      expect(await b.verifier.verify('not-a-token')).toMatchObject({ ok: false });
      expect(await b.verifier.verify('')).toMatchObject({ ok: false, reason: 'missing' });
    }),
};

export function describeIdentityConformance(backend: string, make: IdentityFactory): void {
  describe(`IdentityVerifier conformance: ${backend}`, () => {
    for (const [name, check] of Object.entries(identityChecks)) it(name, () => check(make));
  });
}
