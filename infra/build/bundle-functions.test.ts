import { execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type HttpFunction, http } from '@google-cloud/functions-framework';
import { getTestServer } from '@google-cloud/functions-framework/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { functionSpec } from '../manifest';
import { type BundleResult, bundleFunction } from './bundle-functions';

/**
 * A bundle is what Cloud Functions runs, so it is checked as such: it imports in a fresh Node
 * process, exports the manifest entry point, and loads no Google client library until used.
 * Bundles are written under the repo's dist/ so their externals resolve from node_modules, as
 * they do after `npm install` in Cloud Build.
 */
mkdirSync(join(import.meta.dirname, '../../dist'), { recursive: true });
const out = mkdtempSync(join(import.meta.dirname, '../../dist/.test-bundles-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

const PROBE = `
const mod = await import(process.argv[1]);
const { createRequire } = await import('node:module');
const loaded = Object.keys(createRequire(import.meta.url).cache).filter((k) => /@google-cloud|firebase-admin|better-sqlite3|duckdb/.test(k));
process.stdout.write(JSON.stringify({ handler: typeof mod.handler, loaded }));`;

describe.each(['api', 'attribute'])('the %s bundle', (name) => {
  let bundle: BundleResult;
  beforeAll(async () => {
    bundle = await bundleFunction(functionSpec(name), out);
  }, 60_000);

  it('imports in a fresh process, exports its entry point and loads no client library yet', () => {
    const probe = JSON.parse(
      execFileSync(
        process.execPath,
        ['--input-type=module', '-e', PROBE, pathToFileURL(join(bundle.dir, 'index.js')).href],
        {
          encoding: 'utf8',
          cwd: tmpdir(),
        },
      ),
    ) as { handler: string; loaded: string[] };
    expect(probe).toEqual({ handler: 'function', loaded: [] });
  });

  it('ships a package.json pinning the Google clients it may load, and no embedded natives', () => {
    const pkg = JSON.parse(readFileSync(join(bundle.dir, 'package.json'), 'utf8')) as {
      type: string;
      main: string;
      dependencies: Record<string, string>;
    };
    const root = JSON.parse(readFileSync(join(import.meta.dirname, '../../package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    expect(pkg).toMatchObject({ type: 'module', main: 'index.js' });
    expect(Object.keys(pkg.dependencies)).toEqual(
      expect.arrayContaining([
        '@google-cloud/firestore',
        '@google-cloud/functions-framework',
        'firebase-admin',
        // The post renderer: resvg's native addon and the font files it reads.
        '@resvg/resvg-js',
        '@fontsource/inter',
      ]),
    );
    for (const [dep, version] of Object.entries(pkg.dependencies))
      expect(version).toBe(root.dependencies[dep]);
    expect(pkg.dependencies).not.toHaveProperty('better-sqlite3');
    expect(existsSync(join(bundle.dir, 'index.js.map'))).toBe(true);
  });
});

describe('the api bundle, served by the Functions Framework', () => {
  it('answers /health, building its embedded backend on the first request', async () => {
    const bundle = await bundleFunction(functionSpec('api'), out);
    const dataDir = mkdtempSync(join(tmpdir(), 'pp-'));
    const env = { PULSEPOINT_DATA_DIR: dataDir, PULSEPOINT_SEED_DEMO: 'false', LOG_LEVEL: 'ERROR' };
    const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
    Object.assign(process.env, env);
    const { handler } = (await import(pathToFileURL(join(bundle.dir, 'index.js')).href)) as {
      handler: HttpFunction;
    };
    http('bundled-api', handler);
    const server = getTestServer('bundled-api').listen(0, '127.0.0.1');
    try {
      await once(server, 'listening');
      const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/health`);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ status: 'ok' });
    } finally {
      await new Promise((resolve) => server.close(resolve));
      for (const [k, v] of Object.entries(saved))
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      rmSync(dataDir, { recursive: true, force: true });
    }
    // Bundling the whole API and building its backend on first request: a minute on a busy machine.
  }, 120_000);
});
