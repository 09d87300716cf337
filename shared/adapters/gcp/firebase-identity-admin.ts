import type { UserRecord } from 'firebase-admin/auth';
import type { IdentityAccount, IdentityAdmin, IdentityClaims } from '../../ports/identity';
import { tokenClaimsSchema } from '../identity-claims';
import { type FirebaseAuthOptions, firebaseAuthClient } from './firebase-auth-client';

export interface FirebaseIdentityAdminOptions extends FirebaseAuthOptions {
  /** Where a password-setup link returns to after the password is set (the web app's URL). */
  continueUrl?: string;
}

/**
 * IdentityAdmin on Firebase Auth (Admin SDK): accounts by email, custom claims
 * (`setCustomUserClaims`, replacing all of them), `revokeRefreshTokens`, and a password-reset
 * link as the invitee's first sign-in (the web app signs in with email and password;
 * docs/decisions/601). https://firebase.google.com/docs/auth/admin/custom-claims
 */
export function createFirebaseIdentityAdmin(options: FirebaseIdentityAdminOptions): IdentityAdmin {
  const auth = firebaseAuthClient(options);

  async function byEmail(email: string): Promise<UserRecord | undefined> {
    try {
      return await (await auth()).getUserByEmail(email);
    } catch (err) {
      if (codeOf(err) === 'auth/user-not-found') return undefined;
      throw err;
    }
  }

  return {
    async accountForEmail(email) {
      const found = await byEmail(email);
      if (found) return { ...accountOf(found, email), created: false };
      try {
        return { ...accountOf(await (await auth()).createUser({ email }), email), created: true };
      } catch (err) {
        // Two invitations of one address at once: the other created it.
        const raced = codeOf(err) === 'auth/email-already-exists' ? await byEmail(email) : undefined;
        if (!raced) throw err;
        return { ...accountOf(raced, email), created: false };
      }
    },
    async setClaims(uid, claims) {
      await (await auth()).setCustomUserClaims(uid, claims ? { ...claims } : null);
    },
    async revokeSessions(uid) {
      await (await auth()).revokeRefreshTokens(uid);
    },
    async passwordSetupLink(email) {
      return (await auth()).generatePasswordResetLink(
        email,
        options.continueUrl ? { url: options.continueUrl } : undefined,
      );
    },
  };
}

function accountOf(user: UserRecord, email: string): IdentityAccount {
  const parsed = tokenClaimsSchema.safeParse(user.customClaims ?? {});
  const claims: IdentityClaims | undefined = parsed.success
    ? {
        tenantId: parsed.data.tenantId,
        role: parsed.data.role,
        ...(parsed.data.brandIds ? { brandIds: parsed.data.brandIds } : {}),
      }
    : undefined;
  return { uid: user.uid, email: user.email ?? email, ...(claims ? { claims } : {}) };
}

function codeOf(err: unknown): unknown {
  return (err as { code?: unknown })?.code;
}
