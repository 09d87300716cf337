import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalRuntime, startLocalRuntime } from '../../infra/local/runtime';
import {
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
  verifyWebhook,
  WEBHOOK_SIGNING_SECRET,
} from '../../shared/alerts/notify-job';
import { systemContext } from '../../shared/domain/tenancy';
import { loadConfig } from '../../shared/kernel/config';
import { WORLD, worldBrand } from '../support/world';
import { seedWorld } from '../support/world-harness';

/**
 * The local runtime as `npm start` wires it: `attribution.completed` on the bus → the recommend
 * function → `alert.raised` → the notify function → a signed POST to the brand's webhook.
 */
const posts: Array<{ headers: Record<string, string | string[] | undefined>; body: string }> = [];
const receiver = createServer((req, res) => {
  let body = '';
  req.on('data', (c) => {
    body += c;
  });
  req.on('end', () => {
    posts.push({ headers: req.headers, body });
    res.writeHead(200).end();
  });
});
let runtime: LocalRuntime;
let dir: string;

beforeAll(async () => {
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  dir = mkdtempSync(join(tmpdir(), 'pp-e2e-'));
  runtime = await startLocalRuntime(
    loadConfig({
      PULSEPOINT_DATA_DIR: dir,
      LOG_LEVEL: 'ERROR',
      PULSEPOINT_SANDBOXES: 'false',
      PULSEPOINT_SEED_DEMO: 'false',
    }),
    { webDist: join(dir, 'no-web'), port: 0 },
  );
  const hook = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/alerts`;
  const now = new Date().toISOString();
  await seedWorld(runtime.embedded.deps, now, 20_000_000, {
    ...worldBrand(now),
    notificationWebhookUrl: hook,
  });
});
afterAll(async () => {
  await runtime?.close(1_000);
  await new Promise<void>((r) => receiver.close(() => r()));
  rmSync(dir, { recursive: true, force: true });
});

async function until<T>(probe: () => T | undefined, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('attribution.completed to a signed webhook, through the local runtime', () => {
  it('recommends, raises spending_on_stockout and delivers it signed to the brand webhook', async () => {
    await runtime.embedded.bus.publish('attribution.completed', {
      tenantId: WORLD.tenantId,
      brandId: WORLD.brandId,
      idempotencyKey: 'e2e-1',
      range: { from: '2026-10-21', to: WORLD.asOf },
    });
    const post = await until(() =>
      posts.find((p) => JSON.parse(p.body).alert_type === 'spending_on_stockout'),
    );
    const ctx = systemContext(WORLD.tenantId, 'e2e');
    const secret = await runtime.embedded.deps.secrets.get(ctx, WEBHOOK_SIGNING_SECRET);
    expect(
      verifyWebhook(
        secret!,
        String(post.headers[TIMESTAMP_HEADER]),
        post.body,
        String(post.headers[SIGNATURE_HEADER]),
      ),
    ).toBe(true);
    const types = (await runtime.embedded.deps.store.recommendations.list(ctx, WORLD.brandId))
      .map((r) => r.type)
      .sort();
    expect(types).toEqual(['pause', 'promote', 'reduce_spend']);
  });
});
