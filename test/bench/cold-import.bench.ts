import { execFileSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { bundleAll } from '../../infra/build/bundle-functions';
import type { BenchLine, Benchmark } from './run';

/**
 * Cold import of each per-function bundle: a fresh Node process per sample, timing only the
 * `import()` of the bundle's index.js (what a Cloud Functions instance does before its first
 * request). The baseline is the same measurement of a one-line module, so the ratio shows what
 * the bundle itself costs on this machine.
 */
const SAMPLES = 5;
const TIMER = `const t = performance.now(); await import(process.argv[1]); process.stdout.write(String(performance.now() - t));`;

function coldImportMs(url: string): number {
  const samples = Array.from({ length: SAMPLES }, () =>
    Number(execFileSync(process.execPath, ['--input-type=module', '-e', TIMER, url], { encoding: 'utf8' })),
  ).sort((a, b) => a - b);
  return samples[Math.floor(SAMPLES / 2)]!;
}

export const bench: Benchmark = {
  name: 'cold import of per-function bundles',
  async run() {
    const bundles = await bundleAll();
    const baseline = coldImportMs('data:text/javascript,export const handler = () => {};');
    const lines: BenchLine[] = [{ name: 'baseline (one-line module)', value: baseline, unit: 'ms' }];
    for (const b of bundles) {
      const ms = coldImportMs(pathToFileURL(`${b.dir}/index.js`).href);
      lines.push({
        name: b.name,
        value: ms,
        unit: 'ms',
        ratio: ms / baseline,
        baseline: 'one-line module',
        target: '< 300 ms',
      });
    }
    return lines;
  },
};
