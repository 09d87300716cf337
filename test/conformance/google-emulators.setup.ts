import { accessSync, constants, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { type EmulatorProcess, freePort, startEmulatorProcess } from './emulator-process';

/**
 * Vitest global setup (vitest.config.ts): Google's own Firestore and Pub/Sub emulators for the
 * whole run, so the Firestore and Pub/Sub conformance suites run against them wherever the Google
 * Cloud CLI and its emulator components are installed (as on the CI machine). For each emulator:
 *
 * - its variable (FIRESTORE_EMULATOR_HOST, PUBSUB_EMULATOR_HOST) already set, as in Cloud Build
 *   (`firebase emulators:exec`): used as it is, nothing is started;
 * - otherwise, gcloud, the component and java present: `gcloud emulators … start` on a free
 *   loopback port (both at once), waited for until it answers, the variable exported to the test
 *   workers, and the process group (gcloud, its launcher script, java) stopped in teardown;
 * - otherwise: the variable stays unset and the suites fall back or skip as before, naming why.
 *   A component that is installed but fails to start fails the run rather than skipping quietly.
 *
 * What happened is printed at the start of the run and provided to the test files as
 * `googleEmulators` (inject), which the suites put in their titles.
 */

export interface EmulatorNote {
  /** `host:port` when the emulator is available to this run. */
  host?: string;
  /** Where it comes from, or why there is none. */
  note: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    googleEmulators: { firestore: EmulatorNote; pubsub: EmulatorNote };
  }
}

/** Per emulator; both start in parallel, so this bounds what they add to `npm test`. */
const START_TIMEOUT_MS = 20_000;

interface GoogleEmulator {
  key: 'firestore' | 'pubsub';
  variable: 'FIRESTORE_EMULATOR_HOST' | 'PUBSUB_EMULATOR_HOST';
  label: string;
  /** The launcher the component installs, relative to the SDK root. */
  component: string;
  /** gcloud arguments after which `--host-port=…` (and `--data-dir=…` for Pub/Sub) follow. */
  command: string[];
  dataDir: boolean;
}

const EMULATORS: GoogleEmulator[] = [
  {
    key: 'firestore',
    variable: 'FIRESTORE_EMULATOR_HOST',
    label: "Google's Firestore emulator",
    component: 'platform/cloud-firestore-emulator/cloud_firestore_emulator',
    command: ['emulators', 'firestore', 'start'],
    dataDir: false,
  },
  {
    key: 'pubsub',
    variable: 'PUBSUB_EMULATOR_HOST',
    label: "Google's Pub/Sub emulator",
    component: 'platform/pubsub-emulator/bin/cloud-pubsub-emulator',
    // gcloud 528 has the Pub/Sub emulator in the beta track only.
    command: ['beta', 'emulators', 'pubsub', 'start'],
    dataDir: true,
  },
];

function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    try {
      accessSync(join(dir, name), constants.X_OK);
      return join(dir, name);
    } catch {
      // Not here.
    }
  }
  return undefined;
}

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Why the emulator cannot be started here, or the gcloud binary to start it with. */
function locate(emulator: GoogleEmulator): { gcloud: string } | { absent: string } {
  const gcloud = onPath('gcloud');
  if (!gcloud) return { absent: 'gcloud is not on PATH' };
  // gcloud is <sdk>/bin/gcloud, usually behind a symlink (/usr/bin/gcloud from the Debian package).
  const sdk = dirname(dirname(realpathSync(gcloud)));
  if (!executable(join(sdk, emulator.component)))
    return { absent: `the gcloud component is not installed (no ${join(sdk, emulator.component)})` };
  if (!onPath('java')) return { absent: 'java is not on PATH' };
  return { gcloud };
}

/** Working directories not yet removed; an interrupted run (no teardown) removes them on exit. */
const dirs = new Set<string>();
process.on('exit', () => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});
const removeDir = (dir: string) => {
  rmSync(dir, { recursive: true, force: true });
  dirs.delete(dir);
};

async function startWithGcloud(
  emulator: GoogleEmulator,
  gcloud: string,
): Promise<{ process: EmulatorProcess; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), `pp-${emulator.key}-`));
  dirs.add(dir);
  const env = {
    ...process.env,
    CLOUDSDK_CORE_DISABLE_PROMPTS: '1',
    CLOUDSDK_COMPONENT_MANAGER_DISABLE_UPDATE_CHECK: 'true',
    CLOUDSDK_CORE_DISABLE_USAGE_REPORTING: 'true',
  };
  // One more try on a fresh port if the first exits early (another process took the port).
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    try {
      const started = await startEmulatorProcess({
        name: `${emulator.label} (gcloud ${emulator.command.join(' ')})`,
        command: gcloud,
        args: [
          ...emulator.command,
          `--host-port=127.0.0.1:${port}`,
          ...(emulator.dataDir ? [`--data-dir=${dir}`] : []),
        ],
        port,
        cwd: dir,
        env,
        timeoutMs: START_TIMEOUT_MS,
      });
      return { process: started, dir };
    } catch (err) {
      if (attempt >= 2 || /did not answer/.test(String(err))) {
        removeDir(dir);
        throw err;
      }
    }
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const started: Array<{ process: EmulatorProcess; dir: string; variable: string }> = [];
  const notes = {} as Record<GoogleEmulator['key'], EmulatorNote>;
  const failures: unknown[] = [];

  await Promise.all(
    EMULATORS.map(async (emulator) => {
      const preset = process.env[emulator.variable];
      if (preset) {
        notes[emulator.key] = {
          host: preset,
          note: `${emulator.variable}=${preset}, set outside the test run`,
        };
        return;
      }
      // A developer running a few files opts out; CI and `npm test` leave it unset.
      const found: ReturnType<typeof locate> =
        process.env.PULSEPOINT_GOOGLE_EMULATORS === 'off'
          ? { absent: 'PULSEPOINT_GOOGLE_EMULATORS=off' }
          : locate(emulator);
      if ('absent' in found) {
        notes[emulator.key] = { note: `${emulator.variable} unset and not started: ${found.absent}` };
        return;
      }
      const t0 = performance.now();
      try {
        const run = await startWithGcloud(emulator, found.gcloud);
        started.push({ ...run, variable: emulator.variable });
        const seconds = ((performance.now() - t0) / 1000).toFixed(1);
        notes[emulator.key] = {
          host: run.process.host,
          note: `started by gcloud at ${run.process.host} in ${seconds} s`,
        };
      } catch (err) {
        failures.push(err);
      }
    }),
  );

  const teardown = async () => {
    await Promise.all(
      started.map(async ({ process: emulator, dir, variable }) => {
        await emulator.stop();
        removeDir(dir);
        delete process.env[variable];
      }),
    );
  };

  if (failures.length > 0) {
    await teardown();
    throw new AggregateError(failures, failures.map(String).join('\n\n'));
  }
  // Workers are forked after global setup, with this process's environment.
  for (const { process: emulator, variable } of started) process.env[variable] = emulator.host;

  for (const emulator of EMULATORS) console.log(`${emulator.label}: ${notes[emulator.key].note}`);
  project.provide('googleEmulators', notes);
  return teardown;
}
