import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';

/**
 * How the test suite runs an emulator: a child process in a process group of its own, on a
 * loopback port the OS just handed out, waited for until it answers over HTTP, and stopped by
 * signalling the whole group. Used for the Firebase Auth emulator (per test file) and for
 * Google's Firestore and Pub/Sub emulators (once per run, ./google-emulators.setup.ts), whose
 * launchers (gcloud, then a shell script) start java as grandchildren.
 */
export interface EmulatorProcess {
  /** `127.0.0.1:port` */
  host: string;
  /** What the process printed so far (the last 64 KiB). */
  output(): string;
  /** Stops every process in the group; resolves once none is left. Safe to call twice. */
  stop(): Promise<void>;
}

export interface EmulatorSpec {
  /** Named in errors. */
  name: string;
  command: string;
  args: string[];
  /** The loopback port it was told to serve on (see freePort). */
  port: number;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** The path polled with GET until it answers 2xx (default `/`). */
  readyPath?: string;
  timeoutMs?: number;
}

export async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const OUTPUT_LIMIT = 64 * 1024;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Whether any process of the group is still there (signal 0 only checks). */
function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // Already gone.
  }
}

/** Groups still running in this process; killed outright if it exits without stopping them. */
const running = new Set<number>();
let exitHookInstalled = false;
function track(pgid: number): void {
  running.add(pgid);
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const group of running) signalGroup(group, 'SIGKILL');
  });
}

export async function startEmulatorProcess(spec: EmulatorSpec): Promise<EmulatorProcess> {
  const host = `127.0.0.1:${spec.port}`;
  const child = spawn(spec.command, spec.args, {
    cwd: spec.cwd,
    env: spec.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group (pgid = pid), so one signal reaches every descendant.
    detached: true,
  });
  let output = '';
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-OUTPUT_LIMIT);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  let spawnError: Error | undefined;
  child.on('error', (err) => {
    spawnError = err;
  });
  // Neither the child nor its pipes keep the test runner alive; stop() or the exit hook ends them.
  child.unref();
  for (const stream of [child.stdout, child.stderr]) (stream as unknown as { unref?(): void })?.unref?.();
  const pgid = child.pid;
  if (pgid !== undefined) track(pgid);

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      if (pgid === undefined) return;
      signalGroup(pgid, 'SIGTERM');
      for (let waited = 0; groupAlive(pgid) && waited < 10_000; waited += 100) await sleep(100);
      if (groupAlive(pgid)) signalGroup(pgid, 'SIGKILL');
      for (let waited = 0; groupAlive(pgid) && waited < 5_000; waited += 100) await sleep(100);
      running.delete(pgid);
    })();
    return stopping;
  };
  const emulator: EmulatorProcess = { host, output: () => output, stop };

  const deadline = Date.now() + (spec.timeoutMs ?? 60_000);
  while (Date.now() < deadline && !spawnError && child.exitCode === null && child.signalCode === null) {
    const ready = await fetch(`http://${host}${spec.readyPath ?? '/'}`, {
      signal: AbortSignal.timeout(2_000),
    }).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) return emulator;
    await sleep(100);
  }
  await stop();
  const why = spawnError
    ? spawnError.message
    : child.exitCode !== null || child.signalCode !== null
      ? `exited (${child.exitCode ?? child.signalCode})`
      : `did not answer on ${host} within ${spec.timeoutMs ?? 60_000} ms`;
  throw new Error(`${spec.name}: ${why}\n${output}`);
}
