import { afterAll, beforeAll } from 'vitest';
import { createFirebaseIdentityVerifier } from '../../shared/adapters/gcp/firebase-identity-verifier';
import {
  type AuthEmulator,
  clearEmulatorAccounts,
  emulatorIdToken,
  startAuthEmulator,
} from './firebase-auth-emulator';
import { describeIdentityConformance, type IdentityBackend } from './identity.suite';

/**
 * The IdentityVerifier suite on Firebase Auth: firebase-admin's verifyIdToken against tokens the
 * Auth emulator (firebase-tools, offline) issues. firebase-admin only reads the emulator address
 * from the process environment, so it is set here for this file's worker.
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

/** An emulator token re-addressed: same shape, other audience/issuer, or already expired. */
function rewrite(token: string, change: (claims: Record<string, unknown>) => void): string {
  const [header, payload] = token.split('.');
  const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8')) as Record<string, unknown>;
  change(claims);
  return `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.`;
}

describeIdentityConformance('Firebase Auth (emulator)', async (): Promise<IdentityBackend> => {
  const verifier = createFirebaseIdentityVerifier({ projectId: emulator.projectId });
  let n = 0;
  const valid = () => emulatorIdToken(emulator, `someone-${++n}`, { tenantId: 'tenant_a', role: 'owner' });
  return {
    verifier,
    issue: ({ uid, ...claims }) => emulatorIdToken(emulator, uid, claims),
    issueForeign: async () =>
      rewrite(await valid(), (c) => {
        c.aud = 'demo-someone-else';
        c.iss = 'https://securetoken.google.com/demo-someone-else';
      }),
    issueExpired: async () =>
      rewrite(await valid(), (c) => {
        const hourAgo = Math.floor(Date.now() / 1000) - 3600;
        c.iat = hourAgo - 60;
        c.auth_time = hourAgo - 60;
        c.exp = hourAgo;
      }),
    close: () => clearEmulatorAccounts(emulator),
  };
});
