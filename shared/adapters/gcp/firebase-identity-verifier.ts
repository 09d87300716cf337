import { fail, ok } from '../../kernel/result';
import type { IdentityFailure, IdentityVerifier } from '../../ports/identity';
import { identityFromClaims } from '../identity-claims';
import { type FirebaseAuthOptions, firebaseAuthClient } from './firebase-auth-client';

export type FirebaseIdentityVerifierOptions = FirebaseAuthOptions;

/**
 * The IdentityVerifier on Firebase Auth: `verifyIdToken` checks the signature against Google's
 * keys, the audience (project) and expiry; the tenant, role and brand allow-list are custom
 * claims set by `pulsepoint owner` and the members API (./firebase-identity-admin.ts).
 * firebase-admin accepts the Auth emulator's unsigned tokens when FIREBASE_AUTH_EMULATOR_HOST is
 * set, which is how the conformance suite runs it offline.
 */
export function createFirebaseIdentityVerifier(options: FirebaseIdentityVerifierOptions): IdentityVerifier {
  const auth = firebaseAuthClient(options);

  return {
    async verify(token) {
      if (!token) return fail('missing');
      let decoded: Record<string, unknown> & { uid: string };
      try {
        // Revocation is not checked per request: that is a network call on every API hit. A
        // disabled user's token stops working when it expires (at most an hour).
        decoded = await (await auth()).verifyIdToken(token);
      } catch (err) {
        return fail(failureOf(err));
      }
      // verifyIdToken has checked signature, audience, exp and iat (Firebase ID tokens always carry both).
      const identity = identityFromClaims(decoded.uid, decoded);
      if (!identity) return fail('missing_claims');
      return ok(identity);
    },
  };
}

function failureOf(err: unknown): IdentityFailure {
  const code = (err as { code?: unknown })?.code;
  const message = err instanceof Error ? err.message : '';
  if (code === 'auth/id-token-expired') return 'expired';
  if (/signature/i.test(message)) return 'bad_signature';
  return 'malformed';
}
