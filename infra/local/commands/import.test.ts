import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { systemContext } from '../../../shared/domain/tenancy';
import { loadConfig } from '../../../shared/kernel/config';
import { runCli } from '../cli';
import { createEmbeddedDeps } from '../embedded-deps';
import { startLocalRuntime } from '../runtime';

const FIXTURES = join(process.cwd(), 'test/fixtures/imports');
const valid = (name: string) => join(FIXTURES, 'valid', name);
const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

function dataDir() {
  const dir = mkdtempSync(join(tmpdir(), 'pp-cli-import-'));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  return { dir, env: { PULSEPOINT_DATA_DIR: dir, LOG_LEVEL: 'ERROR', PULSEPOINT_SANDBOXES: 'false' } };
}

async function ordersIn(env: Record<string, string>, tenantId: string) {
  const embedded = await createEmbeddedDeps(loadConfig(env));
  try {
    return await embedded.deps.warehouse.query<{ n: number }>(
      systemContext(tenantId, 'test'),
      'SELECT COUNT(*) AS n FROM {{orders}}',
    );
  } finally {
    await embedded.close(100);
  }
}

describe('pulsepoint tenant / brand / import without a server', () => {
  it('creates a tenant and a brand, previews, then imports two part files and queues attribution', async () => {
    const { env } = dataDir();
    expect(await runCli(['tenant', 'create', 'acme', '--name', 'Acme Co'], env)).toMatchObject({
      exitCode: 0,
    });
    expect(
      await runCli(
        [
          'brand',
          'create',
          'acme-store',
          '--tenant',
          'acme',
          '--currency',
          'usd',
          '--timezone',
          'America/New_York',
        ],
        env,
      ),
    ).toMatchObject({
      exitCode: 0,
      stdout: expect.stringContaining('brand acme-store created in tenant acme (USD'),
    });
    const files = [valid('shopify-orders-2026-03.jsonl'), valid('shopify-orders-2026-04.jsonl')];
    const preview = await runCli(['import', 'shopify', ...files, '--brand', 'acme-store', '--preview'], env);
    expect(preview).toMatchObject({
      exitCode: 0,
      stdout: expect.stringContaining('would write: 5 orders, 4 lineItems, 2 refunds'),
    });
    expect(preview.stdout).toContain('  sample: Order | Date | Total | Currency | Country | UTM campaign\n');
    expect(await ordersIn(env, 'acme')).toEqual([{ n: 0 }]);
    const run = await runCli(['import', 'shopify', ...files, '--brand', 'acme-store'], env);
    expect(run).toMatchObject({
      exitCode: 0,
      stdout: expect.stringContaining(
        'the attribution pass and the customers refresh (profiles, segments) are queued',
      ),
    });
    expect(await ordersIn(env, 'acme')).toEqual([{ n: 5 }]);
  });

  it('lists every problem as file:line:column and imports nothing', async () => {
    const { env } = dataDir();
    await runCli(['tenant', 'create', 'acme'], env);
    await runCli(
      ['brand', 'create', 'shop', '--tenant', 'acme', '--currency', 'USD', '--timezone', 'UTC'],
      env,
    );
    const bad = join(FIXTURES, 'invalid', 'meta-bad.csv');
    const out = await runCli(['import', 'meta', bad, '--brand', 'shop', '--account', 'act_1'], env);
    expect(out.exitCode).toBe(2);
    expect(out.stderr).toContain('4 problems found, nothing was imported:');
    expect(out.stderr).toContain(
      `${bad}:3:68: "Amount spent (USD)" should be an amount like 1,234.50, not "twelve"`,
    );
    expect(out.stderr).toContain(`${bad}:5:24: "Campaign ID" is empty`);
  });

  it.each([
    [
      ['brand', 'create', 'b', '--tenant', 'nobody', '--currency', 'USD', '--timezone', 'UTC'],
      /tenant nobody not found; create it with: pulsepoint tenant create nobody/,
    ],
    [
      ['brand', 'create', 'b', '--tenant', 't', '--currency', 'dollars', '--timezone', 'UTC'],
      /--currency: ISO 4217 currency code/,
    ],
    [
      ['import', 'shopify', 'nowhere.jsonl', '--brand', 'b'],
      /nowhere.jsonl: cannot read the file \(ENOENT\)/,
    ],
    [
      ['import', 'tiktok', valid('tiktok-custom-report.csv'), '--brand', 'ghost'],
      /brand ghost: not found; create it with `pulsepoint brand create`/,
    ],
  ])('%j fails saying what to do', async (argv, message) => {
    const { env } = dataDir();
    await runCli(['tenant', 'create', 't'], env);
    const out = await runCli(argv, env);
    expect(out.exitCode).toBe(2);
    expect(out.stderr).toMatch(message);
  });
});

describe('pulsepoint import while the server runs', () => {
  it('goes through the server (no warehouse lock), and finds a brand created through the API', async () => {
    const { dir, env } = dataDir();
    const runtime = await startLocalRuntime(loadConfig({ ...env, PULSEPOINT_SEED_DEMO: 'false' }), {
      webDist: join(dir, 'no-web'),
      port: 0,
    });
    cleanup.push(() => runtime.close(1_000));
    // A merchant signs up (tenant and owner), then creates a brand in the web app.
    expect(await runCli(['tenant', 'create', 'newco'], env)).toMatchObject({ exitCode: 0 });
    const token = (await runCli(['token', '--tenant', 'newco', '--role', 'owner'], env)).stdout!.trim();
    const created = await fetch(`${runtime.url}/api/brands`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        id: 'newco-shop',
        name: 'NewCo',
        shopDomain: 'newco-shop.myshopify.com',
        currency: 'USD',
        timezone: 'UTC',
      }),
    });
    expect(created.status).toBe(201);
    const out = await runCli(
      [
        'import',
        'tiktok',
        valid('tiktok-custom-report.csv'),
        '--brand',
        'newco-shop',
        '--account',
        '7000000001',
        '--currency',
        'USD',
      ],
      env,
    );
    expect(out).toMatchObject({
      exitCode: 0,
      stdout: expect.stringContaining(
        `imported 2 tiktok rows for 1 account (1 created) into newco-shop (through the server at ${runtime.url})`,
      ),
    });
    const rows = await runtime.embedded.deps.warehouse.query(
      systemContext('newco', 'test'),
      'SELECT account_id, spend_minor FROM {{ad_performance}} ORDER BY date',
    );
    expect(rows).toEqual([
      { account_id: '7000000001', spend_minor: 12000 },
      { account_id: '7000000001', spend_minor: 9550 },
    ]);
    const brand = await runCli(
      ['brand', 'create', 'second', '--tenant', 'newco', '--currency', 'EUR', '--timezone', 'Europe/Paris'],
      env,
    );
    expect(brand).toMatchObject({ exitCode: 0, stdout: expect.stringContaining('through the server') });
  });
});
