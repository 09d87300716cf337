import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startLocalRuntime } from '../../infra/local/runtime';
import { connectDemoBrandToShopify } from '../../infra/sandbox/shopify/connect-demo';
import { orderWebhookPayload } from '../../infra/sandbox/shopify/serialize';
import { sandboxFetch, startShopifySandbox } from '../../infra/sandbox/shopify/server';
import { systemContext } from '../../shared/domain/tenancy';
import { loadConfig } from '../../shared/kernel/config';
import { createMemoryLogger } from '../../shared/kernel/logging/logger';
import { TEST_END_DATE } from '../support/shopify-testbed';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

/** A free loopback port (the config refuses port 0). */
const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

describe('npm start wiring for Shopify', () => {
  it('the demo brand connected to the sandbox backfills through the task queue, and a webhook lands through /webhooks/shopify', async () => {
    const sandbox = await startShopifySandbox({
      endDate: TEST_END_DATE,
      seedOrdersScale: 0.02,
      bulkDelayMs: 5,
    });
    cleanup.push(() => sandbox.close());
    const dir = mkdtempSync(join(tmpdir(), 'pp-'));
    cleanup.push(async () => rmSync(dir, { recursive: true, force: true }));
    const config = loadConfig({
      PULSEPOINT_DATA_DIR: dir,
      PORT: String(await freePort()),
      LOG_LEVEL: 'ERROR',
      // This test starts and connects its own sandbox.
      PULSEPOINT_SANDBOXES: 'false',
    });
    const runtime = await startLocalRuntime(config, {
      fetch: sandboxFetch(sandbox.url),
      clock: { now: () => new Date(sandbox.now()) },
      logger: createMemoryLogger('WARNING'),
      webDist: join(dir, 'no-web'),
    });
    cleanup.push(() => runtime.close(1_000));
    const { deps } = runtime.embedded;
    const ctx = systemContext('demo', 'test');
    await connectDemoBrandToShopify(deps, sandbox.url);

    const orders = async () =>
      (await deps.warehouse.query<{ n: number }>(ctx, 'SELECT COUNT(*) AS n FROM {{orders}}'))[0]?.n ?? 0;
    await expect.poll(orders, { timeout: 20_000, interval: 200 }).toBe(sandbox.store.orders.length);
    await expect
      .poll(async () => (await deps.store.integrations.getPlatform(ctx, 'demo-brand', 'shopify'))?.status)
      .toBe('connected');

    const order = sandbox.store.orders[0]!;
    order.cancelledAt = sandbox.now();
    order.updatedAt = order.cancelledAt;
    const res = await sandbox.sendWebhook(
      `${runtime.url}/webhooks/shopify`,
      'orders/cancelled',
      orderWebhookPayload(order),
    );
    expect(res.status).toBe(200);
    const cancelledAt = async () =>
      (
        await deps.warehouse.query<{ c: string | null }>(
          ctx,
          'SELECT cancelled_at AS c FROM {{orders}} WHERE order_id = @id',
          { id: `gid://shopify/Order/${order.legacyId}` },
        )
      )[0]?.c;
    await expect.poll(cancelledAt, { timeout: 10_000, interval: 200 }).toBe(order.cancelledAt);
  });
});
