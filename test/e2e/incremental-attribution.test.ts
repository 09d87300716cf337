import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startLocalRuntime } from '../../infra/local/runtime';
import { connectDemoBrandToShopify } from '../../infra/sandbox/shopify/connect-demo';
import type { SandboxOrder } from '../../infra/sandbox/shopify/model';
import { orderWebhookPayload } from '../../infra/sandbox/shopify/serialize';
import { sandboxFetch, startShopifySandbox } from '../../infra/sandbox/shopify/server';
import { issueLocalToken } from '../../shared/adapters/embedded/local-identity';
import { runAttributionPass } from '../../shared/attribution/pass/run';
import { systemContext } from '../../shared/domain/tenancy';
import { toLocalDate } from '../../shared/domain/time';
import { loadConfig } from '../../shared/kernel/config';
import { createMemoryLogger } from '../../shared/kernel/logging/logger';
import { attributionColumns } from '../../shared/ports/warehouse-tables';
import { ensureMember } from '../support/members';
import { TEST_END_DATE } from '../support/shopify-testbed';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

describe('incremental attribution on the embedded runtime', () => {
  it('a signed orders/create webhook reaches the dashboard’s attributed numbers without a new pass', async () => {
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
      PULSEPOINT_SANDBOXES: 'false',
    });
    const clock = { now: () => new Date(sandbox.now()) };
    const runtime = await startLocalRuntime(config, {
      fetch: sandboxFetch(sandbox.url),
      clock,
      logger: createMemoryLogger('WARNING'),
      webDist: join(dir, 'no-web'),
    });
    cleanup.push(() => runtime.close(1_000));
    const { deps, authKey } = runtime.embedded;
    const ctx = systemContext('demo', 'test');
    await connectDemoBrandToShopify(deps, sandbox.url);
    const stored = async () =>
      (await deps.warehouse.query<{ n: number }>(ctx, 'SELECT COUNT(*) AS n FROM {{orders}}'))[0]?.n ?? 0;
    await expect.poll(stored, { timeout: 30_000, interval: 200 }).toBe(sandbox.store.orders.length);
    const pass = await runAttributionPass(deps, ctx, 'demo-brand');
    const brand = (await deps.store.brands.get(ctx, 'demo-brand'))!;

    const uid = await ensureMember(deps.store, { tenantId: 'demo', role: 'owner' }, clock.now());
    const token = await issueLocalToken(authKey, { tenantId: 'demo', role: 'owner', uid, now: clock.now() });
    const at = new Date(sandbox.now()).toISOString();
    const day = toLocalDate(new Date(at), brand.timezone);
    const dashboard = async () => {
      const res = await fetch(`${runtime.url}/api/brands/demo-brand/dashboard?from=${day}&to=${day}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(res.status).toBe(200);
      const d = (await res.json()) as {
        kpis: { orders: number };
        byChannel: Array<{ revenueMinor: number }>;
      };
      return { orders: d.kpis.orders, attributed: d.byChannel.reduce((a, c) => a + c.revenueMinor, 0) };
    };
    const before = await dashboard(); // also fills the rollup cache

    const template = sandbox.store.orders.find(
      (o) => o.presentmentCurrency === 'USD' && !o.cancelledAt && o.lines.length > 0 && o.journey,
    )!;
    const order: SandboxOrder = {
      ...template,
      legacyId: 9_100_000_001,
      name: '#FRESH1',
      date: day,
      createdAt: at,
      updatedAt: at,
      cancelledAt: null,
      refunds: [],
      fulfilledAt: null,
      lines: template.lines.map((l, i) => ({ ...l, legacyId: 91_000_000_010 + i })),
    };
    sandbox.store.orders.push(order);
    const res = await sandbox.sendWebhook(
      `${runtime.url}/webhooks/shopify`,
      'orders/create',
      orderWebhookPayload(order),
    );
    expect(res.status).toBe(200);

    await expect
      .poll(async () => (await dashboard()).orders, { timeout: 15_000, interval: 100 })
      .toBe(before.orders + 1);
    // Attributed to the cent: exactly what the order was credited with under the brand's model.
    const { revenue } = attributionColumns(brand.targets.attributionModel);
    const [credit] = await deps.warehouse.query<{ total: number }>(
      ctx,
      `SELECT SUM(${revenue}) AS total FROM {{attributions}} WHERE order_id = @id`,
      { id: `gid://shopify/Order/${order.legacyId}` },
    );
    expect(credit!.total).toBeGreaterThan(0);
    expect((await dashboard()).attributed).toBe(before.attributed + credit!.total);
    const credited = await deps.warehouse.query<{ n: number }>(
      ctx,
      'SELECT COUNT(*) AS n FROM {{attributions}} WHERE order_id = @id',
      { id: `gid://shopify/Order/${order.legacyId}` },
    );
    expect(credited[0]!.n).toBeGreaterThan(0);
    // No full pass ran in between: the fit is still the one the pass above stored.
    const [fit] = await deps.warehouse.query<{ d: string }>(
      ctx,
      'SELECT MAX(date) AS d FROM {{attribution_fit}} WHERE brand_id = @brand',
      { brand: 'demo-brand' },
    );
    expect(fit!.d).toBe(pass.range.to);
  }, 90_000);
});
