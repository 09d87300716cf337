import type { App } from 'firebase-admin/app';
import { roleSchema, tenantIdSchema } from '../../domain/tenancy';
import { fail, ok } from '../../kernel/result';
import type { IdentityFailure, IdentityVerifier, VerifiedIdentity } from '../../ports/identity';
import { lazy } from './lazy';

export interface FirebaseIdentityVerifierOptions {
  projectId: string;
  /** The firebase-admin app name; distinct names keep verifiers for two projects apart. */
  appName?: string;
}

/**
 * The IdentityVerifier on Firebase Auth: `verifyIdToken` checks the signature against Google's
 * keys, the audience (project) and expiry; the tenant, role and brand allow-list are custom
 * claims an owner sets through the API (Admin SDK `setCustomUserClaims`). firebase-admin reads
 * FIREBASE_AUTH_EMULATOR_HOST from the process environment itself and then accepts the
 * emulator's unsigned tokens, which is how the conformance suite runs it offline.
 */
export function createFirebaseIdentityVerifier(options: FirebaseIdentityVerifierOptions): IdentityVerifier {
  const auth = lazy(async () => {
    const { getApps, initializeApp } = await import('firebase-admin/app');
    const { getAuth } = await import('firebase-admin/auth');
    const name = options.appName ?? `pulsepoint-${options.projectId}`;
    const app: App =
      getApps().find((a) => a.name === name) ?? initializeApp({ projectId: options.projectId }, name);
    return getAuth(app);
  });

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
      const tenant = tenantIdSchema.safeParse(decoded.tenantId);
      const role = roleSchema.safeParse(decoded.role);
      if (!tenant.success || !role.success) return fail('missing_claims');
      const identity: VerifiedIdentity = { uid: decoded.uid, tenantId: tenant.data, role: role.data };
      if (Array.isArray(decoded.brandIds)) identity.brandIds = decoded.brandIds.map(String);
      if (typeof decoded.email === 'string') identity.email = decoded.email;
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
