import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Benchmark } from './run';

const root = new URL('../../', import.meta.url).pathname;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** Milliseconds from spawning `pulsepoint start` on an empty data dir to a 200 from /health. */
async function startToHealthy(): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'pp-bench-start-'));
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, ['bin/pulsepoint.mjs', 'start'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      PULSEPOINT_DATA_DIR: dir,
      PULSEPOINT_SANDBOXES: 'false',
      LOG_LEVEL: 'ERROR',
    },
    stdio: 'ignore',
  });
  try {
    for (;;) {
      const ok = await fetch(`http://127.0.0.1:${port}/health`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) return performance.now() - started;
      if (performance.now() - started > 60_000) throw new Error('not healthy within 60 s');
      await new Promise((r) => setTimeout(r, 10));
    }
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The floor: spawning Node itself and exiting. */
async function bareNode(): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
  await new Promise((r) => child.once('exit', r));
  return performance.now() - started;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export const bench: Benchmark = {
  name: 'startup',
  async run() {
    const runs = [];
    const floors = [];
    for (let i = 0; i < 3; i++) {
      floors.push(await bareNode());
      runs.push(await startToHealthy());
    }
    const ms = median(runs);
    return [
      {
        name: 'start to healthy (empty data dir)',
        value: ms,
        unit: 'ms',
        ratio: ms / median(floors),
        baseline: 'bare node spawn',
        target: '< 3000 ms',
      },
    ];
  },
};
