import { randomBytes } from 'node:crypto';
import { SignJWT } from 'jose';
import { createLocalIdentityVerifier, issueLocalToken } from '../../shared/adapters/embedded/local-identity';
import type { IdentityBackend } from './identity.suite';

/** The local issuer + verifier as an IdentityBackend for the conformance suite. */
export async function identityBackendFor(key: Uint8Array): Promise<IdentityBackend> {
  return {
    verifier: createLocalIdentityVerifier(key),
    issue: async ({ uid, tenantId, role, brandIds }) =>
      tenantId && role && (brandIds === undefined || Array.isArray(brandIds))
        ? issueLocalToken(key, {
            uid,
            tenantId,
            role,
            ...(brandIds ? { brandIds: brandIds as string[] } : {}),
          })
        : new SignJWT({
            ...(tenantId ? { tenantId } : {}),
            ...(role ? { role } : {}),
            ...(brandIds !== undefined ? { brandIds } : {}),
          })
            .setProtectedHeader({ alg: 'HS256' })
            .setSubject(uid)
            .setIssuer('pulsepoint-local')
            .setAudience('pulsepoint')
            .setIssuedAt()
            .setExpirationTime('1h')
            .sign(key),
    issueExpired: () =>
      issueLocalToken(key, {
        tenantId: 'tenant_a',
        role: 'owner',
        ttlSeconds: 60,
        now: new Date(Date.now() - 3_600_000),
      }),
    issueForeign: () => issueLocalToken(randomBytes(32), { tenantId: 'tenant_a', role: 'owner' }),
    close: async () => {},
  };
}
