import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createMemoryDocumentDb } from '../../test/doubles/memory-document-db';
import { aBrand, anAdRow, anOrderRow, aPerformanceRow, aRefundRow } from '../../test/support/builders';
import { createTestWarehouse } from '../../test/support/warehouse';
import { systemContext } from '../domain/tenancy';
import { localDate } from '../domain/time';
import { fixedClock } from '../ports/clock';
import { createDashboardQueries, type Dashboard } from './dashboard';
import { createPerformanceFreshness } from './freshness';

const ctx = systemContext('t_dash', 'test');
const B = 'dash';
const brand = aBrand(B);
const period = { from: localDate('2026-11-01'), to: localDate('2026-11-07') };
const up = (over: Parameters<typeof aPerformanceRow>[1]) => aPerformanceRow(B, over);

let w: Awaited<ReturnType<typeof createTestWarehouse>>;
let d: Dashboard;

beforeAll(async () => {
  w = await createTestWarehouse();
  await w.load(ctx, 'ad_performance', B, [
    anAdRow(B, '2026-10-30', 'meta', 3_000),
    anAdRow(B, '2026-11-01', 'meta', 10_000),
    anAdRow(B, '2026-11-03', 'google_ads', 5_000),
  ]);
  await w.load(ctx, 'orders', B, [
    anOrderRow(B, 'o0', '2026-10-26', 6_000),
    anOrderRow(B, 'o1', '2026-11-01', 20_000),
    anOrderRow(B, 'o2', '2026-11-02', 15_000),
    anOrderRow(B, 'o3', '2026-11-02', 99_999, { cancelled_at: '2026-11-02T18:00:00Z' }),
  ]);
  await w.load(ctx, 'refunds', B, [aRefundRow(B, 'o2', '2026-11-02', 5_000)]);
  await w.load(ctx, 'unified_performance', B, [
    up({
      date: '2026-11-01',
      channel: 'meta',
      region: 'CA',
      product_id: 'p1',
      spend_minor: 10_000,
      revenue_minor: 20_000,
      profit_minor: 4_000,
      orders: 1,
      units: 1,
      stock_available: 0,
      days_of_cover: 0,
    }),
    up({
      date: '2026-11-02',
      channel: 'google',
      region: 'NY',
      product_id: 'p2',
      spend_minor: 0,
      revenue_minor: 0,
      profit_minor: 0,
      orders: 0,
      units: 0,
      stock_available: 600,
      days_of_cover: 130,
    }),
    up({
      date: '2026-11-03',
      channel: 'google',
      region: 'NY',
      product_id: 'p2',
      spend_minor: 5_000,
      revenue_minor: 10_000,
      profit_minor: 2_000,
      orders: 1,
      units: 2,
      stock_available: 500,
      days_of_cover: 120,
    }),
    up({
      date: '2026-11-03',
      channel: 'organic',
      region: 'NY',
      product_id: 'p3',
      spend_minor: 0,
      revenue_minor: 7_000,
      profit_minor: 3_000,
      orders: 1,
      units: 1,
      stock_available: 900,
      days_of_cover: 200,
    }),
    up({
      date: '2026-10-28',
      channel: 'meta',
      region: 'CA',
      product_id: 'p1',
      spend_minor: 3_000,
      revenue_minor: 6_000,
      profit_minor: 1_000,
    }),
  ]);
  d = await createDashboardQueries(w.warehouse).dashboard(ctx, brand, period);
});
afterAll(async () => w?.close());

describe('dashboard', () => {
  it('takes spend from ad_performance and net revenue from orders minus refunds', () => {
    expect(d.kpis).toEqual({
      spendMinor: 15_000,
      revenueMinor: 30_000,
      blendedRoas: 2,
      profitMinor: 9_000,
      orders: 2,
    });
  });

  it('compares with the previous period of the same length', () => {
    expect(d.previousPeriod).toEqual({ from: '2026-10-25', to: '2026-10-31' });
    expect(d.previous).toEqual({
      spendMinor: 3_000,
      revenueMinor: 6_000,
      blendedRoas: 2,
      profitMinor: 1_000,
      orders: 1,
    });
    expect(d.change).toEqual({ spendMinor: 4, revenueMinor: 4, blendedRoas: 0, profitMinor: 8, orders: 1 });
  });

  it('breaks down by channel and region', () => {
    expect(d.byChannel.map((c) => [c.key, c.spendMinor, c.revenueMinor, c.roas])).toEqual([
      ['meta', 10_000, 20_000, 2],
      ['google', 5_000, 10_000, 2],
      ['organic', 0, 7_000, null],
    ]);
    expect(d.byRegion.map((r) => [r.key, r.spendMinor, r.profitMinor])).toEqual([
      ['CA', 10_000, 4_000],
      ['NY', 5_000, 5_000],
    ]);
  });

  it('has one trend point per day, zero-filled, with no ROAS on days without spend', () => {
    expect(d.trend).toHaveLength(7);
    expect(d.trend[1]).toEqual({ date: '2026-11-02', spendMinor: 0, revenueMinor: 10_000, roas: null });
    expect(d.trend[2]).toEqual({ date: '2026-11-03', spendMinor: 5_000, revenueMinor: 0, roas: 0 });
  });

  it('draws the previous period under this one by day offset, with gaps before the data begins', () => {
    // Previous period Oct 25–31: orders from Oct 26, spend from Oct 30.
    expect(d.previousTrend).toHaveLength(d.trend.length);
    expect(d.previousTrend[0]).toEqual({
      date: '2026-10-25',
      spendMinor: null,
      revenueMinor: null,
      roas: null,
    });
    expect(d.previousTrend[1]).toEqual({
      date: '2026-10-26',
      spendMinor: null,
      revenueMinor: 6_000,
      roas: null,
    });
    expect(d.previousTrend[5]).toEqual({ date: '2026-10-30', spendMinor: 3_000, revenueMinor: 0, roas: 0 });
  });

  it('sets each product’s spend against its latest stock and classifies the alignment, misaligned first', () => {
    expect(
      d.inventory.map((r) => [r.productId, r.spendMinor, r.stockAvailable, r.daysOfCover, r.alignment]),
    ).toEqual([
      ['p1', 10_000, 0, 0, 'spending_on_stockout'],
      ['p3', 0, 900, 200, 'underspending_overstock'],
      ['p2', 5_000, 500, 120, 'aligned'],
    ]);
    expect(d.inventory[0]!.spendShare).toBeCloseTo(2 / 3);
  });

  it('reports profit as unknown, not zero, before attribution has run', async () => {
    const empty = await createDashboardQueries(w.warehouse).dashboard(ctx, brand, {
      from: localDate('2025-01-01'),
      to: localDate('2025-01-02'),
    });
    expect(empty.kpis).toEqual({
      spendMinor: 0,
      revenueMinor: 0,
      blendedRoas: null,
      profitMinor: null,
      orders: 0,
    });
  });

  it('reuses a brand’s rollup for the TTL, then reads the warehouse again', async () => {
    const clock = fixedClock('2026-11-20T00:00:00Z');
    const q = createDashboardQueries(w.warehouse, { clock, ttlMs: 60_000 });
    const day = { from: localDate('2026-11-05'), to: localDate('2026-11-05') };
    expect((await q.dashboard(ctx, brand, day)).kpis.spendMinor).toBe(0);
    await w.load(ctx, 'ad_performance', B, [anAdRow(B, '2026-11-05', 'meta', 700)]);
    expect((await q.dashboard(ctx, brand, day)).kpis.spendMinor).toBe(0);
    clock.advance(60_001);
    expect((await q.dashboard(ctx, brand, day)).kpis.spendMinor).toBe(700);
    await w.load(ctx, 'ad_performance', B, [anAdRow(B, '2026-11-05', 'meta', 900)]);
    q.invalidate('t_dash', B);
    expect((await q.dashboard(ctx, brand, day)).kpis.spendMinor).toBe(900);
  });

  it('keeps a read made withRollup as long as the rollup, and reads again once the rollup is reloaded', async () => {
    const clock = fixedClock('2026-11-20T00:00:00Z');
    const q = createDashboardQueries(w.warehouse, { clock, ttlMs: 60_000 });
    let reads = 0;
    const load = async () => ++reads;
    expect(await q.withRollup(ctx, brand, 'k', load)).toBe(1);
    expect(await q.withRollup(ctx, brand, 'k', load)).toBe(1);
    expect(await q.withRollup(ctx, brand, 'other', load)).toBe(2); // another key is its own read
    clock.advance(60_001);
    expect(await q.withRollup(ctx, brand, 'k', load)).toBe(3);
    q.invalidate('t_dash', B);
    expect(await q.withRollup(ctx, brand, 'k', load)).toBe(4);
    // A failed read is not kept.
    await expect(q.withRollup(ctx, brand, 'bad', async () => Promise.reject(new Error('x')))).rejects.toThrow(
      'x',
    );
    expect(await q.withRollup(ctx, brand, 'bad', load)).toBe(5);
  });

  it('computes a view once per rollup: the same period is served as computed until the rollup is reloaded', async () => {
    const clock = fixedClock('2026-11-20T00:00:00Z');
    const q = createDashboardQueries(w.warehouse, { clock, ttlMs: 60_000 });
    const first = await q.dashboard(ctx, brand, period);
    expect(await q.dashboard(ctx, brand, period)).toBe(first);
    // Another comparison, model or brand setting is another view.
    const year = await q.dashboard(ctx, brand, period, undefined, { kind: 'year' });
    expect(year).not.toBe(first);
    expect(year.comparison).toBe('year');
    const linear = await q.dashboard(ctx, brand, period, 'linear');
    expect(linear).not.toBe(first);
    expect(linear.model).toBe('linear');
    const stricter = {
      ...brand,
      targets: { ...brand.targets, lowCoverDays: brand.targets.lowCoverDays + 30 },
    };
    expect(await q.dashboard(ctx, stricter, period)).not.toBe(first);
    expect(await q.dashboard(ctx, brand, period)).toBe(first);
    q.invalidate('t_dash', B);
    const reloaded = await q.dashboard(ctx, brand, period);
    expect(reloaded).not.toBe(first);
    expect(reloaded.kpis).toEqual(first.kpis);
  });

  it('refreshes a cached rollup within a second of an incremental update moving the brand’s version', async () => {
    const clock = fixedClock('2026-11-20T00:00:00Z');
    const freshness = createPerformanceFreshness(createMemoryDocumentDb());
    const q = createDashboardQueries(w.warehouse, { clock, ttlMs: 600_000, freshness });
    const day = { from: localDate('2026-11-06'), to: localDate('2026-11-06') };
    expect((await q.dashboard(ctx, brand, day)).kpis.spendMinor).toBe(0);
    await w.load(ctx, 'ad_performance', B, [anAdRow(B, '2026-11-06', 'meta', 400)]);
    clock.advance(1_001);
    // Nothing announced: still the cached rollup (the time-to-live is ten minutes).
    expect((await q.dashboard(ctx, brand, day)).kpis.spendMinor).toBe(0);
    await freshness.touch(ctx, B, { version: 'v1', at: clock.now(), days: [localDate('2026-11-06')] });
    // Checked at most once a second: nothing is checked yet.
    expect((await q.dashboard(ctx, brand, day)).kpis.spendMinor).toBe(0);
    await settle();
    expect((await q.dashboard(ctx, brand, day)).kpis.spendMinor).toBe(0);
    clock.advance(1_001);
    // The next check sees the new version and refreshes behind this request.
    expect((await q.dashboard(ctx, brand, day)).kpis.spendMinor).toBe(0);
    await vi.waitFor(async () => expect((await q.dashboard(ctx, brand, day)).kpis.spendMinor).toBe(400));
  });

  it('serves the loaded rollup to every reader, the one that noticed an update included, until the refreshed one is ready', async () => {
    const clock = fixedClock('2026-11-20T00:00:00Z');
    const freshness = createPerformanceFreshness(createMemoryDocumentDb());
    let gate: Promise<void> = Promise.resolve();
    const warehouse = {
      query: (async (...args: Parameters<typeof w.warehouse.query>) => {
        await gate;
        return w.warehouse.query(...args);
      }) as typeof w.warehouse.query,
    };
    const q = createDashboardQueries(warehouse, { clock, ttlMs: 600_000, freshness });
    const day = { from: localDate('2026-11-08'), to: localDate('2026-11-08') };
    expect((await q.dashboard(ctx, brand, day)).kpis.spendMinor).toBe(0);
    await w.load(ctx, 'ad_performance', B, [anAdRow(B, '2026-11-08', 'meta', 250)]);
    await freshness.touch(ctx, B, { version: 'v2', at: clock.now(), days: [localDate('2026-11-08')] });
    clock.advance(1_001);
    let open = () => {};
    gate = new Promise((r) => {
      open = r;
    });
    // The request that notices is answered from the loaded rollup at once; the refresh waits at the gate.
    expect((await q.dashboard(ctx, brand, day)).kpis.spendMinor).toBe(0);
    await settle();
    expect((await q.dashboard(ctx, brand, day)).kpis.spendMinor).toBe(0);
    open();
    await vi.waitFor(async () => expect((await q.dashboard(ctx, brand, day)).kpis.spendMinor).toBe(250));
  });
});

/** Lets pending background work (a freshness check, a refresh) run. */
const settle = () => new Promise((r) => setTimeout(r, 20));
