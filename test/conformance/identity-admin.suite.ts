import { describe, expect, it } from 'vitest';
import type { IdentityAdmin, IdentityVerifier } from '../../shared/ports/identity';

/**
 * What every IdentityAdmin must do, proven through the tokens its accounts then sign in with: the
 * local issuer's directory, and Firebase Auth (Admin SDK) on the Auth emulator.
 */
export interface IdentityAdminBackend {
  admin: IdentityAdmin;
  verifier: IdentityVerifier;
  /** A token the account gets by signing in now, as the web app would. */
  signIn(uid: string, email: string): Promise<string>;
  /** Whether the issuer now refuses this token as revoked. */
  isRevoked(token: string): Promise<boolean>;
  close(): Promise<void>;
}
type Factory = () => Promise<IdentityAdminBackend>;

async function withAdmin(make: Factory, fn: (b: IdentityAdminBackend) => Promise<void>) {
  const b = await make();
  try {
    await fn(b);
  } finally {
    await b.close();
  }
}

let n = 0;
const address = () => `person-${Date.now()}-${++n}@example.test`;

export const identityAdminChecks: Record<string, (make: Factory) => Promise<void>> = {
  'an address names one account: created once, found after, whatever its case': (make) =>
    withAdmin(make, async (b) => {
      const email = address();
      const first = await b.admin.accountForEmail(email);
      expect(first).toMatchObject({ email, created: true });
      const again = await b.admin.accountForEmail(email.toUpperCase());
      expect(again).toMatchObject({ uid: first.uid, created: false });
    }),
  'claims set on an account are in the tokens it signs in with, and shown on the account': (make) =>
    withAdmin(make, async (b) => {
      const email = address();
      const { uid } = await b.admin.accountForEmail(email);
      await b.admin.setClaims(uid, { tenantId: 'tenant_a', role: 'analyst', brandIds: ['b1'] });
      expect(await b.verifier.verify(await b.signIn(uid, email))).toMatchObject({
        ok: true,
        value: { uid, tenantId: 'tenant_a', role: 'analyst', brandIds: ['b1'] },
      });
      expect(await b.admin.accountForEmail(email)).toMatchObject({
        claims: { tenantId: 'tenant_a', role: 'analyst', brandIds: ['b1'] },
      });
    }),
  'cleared claims: the next sign-in carries no tenant': (make) =>
    withAdmin(make, async (b) => {
      const email = address();
      const { uid } = await b.admin.accountForEmail(email);
      await b.admin.setClaims(uid, { tenantId: 'tenant_a', role: 'owner' });
      await b.admin.setClaims(uid, null);
      expect(await b.verifier.verify(await b.signIn(uid, email))).toMatchObject({
        ok: false,
        reason: 'missing_claims',
      });
      expect((await b.admin.accountForEmail(email)).claims).toBeUndefined();
    }),
  'revoking sessions revokes a token issued before': (make) =>
    withAdmin(make, async (b) => {
      const email = address();
      const { uid } = await b.admin.accountForEmail(email);
      await b.admin.setClaims(uid, { tenantId: 'tenant_a', role: 'owner' });
      const token = await b.signIn(uid, email);
      expect(await b.isRevoked(token)).toBe(false);
      // Firebase compares whole seconds (auth_time < validSince).
      await new Promise((r) => setTimeout(r, 1100));
      await b.admin.revokeSessions(uid);
      expect(await b.isRevoked(token)).toBe(true);
    }),
  'a password-setup link, where the backend has one, is an absolute URL': (make) =>
    withAdmin(make, async (b) => {
      const email = address();
      await b.admin.accountForEmail(email);
      const link = await b.admin.passwordSetupLink(email);
      if (link !== undefined) expect(new URL(link).protocol).toMatch(/^https?:$/);
    }),
};

export function describeIdentityAdminConformance(backend: string, make: Factory): void {
  describe(`IdentityAdmin conformance: ${backend}`, () => {
    for (const [name, check] of Object.entries(identityAdminChecks)) it(name, () => check(make), 20_000);
  });
}
