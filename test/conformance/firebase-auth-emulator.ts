import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startEmulatorProcess } from './emulator-process';

/**
 * The Firebase Auth emulator from firebase-tools, started offline for one test file: a generated
 * firebase.json puts the emulator, its hub and its logging port on free loopback ports, and the
 * process group is stopped when the file is done (./emulator-process.ts). It stays per file, not
 * in the run-wide setup beside Google's Firestore and Pub/Sub emulators: firebase-admin switches to
 * emulator mode (and accepts unsigned tokens) for the whole process when
 * FIREBASE_AUTH_EMULATOR_HOST is set, so only the file that wants that sets it.
 */
export interface AuthEmulator {
  host: string;
  projectId: string;
  stop(): Promise<void>;
}

export async function startAuthEmulator(projectId = 'demo-pulsepoint'): Promise<AuthEmulator> {
  const dir = mkdtempSync(join(tmpdir(), 'pp-auth-'));
  const [auth, hub, logging] = [await freePort(), await freePort(), await freePort()];
  const loopback = (port: number) => ({ host: '127.0.0.1', port });
  writeFileSync(
    join(dir, 'firebase.json'),
    JSON.stringify({
      emulators: {
        auth: loopback(auth),
        hub: loopback(hub),
        logging: loopback(logging),
        ui: { enabled: false },
      },
    }),
  );
  const cli = createRequire(import.meta.url).resolve('firebase-tools/lib/bin/firebase.js');
  try {
    const emulator = await startEmulatorProcess({
      name: 'the Firebase Auth emulator',
      command: process.execPath,
      args: [
        cli,
        'emulators:start',
        '--only',
        'auth',
        '--project',
        projectId,
        '--config',
        join(dir, 'firebase.json'),
      ],
      port: auth,
      cwd: dir,
      env: { ...process.env, NO_UPDATE_NOTIFIER: '1', FIREBASE_CLI_EXPERIMENTS: '' },
    });
    return {
      host: emulator.host,
      projectId,
      stop: async () => {
        await emulator.stop();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}

/** Signs a user up with custom claims and signs in, as the web app would; returns the ID token. */
export async function emulatorIdToken(
  emulator: AuthEmulator,
  uid: string,
  claims: Record<string, unknown>,
): Promise<string> {
  const base = `http://${emulator.host}/identitytoolkit.googleapis.com/v1`;
  const email = `${uid}@example.test`;
  const password = 'correct-horse-battery';
  const post = async (url: string, body: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
    return (await res.json()) as Record<string, unknown>;
  };
  const admin = { authorization: 'Bearer owner' };
  await post(`${base}/projects/${emulator.projectId}/accounts`, { localId: uid, email, password }, admin);
  // Custom claims are set afterwards, as the Admin SDK's setCustomUserClaims does.
  await post(
    `${base}/projects/${emulator.projectId}/accounts:update`,
    { localId: uid, customAttributes: JSON.stringify(claims) },
    admin,
  );
  const signedIn = await post(`${base}/accounts:signInWithPassword?key=fake-api-key`, {
    email,
    password,
    returnSecureToken: true,
  });
  return String(signedIn.idToken);
}

export async function clearEmulatorAccounts(emulator: AuthEmulator): Promise<void> {
  await fetch(`http://${emulator.host}/emulator/v1/projects/${emulator.projectId}/accounts`, {
    method: 'DELETE',
  });
}

/**
 * Signs an existing account in with a password, as the web app does after the invitee has set one
 * (the password is set here through the emulator's admin API, in place of the reset link).
 */
export async function emulatorSignIn(emulator: AuthEmulator, uid: string, email: string): Promise<string> {
  const base = `http://${emulator.host}/identitytoolkit.googleapis.com/v1`;
  const password = 'correct-horse-battery';
  const post = async (url: string, body: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
    return (await res.json()) as Record<string, unknown>;
  };
  await post(
    `${base}/projects/${emulator.projectId}/accounts:update`,
    { localId: uid, password },
    { authorization: 'Bearer owner' },
  );
  const signedIn = await post(`${base}/accounts:signInWithPassword?key=fake-api-key`, {
    email,
    password,
    returnSecureToken: true,
  });
  return String(signedIn.idToken);
}
