import { webcrypto } from 'node:crypto';
import { errors, type JWTPayload, jwtVerify, SignJWT } from 'jose';
import type { Role } from '../../domain/tenancy';
import { fail, ok } from '../../kernel/result';
import { createLruCache } from '../../kernel/util/lru';
import type { IdentityVerifier } from '../../ports/identity';
import { hasSaneTimes, identityFromClaims } from '../identity-claims';

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

/** The local account directory's revocations (./local-identity-admin.ts). */
export interface LocalSessions {
  revoked(uid: string, iatSeconds: number): Promise<boolean>;
}

/** Verified tokens remembered per verifier (decision 975). */
const VERIFIED_TOKENS = 1_000;

/** What `jwtVerify` checks against the clock, with no tolerance as it is called: exp, nbf, and iat (`hasSaneTimes`). */
function inTime(payload: JWTPayload, now: Date): boolean {
  const seconds = Math.floor(now.getTime() / 1000);
  return (
    typeof payload.exp === 'number' &&
    payload.exp > seconds &&
    (payload.nbf === undefined || payload.nbf <= seconds) &&
    hasSaneTimes(payload, now)
  );
}

export function createLocalIdentityVerifier(
  key: Uint8Array,
  clock: { now(): Date } = { now: () => new Date() },
  sessions?: LocalSessions,
): IdentityVerifier {
  // Imported once: given the raw bytes, jose imports the key again for every token, which was a
  // third of the verification's time per request (decision 968).
  let hmacKey: Promise<webcrypto.CryptoKey> | undefined;
  const verifyKey = () =>
    (hmacKey ??= webcrypto.subtle.importKey('raw', key, { name: 'HMAC', hash: 'SHA-256' }, false, [
      'verify',
    ]));
  // Tokens whose signature was verified, by their exact text: a client sends the same token with
  // every request, and the HMAC check was a tenth of a cached dashboard's CPU (decision 975). Only
  // the signature is taken as checked (the same text has the same one); the clock (exp, nbf, iat)
  // and revocation are judged again on every request.
  const verified = createLruCache<string, JWTPayload>(VERIFIED_TOKENS);
  return {
    async verify(token) {
      if (!token) return fail('missing');
      try {
        const now = clock.now();
        let payload = verified.get(token);
        if (payload && !inTime(payload, now)) {
          verified.delete(token);
          payload = undefined; // verified in full below, which says why it fails
        }
        if (!payload) {
          ({ payload } = await jwtVerify(token, await verifyKey(), {
            issuer: ISSUER,
            audience: AUDIENCE,
            algorithms: ['HS256'],
            currentDate: now,
            requiredClaims: ['exp', 'iat', 'sub'],
          }));
          // A token without exp would never expire; one issued in the future was minted by a bad clock or hand.
          if (!hasSaneTimes(payload, now)) return fail('missing_claims');
          verified.set(token, payload);
        }
        const identity = identityFromClaims(payload.sub, payload);
        if (!identity) return fail('missing_claims');
        if (await sessions?.revoked(identity.uid, payload.iat as number)) return fail('revoked');
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
