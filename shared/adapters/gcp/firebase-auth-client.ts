import type { App } from 'firebase-admin/app';
import type { Auth } from 'firebase-admin/auth';
import { lazy } from './lazy';

export interface FirebaseAuthOptions {
  projectId: string;
  /** The firebase-admin app name; distinct names keep clients for two projects apart. */
  appName?: string;
}

/**
 * One firebase-admin Auth client per project, made on first use. firebase-admin reads
 * FIREBASE_AUTH_EMULATOR_HOST from the process environment itself, which is how the conformance
 * suites reach the Auth emulator.
 */
export function firebaseAuthClient(options: FirebaseAuthOptions): () => Promise<Auth> {
  return lazy(async () => {
    const { getApps, initializeApp } = await import('firebase-admin/app');
    const { getAuth } = await import('firebase-admin/auth');
    const name = options.appName ?? `pulsepoint-${options.projectId}`;
    const app: App =
      getApps().find((a) => a.name === name) ?? initializeApp({ projectId: options.projectId }, name);
    return getAuth(app);
  });
}
