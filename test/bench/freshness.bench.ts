import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
import { ensureMember } from '../support/members';
import { TEST_END_DATE } from '../support/shopify-testbed';
import type { BenchLine, Benchmark } from './run';

/**
 * `npm run bench freshness`: webhook → visible-in-dashboard latency on the embedded runtime
 * (issue 17, decision 305). The Shopify sandbox's demo store is backfilled and attributed once;
 * then new orders are sent one after another as signed `orders/create` webhooks to
 * `/webhooks/shopify`, and the dashboard API (`GET /api/brands/demo-brand/dashboard` for the
 * order's day) is polled until it shows the order both in the Shopify KPIs (order count) and in
 * attributed performance (the channel breakdown's revenue). The baseline is the round trip of one
 * dashboard request in the same run. PP_BENCH_FRESHNESS_ORDERS (default 200) and
 * PP_BENCH_FRESHNESS_SCALE (demo store size, default 1 = ~26k orders) make a quick run.
 */
const ORDERS = Number(process.env.PP_BENCH_FRESHNESS_ORDERS ?? 200);
const SCALE = Number(process.env.PP_BENCH_FRESHNESS_SCALE ?? 1);
const POLL_MS = 50;
const GIVE_UP_MS = 60_000;

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

const quantile = (sorted: readonly number[], q: number) =>
  sorted.length === 0 ? Number.NaN : sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;

export const bench: Benchmark = {
  name: 'freshness',
  async run(): Promise<BenchLine[]> {
    const sandbox = await startShopifySandbox({
      endDate: TEST_END_DATE,
      seedOrdersScale: SCALE,
      bulkDelayMs: 5,
    });
    const dir = mkdtempSync(join(tmpdir(), 'pp-bench-'));
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
      logger: createMemoryLogger('ERROR'),
      webDist: join(dir, 'no-web'),
    });
    try {
      const { deps, authKey } = runtime.embedded;
      const ctx = systemContext('demo', 'bench');
      const brand = await deps.store.brands.get(ctx, 'demo-brand');
      if (!brand) throw new Error('the demo brand was not seeded');
      await connectDemoBrandToShopify(deps, sandbox.url);
      const stored = async () =>
        (await deps.warehouse.query<{ n: number }>(ctx, 'SELECT COUNT(*) AS n FROM {{orders}}'))[0]?.n ?? 0;
      const t0 = Date.now();
      while ((await stored()) < sandbox.store.orders.length) {
        if (Date.now() - t0 > 300_000) throw new Error('the backfill did not finish in 5 minutes');
        await new Promise((r) => setTimeout(r, 250));
      }
      // The first full pass fits the brand (what the debounced pass after the backfill would do).
      await runAttributionPass(deps, ctx, 'demo-brand');

      // The API limits each user to 5 requests a second (25 per tenant): polls rotate over five
      // members, 20 requests a second in all.
      const tokens: string[] = [];
      for (let u = 0; u < 5; u++) {
        const uid = await ensureMember(
          deps.store,
          { tenantId: 'demo', role: 'owner', uid: `bench-${u}` },
          clock.now(),
        );
        tokens.push(
          await issueLocalToken(authKey, { tenantId: 'demo', role: 'owner', uid, now: clock.now() }),
        );
      }
      let calls = 0;
      const dashboard = async (day: string) => {
        const res = await fetch(`${runtime.url}/api/brands/demo-brand/dashboard?from=${day}&to=${day}`, {
          headers: { authorization: `Bearer ${tokens[calls++ % tokens.length]}` },
        });
        if (res.status !== 200) throw new Error(`dashboard answered ${res.status}: ${await res.text()}`);
        const d = (await res.json()) as {
          kpis: { orders: number };
          byChannel: Array<{ revenueMinor: number }>;
        };
        return { orders: d.kpis.orders, attributed: d.byChannel.reduce((a, c) => a + c.revenueMinor, 0) };
      };

      const template = sandbox.store.orders.find(
        (o) => o.presentmentCurrency === 'USD' && !o.cancelledAt && o.lines.length > 0 && o.totalMinor > 0,
      );
      if (!template) throw new Error('no order to copy in the sandbox store');
      const latencies: number[] = [];
      let misses = 0;
      const roundTrips: number[] = [];
      for (let i = 0; i < ORDERS; i++) {
        const at = new Date(sandbox.now()).toISOString();
        const day = toLocalDate(new Date(at), brand.timezone);
        const before = await dashboard(day);
        const r0 = performance.now();
        await dashboard(day);
        roundTrips.push(performance.now() - r0);
        const legacyId = 9_000_000_000 + i;
        const order: SandboxOrder = {
          ...template,
          legacyId,
          name: `#B${i}`,
          date: day,
          createdAt: at,
          updatedAt: at,
          cancelledAt: null,
          refunds: [],
          fulfilledAt: null,
          lines: template.lines.map((l, li) => ({ ...l, legacyId: legacyId * 10 + li })),
        };
        sandbox.store.orders.push(order);
        const start = performance.now();
        const res = await sandbox.sendWebhook(
          `${runtime.url}/webhooks/shopify`,
          'orders/create',
          orderWebhookPayload(order),
        );
        if (res.status !== 200) throw new Error(`webhook answered ${res.status}`);
        let visible = false;
        while (!visible && performance.now() - start < GIVE_UP_MS) {
          const now = await dashboard(day);
          visible = now.orders >= before.orders + 1 && now.attributed > before.attributed;
          if (!visible) await new Promise((r) => setTimeout(r, POLL_MS));
        }
        // A miss is counted, not thrown: one stuck order must not hide the other measurements.
        if (visible) latencies.push(performance.now() - start);
        else misses++;
      }
      latencies.sort((a, b) => a - b);
      roundTrips.sort((a, b) => a - b);
      const baseline = quantile(roundTrips, 0.5);
      return [
        {
          name: `webhook → dashboard p50 (${ORDERS} orders, demo store ×${SCALE})`,
          value: quantile(latencies, 0.5),
          unit: 'ms',
          ratio: quantile(latencies, 0.5) / baseline,
          baseline: 'one dashboard request p50',
        },
        {
          name: 'webhook → dashboard p95',
          value: quantile(latencies, 0.95),
          unit: 'ms',
          ratio: quantile(latencies, 0.95) / baseline,
          baseline: 'one dashboard request p50',
          target: '< 10000 ms',
        },
        { name: 'webhook → dashboard max', value: latencies[latencies.length - 1] ?? 0, unit: 'ms' },
        {
          name: `orders not visible within ${GIVE_UP_MS / 1000} s`,
          value: misses,
          unit: `of ${ORDERS}`,
          target: '0',
        },
        { name: 'one dashboard request p50', value: baseline, unit: 'ms' },
      ];
    } finally {
      await runtime.close(1_000);
      await sandbox.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
