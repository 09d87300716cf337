import { afterAll, beforeAll } from 'vitest';
import { firebaseAuthClient } from '../../shared/adapters/gcp/firebase-auth-client';
import { createFirebaseIdentityAdmin } from '../../shared/adapters/gcp/firebase-identity-admin';
import { createFirebaseIdentityVerifier } from '../../shared/adapters/gcp/firebase-identity-verifier';
import {
  type AuthEmulator,
  clearEmulatorAccounts,
  emulatorSignIn,
  startAuthEmulator,
} from './firebase-auth-emulator';
import { describeIdentityAdminConformance } from './identity-admin.suite';

/**
 * The IdentityAdmin suite on Firebase Auth: the Admin SDK (getUserByEmail, createUser,
 * setCustomUserClaims, revokeRefreshTokens, generatePasswordResetLink) against the Auth emulator,
 * offline. As in identity.firebase.test.ts, the emulator address is set for this file's worker only.
 */
let emulator: AuthEmulator;
beforeAll(async () => {
  emulator = await startAuthEmulator();
  process.env.FIREBASE_AUTH_EMULATOR_HOST = emulator.host;
}, 90_000);
afterAll(async () => {
  delete process.env.FIREBASE_AUTH_EMULATOR_HOST;
  await emulator?.stop();
});

describeIdentityAdminConformance('Firebase Auth (emulator)', async () => {
  const options = { projectId: emulator.projectId, continueUrl: 'https://app.example.test/' };
  const auth = firebaseAuthClient(options);
  return {
    admin: createFirebaseIdentityAdmin(options),
    verifier: createFirebaseIdentityVerifier(options),
    signIn: (uid, email) => emulatorSignIn(emulator, uid, email),
    async isRevoked(token) {
      try {
        await (await auth()).verifyIdToken(token, true);
        return false;
      } catch (err) {
        if ((err as { code?: unknown }).code === 'auth/id-token-revoked') return true;
        throw err;
      }
    },
    close: () => clearEmulatorAccounts(emulator),
  };
});
