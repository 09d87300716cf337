import { describe, expect, it } from 'vitest';
import type { Backend } from '../../infra/compose/backend';
import { faultStorm } from '../../infra/sandbox/shopify/faults';
import { refundedMinor, type SandboxOrder } from '../../infra/sandbox/shopify/model';
import { toLocalDate } from '../../shared/domain/time';
import { seededRandom } from '../../shared/kernel/util/random';
import { createSyncShopifyJob } from '../../shared/platforms/shopify/sync-job';
import { FAST_HTTP, recordingBus, type ShopifyTestbed } from '../support/shopify-testbed';
import { shopifyTestbeds } from './shopify-testbeds';

const { fresh: bed } = shopifyTestbeds();

/** Everything a sync writes, in a stable order, so two runs can be compared exactly. */
async function snapshot(b: ShopifyTestbed) {
  const q = (sql: string) => b.deps.warehouse.query(b.ctx, sql);
  return {
    orders: await q('SELECT * FROM {{orders}} ORDER BY order_id'),
    lines: await q('SELECT * FROM {{order_lines}} ORDER BY line_id'),
    refunds: await q('SELECT * FROM {{refunds}} ORDER BY refund_id, variant_id, kind'),
    touchpoints: await q('SELECT * FROM {{touchpoints}} ORDER BY touchpoint_id'),
    inventory: await q('SELECT * FROM {{inventory_snapshots}} ORDER BY variant_id, location_id'),
    products: (await b.deps.store.products.list(b.ctx, b.brandId)).sort((x, y) => x.id.localeCompare(y.id)),
    levels: (await b.deps.store.inventory.list(b.ctx, b.brandId)).sort((x, y) => x.id.localeCompare(y.id)),
  };
}

function truth(orders: readonly SandboxOrder[]) {
  return {
    orders: orders.length,
    revenue: orders.reduce((s, o) => s + o.totalMinor, 0),
    lines: orders.reduce((s, o) => s + o.lines.length, 0),
    refunded: orders.reduce((s, o) => s + refundedMinor(o), 0),
    touchpoints: orders.reduce(
      (s, o) => s + (o.journey ? (o.journey.firstVisit.id === o.journey.lastVisit.id ? 1 : 2) : 0),
      0,
    ),
  };
}

async function totals(b: ShopifyTestbed) {
  const [row] = await b.deps.warehouse.query<Record<string, number>>(
    b.ctx,
    `SELECT (SELECT COUNT(*) FROM {{orders}}) AS orders, (SELECT SUM(total_minor) FROM {{orders}}) AS revenue,
            (SELECT COUNT(*) FROM {{order_lines}}) AS lines, (SELECT COALESCE(SUM(amount_minor), 0) FROM {{refunds}}) AS refunded,
            (SELECT COUNT(*) FROM {{touchpoints}}) AS touchpoints`,
  );
  return row;
}

/** A refund of the rest of the order `minutes` after the sandbox's now, as Shopify records it. */
function refundLater(o: SandboxOrder, now: string, minutes: number) {
  const at = new Date(Date.parse(now) + minutes * 60_000).toISOString();
  o.refunds.push({
    legacyId: 990_000_000 + (o.legacyId % 1_000_000),
    createdAt: at,
    lines: [],
    totalMinor: o.totalMinor - refundedMinor(o),
  });
  o.updatedAt = at;
}

/** Backend whose warehouse and store writes fail from the `n`-th one on: a process killed mid-sync. */
function crashingAfter(deps: Backend, n: number): Backend & { writes: () => number } {
  let count = 0;
  const tick = () => {
    if (++count >= n) throw new Error(`injected crash at write ${count}`);
  };
  const wrap = <T extends object>(target: T, methods: string[]): T =>
    new Proxy(target, {
      get(t, p, r) {
        const v = Reflect.get(t, p, r);
        return typeof v === 'function' && methods.includes(String(p))
          ? (...args: unknown[]) => {
              tick();
              return v.apply(t, args);
            }
          : v;
      },
    });
  const store = {
    ...deps.store,
    integrations: wrap(deps.store.integrations, ['upsert']),
    products: wrap(deps.store.products, ['upsertMany']),
    inventory: wrap(deps.store.inventory, ['upsertMany']),
  };
  return {
    ...deps,
    store,
    warehouse: wrap(deps.warehouse, ['replaceKeys', 'replaceNewer', 'replaceRange']),
    writes: () => count,
  };
}

describe('Shopify sandbox → sync → warehouse', () => {
  it('backfills every order with counts and revenue equal to the sandbox, and a second run changes nothing', async () => {
    const b = await bed();
    const outcome = await b.sync();
    expect(outcome).toMatchObject({ status: 'synced', mode: 'backfill' });
    expect(await totals(b)).toEqual(truth(b.sandbox.store.orders));
    expect(b.sandbox.store.orders.length).toBeGreaterThan(1000);
    // Each region keeps the province's name Shopify writes beside its code (decision 986).
    const named = new Map(
      b.sandbox.store.orders.map((o) => [
        `${o.shipping.countryCode}-${o.shipping.provinceCode}`,
        o.shipping.province,
      ]),
    );
    expect(
      await b.deps.warehouse.query(
        b.ctx,
        'SELECT DISTINCT region, region_name FROM {{orders}} ORDER BY region',
      ),
    ).toEqual(
      [...named]
        .sort(([x], [y]) => (x < y ? -1 : 1))
        .map(([region, region_name]) => ({ region, region_name })),
    );
    const first = await snapshot(b);
    expect(await b.sync()).toMatchObject({ status: 'synced', mode: 'incremental' });
    expect(await snapshot(b)).toEqual(first);
    const integration = await b.deps.store.integrations.getPlatform(b.ctx, b.brandId, 'shopify');
    expect(integration).toMatchObject({ status: 'connected', accountTimezone: 'America/New_York' });
    const runs = await b.deps.store.syncRuns.list(b.ctx, b.brandId);
    expect(runs.map((r) => r.status)).toEqual(['succeeded', 'succeeded']);
  });

  it('announces brand.synced with the brand-local days the sync changed', async () => {
    const b = await bed();
    const bus = recordingBus();
    await createSyncShopifyJob({ ...b.deps, bus }, { pollIntervalMs: 5, http: FAST_HTTP })(b.task());
    const orders = b.sandbox.store.orders;
    expect(bus.published).toEqual([
      {
        topic: 'brand.synced',
        message: expect.objectContaining({
          tenantId: 'demo',
          brandId: b.brandId,
          platform: 'shopify',
          // Through today (the inventory snapshot's day), from the first order's day.
          range: { from: orders[0]!.date, to: toLocalDate(new Date(b.sandbox.now()), 'America/New_York') },
        }),
      },
    ]);
  });

  it('an incremental sync picks up orders refunded after the backfill, and only those', async () => {
    const b = await bed();
    await b.sync();
    const changed = b.sandbox.store.orders.filter((o) => o.refunds.length === 0).slice(0, 7);
    for (const [i, o] of changed.entries()) refundLater(o, b.sandbox.now(), i + 1);
    const outcome = await b.sync();
    expect(outcome).toMatchObject({ status: 'synced', mode: 'incremental', written: { orders: 7 } });
    expect(await totals(b)).toEqual(truth(b.sandbox.store.orders));
  });

  it('an incremental sync announces each page’s changed days for incremental attribution', async () => {
    const b = await bed();
    await b.sync();
    const changed = b.sandbox.store.orders.filter((o) => o.refunds.length === 0).slice(0, 3);
    for (const [i, o] of changed.entries()) refundLater(o, b.sandbox.now(), i + 1);
    const bus = recordingBus();
    await createSyncShopifyJob(
      { ...b.deps, bus },
      { pollIntervalMs: 5, http: FAST_HTTP, pageSize: 2 },
    )(b.task());
    const announced = bus.published.filter((p) => p.topic === 'orders.changed');
    // Three orders at two a page: two pages, each naming its orders' days and their refunds' days.
    expect(announced).toHaveLength(2);
    const days = new Set(announced.flatMap((p) => (p.message as { days: string[] }).days));
    const refundDays = await b.deps.warehouse.query<{ date: string }>(
      b.ctx,
      'SELECT DISTINCT date FROM {{refunds}} WHERE order_id IN (SELECT * FROM UNNEST(@ids))',
      { ids: changed.map((o) => `gid://shopify/Order/${o.legacyId}`) },
    );
    expect([...days].sort()).toEqual(
      [...new Set([...changed.map((o) => o.date), ...refundDays.map((r) => r.date)])].sort(),
    );
  });

  it('a sync killed at random points and run again ends identical to an uninterrupted one', async () => {
    const clean = await bed();
    const counting = crashingAfter(clean.deps, Number.POSITIVE_INFINITY);
    await createSyncShopifyJob(counting, { pollIntervalMs: 5, http: FAST_HTTP, batchSize: 150 })(
      clean.task('backfill'),
    );
    const reference = await snapshot(clean);
    // Crash points within the first fifth of a whole run's writes: each of 4 rounds still crashes.
    const span = Math.max(1, Math.floor(counting.writes() / 5));
    const b = await bed();
    const rand = seededRandom(42);
    for (let round = 0; round < 4; round++) {
      const crashing = crashingAfter(b.deps, 1 + Math.floor(rand() * span));
      await expect(
        createSyncShopifyJob(crashing, { pollIntervalMs: 5, http: FAST_HTTP, batchSize: 150 })(
          b.task('backfill'),
        ),
      ).rejects.toThrow('injected crash');
    }
    await b.sync('backfill', { batchSize: 150 });
    expect(await snapshot(b)).toEqual(reference);
    expect((await b.deps.store.integrations.getPlatform(b.ctx, b.brandId, 'shopify'))?.status).toBe(
      'connected',
    );
  });

  it('an incremental sync killed between pages resumes from its committed cursor to the same end state', async () => {
    const b = await bed();
    await b.sync();
    for (const [i, o] of b.sandbox.store.orders.slice(0, 60).entries())
      refundLater(o, b.sandbox.now(), i + 1);
    const crashing = crashingAfter(b.deps, 12);
    await expect(createSyncShopifyJob(crashing, { http: FAST_HTTP, pageSize: 10 })(b.task())).rejects.toThrow(
      'injected crash',
    );
    const cursor = (await b.deps.store.integrations.getPlatform(b.ctx, b.brandId, 'shopify'))?.cursor;
    expect(cursor! > b.sandbox.store.now).toBe(true);
    expect(cursor! < b.sandbox.store.orders[59]!.updatedAt).toBe(true);
    await b.sync('incremental', { pageSize: 10 });
    expect(await totals(b)).toEqual(truth(b.sandbox.store.orders));
  });

  it('a storm of 429s, THROTTLED bodies, 500s and truncated pages slows the sync but it completes', async () => {
    const clean = await bed();
    await clean.sync();
    const b = await bed({
      faults: faultStorm({
        rate: 0.6,
        kinds: ['429', 'throttled', '500', 'truncated'],
        seed: 7,
        maxConsecutive: 4,
      }),
    });
    // Backoff long enough for the bucket to refill between retries (production waits 500 ms+).
    await b.sync('incremental', { http: { ...FAST_HTTP, baseDelayMs: 50 } });
    expect(b.sandbox.stats.faults).toBeGreaterThan(5);
    expect(b.sandbox.stats.requests).toBeGreaterThan(clean.sandbox.stats.requests + 5);
    expect(await snapshot(b)).toEqual(await snapshot(clean));
  });
});
