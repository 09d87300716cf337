import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The Firebase Auth emulator from firebase-tools, started offline for one test file: a generated
 * firebase.json puts the emulator, its hub and its logging port on free loopback ports, and the
 * process is stopped (by its own pid) when the file is done.
 */
export interface AuthEmulator {
  host: string;
  projectId: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
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
  const child: ChildProcess = spawn(
    process.execPath,
    [
      cli,
      'emulators:start',
      '--only',
      'auth',
      '--project',
      projectId,
      '--config',
      join(dir, 'firebase.json'),
    ],
    {
      cwd: dir,
      env: { ...process.env, NO_UPDATE_NOTIFIER: '1', FIREBASE_CLI_EXPERIMENTS: '' },
      stdio: 'pipe',
    },
  );
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  const host = `127.0.0.1:${auth}`;
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    const ready = await fetch(`http://${host}/`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) return { host, projectId, stop };
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await stop();
  throw new Error(`the Firebase Auth emulator did not start:\n${output}`);
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
