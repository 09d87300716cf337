import { errors, jwtVerify, SignJWT } from 'jose';
import { type Role, roleSchema, tenantIdSchema } from '../../domain/tenancy';
import { fail, ok } from '../../kernel/result';
import type { IdentityVerifier, VerifiedIdentity } from '../../ports/identity';

/**
 * The local signed-token issuer and verifier used by `npm start` and tests: HS256 JWTs carrying
 * the same claims as the Firebase custom claims (`tenantId`, `role`, `brandIds`).
 */
const ISSUER = 'pulsepoint-local';
const AUDIENCE = 'pulsepoint';

export interface IssueOptions {
  uid?: string;
  tenantId: string;
  role: Role;
  brandIds?: string[];
  email?: string;
  /** Lifetime in seconds (default 12 h). */
  ttlSeconds?: number;
  now?: Date;
}

export async function issueLocalToken(key: Uint8Array, o: IssueOptions): Promise<string> {
  const now = Math.floor((o.now ?? new Date()).getTime() / 1000);
  const claims: Record<string, unknown> = { tenantId: o.tenantId, role: o.role };
  if (o.brandIds) claims.brandIds = o.brandIds;
  if (o.email) claims.email = o.email;
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(o.uid ?? `local:${o.tenantId}:${o.role}`)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt(now)
    .setExpirationTime(now + (o.ttlSeconds ?? 12 * 3600))
    .sign(key);
}

export function createLocalIdentityVerifier(
  key: Uint8Array,
  clock: { now(): Date } = { now: () => new Date() },
): IdentityVerifier {
  return {
    async verify(token) {
      if (!token) return fail('missing');
      try {
        const { payload } = await jwtVerify(token, key, {
          issuer: ISSUER,
          audience: AUDIENCE,
          algorithms: ['HS256'],
          currentDate: clock.now(),
        });
        const tenant = tenantIdSchema.safeParse(payload.tenantId);
        const role = roleSchema.safeParse(payload.role);
        if (!payload.sub || !tenant.success || !role.success) return fail('missing_claims');
        const identity: VerifiedIdentity = { uid: payload.sub, tenantId: tenant.data, role: role.data };
        if (Array.isArray(payload.brandIds)) identity.brandIds = payload.brandIds.map(String);
        if (typeof payload.email === 'string') identity.email = payload.email;
        return ok(identity);
      } catch (err) {
        if (err instanceof errors.JWTExpired) return fail('expired');
        if (err instanceof errors.JWSSignatureVerificationFailed) return fail('bad_signature');
        if (err instanceof errors.JWTClaimValidationFailed) return fail('missing_claims');
        return fail('malformed');
      }
    },
  };
}
