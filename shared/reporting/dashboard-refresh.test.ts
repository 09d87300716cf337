import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createMemoryDocumentDb } from '../../test/doubles/memory-document-db';
import { aBrand, anAdRow, anOrderRow, aPerformanceRow, aRefundRow } from '../../test/support/builders';
import { createTestWarehouse } from '../../test/support/warehouse';
import type { Brand } from '../domain/entities';
import type { DrilldownDimension } from '../domain/reporting/drilldown';
import type { Comparison, Period } from '../domain/reporting/period';
import { systemContext } from '../domain/tenancy';
import { localDate } from '../domain/time';
import { fixedClock } from '../ports/clock';
import { createDashboardQueries, type DashboardQueries } from './dashboard';
import { createPerformanceFreshness } from './freshness';

/**
 * An incremental update re-reads only the days it names and puts them in place of theirs in the
 * cached rollup (decision 963): what it serves must be exactly what a cold load of the whole
 * history gives, to the cent, under either refund timing.
 */
const ctx = systemContext('t_refresh', 'test');
const B = 'refresh';
const CHANGED = localDate('2026-11-03');
const up = (date: string, over: Parameters<typeof aPerformanceRow>[1] = {}) =>
  aPerformanceRow(B, { date, ...over });
const camp = (n: number, platform = 'meta') => `${platform}:act_1:camp_${n}`;

let w: Awaited<ReturnType<typeof createTestWarehouse>>;

/** Ten days of orders, refunds, spend and unified rows; 11-03 is the day the update rewrites. */
async function seed() {
  const days = Array.from({ length: 10 }, (_, i) => `2026-11-${String(i + 1).padStart(2, '0')}`);
  await w.load(
    ctx,
    'orders',
    B,
    days.flatMap((d, i) => [
      anOrderRow(B, `o${i}a`, d, 10_000 + i * 1_111, { region: 'CA', country: 'US' }),
      anOrderRow(B, `o${i}b`, d, 7_000 + i * 333, { region: 'NY', country: 'US' }),
    ]),
  );
  // o2a (ordered on the 3rd) is refunded on the 5th; o1a (the 2nd) on the 6th.
  await w.warehouse.replaceRange(
    ctx,
    'refunds',
    { brandId: B, from: localDate(days[0]!), to: localDate(days[9]!) },
    [aRefundRow(B, 'o2a', '2026-11-05', 3_000), aRefundRow(B, 'o1a', '2026-11-06', 1_500)],
  );
  await w.load(
    ctx,
    'ad_performance',
    B,
    days.flatMap((d, i) => [
      anAdRow(B, d, 'meta', 4_000 + i * 10, { campaign_id: camp(1) }),
      anAdRow(B, d, 'google_ads', 2_000 + i * 7, { campaign_id: camp(2, 'google_ads') }),
    ]),
  );
  await w.load(
    ctx,
    'unified_performance',
    B,
    days.flatMap((d, i) => [
      up(d, {
        campaign_id: camp(1),
        spend_minor: 4_000 + i * 10,
        revenue_minor: 9_000 + i,
        profit_minor: 2_000,
      }),
      up(d, {
        channel: 'google_ads',
        platform: 'google_ads',
        campaign_id: camp(2, 'google_ads'),
        region: 'NY',
        product_id: 'gid://shopify/Product/2',
        variant_id: 'gid://shopify/ProductVariant/21',
        spend_minor: 2_000 + i * 7,
        revenue_minor: 6_000 + i,
        profit_minor: 1_000,
        stock_available: 100 - i,
        days_of_cover: 30 - i,
      }),
      // A region seen only on the changed day: the update moves its order elsewhere.
      ...(d === CHANGED
        ? [up(d, { channel: 'organic', platform: null, campaign_id: null, region: 'TX', spend_minor: 0 })]
        : []),
    ]),
  );
}

/** What the update writes for 11-03: a cancellation, a new order and refund, new spend and unified rows. */
async function rewriteTheChangedDay() {
  await w.load(ctx, 'orders', B, [
    anOrderRow(B, 'o2a', CHANGED, 10_000 + 2 * 1_111, {
      region: 'CA',
      country: 'US',
      cancelled_at: '2026-11-03T20:00:00Z',
    }),
    anOrderRow(B, 'o2b', CHANGED, 7_000 + 2 * 333, { region: 'NY', country: 'US' }),
    anOrderRow(B, 'o2c', CHANGED, 42_000, { region: 'WA', country: 'US' }),
  ]);
  // Refunded on the changed day, ordered on the 1st: a brand booking refunds on the order's day moves the 1st.
  await w.load(ctx, 'refunds', B, [aRefundRow(B, 'o0b', CHANGED, 2_500)]);
  await w.load(ctx, 'ad_performance', B, [
    anAdRow(B, CHANGED, 'meta', 9_999, { campaign_id: camp(1) }),
    anAdRow(B, CHANGED, 'meta', 1_234, { campaign_id: camp(3) }),
  ]);
  await w.load(ctx, 'unified_performance', B, [
    up(CHANGED, { campaign_id: camp(1), spend_minor: 9_999, revenue_minor: 7_000, profit_minor: -500 }),
    up(CHANGED, {
      campaign_id: camp(3),
      region: 'WA',
      product_id: 'gid://shopify/Product/3',
      spend_minor: 1_234,
      revenue_minor: 42_000,
      profit_minor: 20_000,
    }),
  ]);
}

const PERIODS: Array<[Period, Comparison | undefined]> = [
  [{ from: localDate('2026-11-01'), to: localDate('2026-11-07') }, undefined],
  [{ from: localDate('2026-11-03'), to: localDate('2026-11-03') }, undefined],
  [{ from: localDate('2026-11-04'), to: localDate('2026-11-10') }, undefined],
  [{ from: localDate('2026-11-01'), to: localDate('2026-11-10') }, { kind: 'year' }],
];
const DRILLS: Array<[DrilldownDimension, string]> = [
  ['channel', 'meta'],
  ['campaign', camp(1)],
  ['campaign', camp(3)],
  ['region', 'CA'],
  ['region', 'TX'],
  ['product', 'gid://shopify/Product/2'],
];

/** The test warehouse, with every query's text kept in `sql`. */
const recording = (sql: string[]) => ({
  query: (async (c: typeof ctx, text: string, params?: Record<string, never>) => {
    sql.push(text);
    return w.warehouse.query(c, text, params);
  }) as typeof w.warehouse.query,
});

/** Every view the test compares, from one set of queries. */
async function views(q: DashboardQueries, brand: Brand) {
  const dashboards = await Promise.all(PERIODS.map(([p, c]) => q.dashboard(ctx, brand, p, undefined, c)));
  const drills = await Promise.all(
    DRILLS.map(([dim, id]) => q.drilldown(ctx, brand, dim, id, PERIODS[0]![0])),
  );
  return { dashboards, drills };
}

beforeAll(async () => {
  w = await createTestWarehouse();
  await seed();
});
afterAll(async () => w?.close());

describe('a rollup refreshed by an incremental update', () => {
  it.each(['refund_day', 'order_day'] as const)(
    'after an update of one day equals a cold full load to the cent (refunds on the %s)',
    async (refundTiming) => {
      const brand = aBrand(B, { targets: { ...aBrand(B).targets, refundTiming } });
      const clock = fixedClock('2026-11-20T00:00:00Z');
      const freshness = createPerformanceFreshness(createMemoryDocumentDb());
      await freshness.touch(ctx, B, { version: 'v0', at: clock.now() });
      const sql: string[] = [];
      const warehouse = recording(sql);
      const q = createDashboardQueries(warehouse, { clock, ttlMs: 600_000, freshness });
      const before = await views(q, brand);
      expect(before).toEqual(await views(createDashboardQueries(w.warehouse, { ttlMs: 0 }), brand));

      await rewriteTheChangedDay();
      try {
        await freshness.touch(ctx, B, { version: 'v1', at: clock.now(), days: [CHANGED] });
        clock.advance(1_001);
        sql.length = 0;
        await q.dashboard(ctx, brand, PERIODS[0]![0]); // notices the new version
        const cold = await views(createDashboardQueries(w.warehouse, { ttlMs: 0 }), brand);
        expect(cold.dashboards[1]!.kpis.orders).toBe(2); // the update did change the day
        await vi.waitFor(async () => expect(await views(q, brand)).toEqual(cold));
        // Only the named day (and the days refunds tie to it) was read, never the whole history.
        const unified = sql.filter((s) => s.includes('{{unified_performance}}'));
        expect(unified.length).toBeGreaterThan(0);
        for (const s of unified) expect(s).toContain('UNNEST(@days)');
      } finally {
        await seed(); // the next case starts from the same history
      }
    },
  );

  it('reads an expired rollup again behind readers, who are served the loaded one meanwhile', async () => {
    const brand = aBrand(B);
    const clock = fixedClock('2026-11-20T00:00:00Z');
    const freshness = createPerformanceFreshness(createMemoryDocumentDb());
    const q = createDashboardQueries(w.warehouse, { clock, ttlMs: 60_000, freshness });
    const day = { from: localDate('2026-11-07'), to: localDate('2026-11-07') };
    const loaded = (await q.dashboard(ctx, brand, day)).kpis.spendMinor;
    await w.load(ctx, 'ad_performance', B, [anAdRow(B, '2026-11-07', 'meta', 777, { campaign_id: camp(1) })]);
    try {
      clock.advance(60_001); // nothing announced the write: only the time-to-live finds it
      expect((await q.dashboard(ctx, brand, day)).kpis.spendMinor).toBe(loaded);
      await vi.waitFor(async () => expect((await q.dashboard(ctx, brand, day)).kpis.spendMinor).toBe(777));
    } finally {
      await seed();
    }
  });

  it('after a quiet spell serves the first request the update it had not seen, not the rollup loaded before it', async () => {
    const brand = aBrand(B);
    const clock = fixedClock('2026-11-20T00:00:00Z');
    const freshness = createPerformanceFreshness(createMemoryDocumentDb());
    await freshness.touch(ctx, B, { version: 'v0', at: clock.now() });
    const q = createDashboardQueries(w.warehouse, { clock, ttlMs: 600_000, freshness });
    const day = { from: localDate('2026-11-07'), to: localDate('2026-11-07') };
    const loaded = (await q.dashboard(ctx, brand, day)).kpis.spendMinor;
    await w.load(ctx, 'ad_performance', B, [anAdRow(B, '2026-11-07', 'meta', 777, { campaign_id: camp(1) })]);
    try {
      await freshness.touch(ctx, B, { version: 'v1', at: clock.now() });
      // Within a check of the last one, a busy dashboard is served behind the refresh…
      clock.advance(1_001);
      expect((await q.dashboard(ctx, brand, day)).kpis.spendMinor).toBe(loaded);
      await vi.waitFor(async () => expect((await q.dashboard(ctx, brand, day)).kpis.spendMinor).toBe(777));
      // …but after minutes without a request, the first one waits for what moved meanwhile.
      await w.load(ctx, 'ad_performance', B, [
        anAdRow(B, '2026-11-07', 'meta', 888, { campaign_id: camp(1) }),
      ]);
      await freshness.touch(ctx, B, { version: 'v2', at: clock.now() });
      clock.advance(10 * 60_000);
      expect((await q.dashboard(ctx, brand, day)).kpis.spendMinor).toBe(888);
    } finally {
      await seed();
    }
  });

  it('does not make a busy brand wait for the next refresh when the last one outlasted the quiet spell', async () => {
    const brand = aBrand(B);
    const clock = fixedClock('2026-11-20T00:00:00Z');
    const freshness = createPerformanceFreshness(createMemoryDocumentDb());
    await freshness.touch(ctx, B, { version: 'v0', at: clock.now(), days: [CHANGED] });
    // A warehouse whose reads can be held back: a refresh then takes as long as the test says.
    let gate: Promise<void> | undefined;
    let open = () => {};
    let inFlight = 0;
    const hold = () => {
      gate = new Promise<void>((r) => {
        open = () => {
          gate = undefined;
          r();
        };
      });
    };
    const warehouse = {
      query: (async (c: typeof ctx, text: string, params?: Record<string, never>) => {
        inFlight++;
        try {
          await gate;
          return await w.warehouse.query(c, text, params);
        } finally {
          inFlight--;
        }
      }) as typeof w.warehouse.query,
    };
    const q = createDashboardQueries(warehouse, { clock, ttlMs: 600_000, freshness });
    const day = { from: CHANGED, to: CHANGED };
    const loaded = (await q.dashboard(ctx, brand, day)).kpis.spendMinor;
    await w.load(ctx, 'ad_performance', B, [anAdRow(B, CHANGED, 'meta', 777, { campaign_id: camp(1) })]);
    try {
      await freshness.touch(ctx, B, { version: 'v1', at: clock.now(), days: [CHANGED] });
      hold();
      clock.advance(1_001);
      expect((await q.dashboard(ctx, brand, day)).kpis.spendMinor).toBe(loaded); // its refresh is held
      // The refresh takes 8 s; the brand is asked for every second meanwhile, and another update lands.
      for (let i = 0; i < 8; i++) {
        clock.advance(1_000);
        expect((await q.dashboard(ctx, brand, day)).kpis.spendMinor).toBe(loaded);
      }
      await freshness.touch(ctx, B, { version: 'v2', at: clock.now(), days: [CHANGED] });
      open();
      await vi.waitFor(() => expect(inFlight).toBe(0));
      await new Promise((r) => setTimeout(r, 20)); // the refreshed entry takes the old one's place
      // The next refresh is held too: a request that waited for it would never be answered here.
      hold();
      clock.advance(1_000);
      const served = await Promise.race([
        q.dashboard(ctx, brand, day).then((d) => d.kpis.spendMinor),
        new Promise((r) => setTimeout(() => r('waited for the refresh'), 500)),
      ]);
      expect(served).toBe(777);
    } finally {
      open();
      await vi.waitFor(() => expect(inFlight).toBe(0));
      await seed();
    }
  });

  it('reads the whole history again after a change that names no days (a full pass)', async () => {
    const brand = aBrand(B);
    const clock = fixedClock('2026-11-20T00:00:00Z');
    const freshness = createPerformanceFreshness(createMemoryDocumentDb());
    await freshness.touch(ctx, B, { version: 'v0', at: clock.now(), days: [CHANGED] });
    const sql: string[] = [];
    const warehouse = recording(sql);
    const q = createDashboardQueries(warehouse, { clock, ttlMs: 600_000, freshness });
    const week = PERIODS[0]![0];
    expect((await q.dashboard(ctx, brand, week)).kpis.spendMinor).toBe(6_000 * 7 + 17 * 21);
    // Spend moves on a day no update names; the pass that follows names no days.
    await w.load(ctx, 'ad_performance', B, [
      anAdRow(B, '2026-11-06', 'meta', 1_000_000, { campaign_id: camp(1) }),
    ]);
    try {
      await freshness.touch(ctx, B, { version: 'v1', at: clock.now() });
      clock.advance(1_001);
      sql.length = 0;
      await q.dashboard(ctx, brand, week);
      const cold = await createDashboardQueries(w.warehouse, { ttlMs: 0 }).dashboard(ctx, brand, week);
      await vi.waitFor(async () => expect(await q.dashboard(ctx, brand, week)).toEqual(cold));
      expect(cold.kpis.spendMinor).toBeGreaterThan(1_000_000);
      const unified = sql.filter((s) => s.includes('{{unified_performance}}'));
      expect(unified.length).toBeGreaterThan(0);
      for (const s of unified) expect(s).not.toContain('@days');
    } finally {
      await seed();
    }
  });
});

describe('a read kept with a refreshed rollup (decision 968)', () => {
  /** A query on the brand's queries whose answer is the tenant's `source` of the moment. */
  function source(start: string) {
    const s = { value: start, reads: 0 };
    return Object.assign(s, {
      load: async () => {
        s.reads++;
        return s.value;
      },
    });
  }
  const notRead = () => Promise.reject(new Error('a request read what the refresh should have read'));

  async function setUp() {
    const clock = fixedClock('2026-11-20T00:00:00Z');
    const freshness = createPerformanceFreshness(createMemoryDocumentDb());
    await freshness.touch(ctx, B, { version: 'v0', at: clock.now(), days: [CHANGED] });
    const q = createDashboardQueries(w.warehouse, { clock, ttlMs: 600_000, freshness });
    /** An update naming the changed day, and the next request noticing it. */
    const update = async (version: string, on = ctx) => {
      await freshness.touch(on, B, { version, at: clock.now(), days: [CHANGED] });
      clock.advance(1_001);
      await q.dashboard(on, aBrand(B), PERIODS[0]![0]);
    };
    return { q, update };
  }

  it('is read again before the refreshed rollup is served, so no request waits for it', async () => {
    const { q, update } = await setUp();
    const brand = aBrand(B);
    const ltv = source('before');
    expect(await q.withRollup(ctx, brand, 'acquisition-days', ltv.load)).toBe('before');
    ltv.value = 'after';
    await update('v1');
    // Until the refreshed rollup is in place the loaded read is served; then the new one, already read.
    await vi.waitFor(async () =>
      expect(await q.withRollup(ctx, brand, 'acquisition-days', notRead)).toBe('after'),
    );
    expect(ltv.reads).toBe(2);
  });

  it('is not read again once a refresh passes with nobody asking for it', async () => {
    const { q, update } = await setUp();
    const brand = aBrand(B);
    const ltv = source('v0');
    // Asked for on every rollup: it shows which rollup is served.
    const served = source('v0');
    const servedIs = (v: string) =>
      vi.waitFor(async () => expect(await q.withRollup(ctx, brand, 'served', notRead)).toBe(v));
    await q.withRollup(ctx, brand, 'served', served.load);
    await q.withRollup(ctx, brand, 'acquisition-days', ltv.load);
    ltv.value = served.value = 'v1';
    await update('v1');
    await servedIs('v1'); // the LTV days were read again: they were asked for on v0's rollup
    ltv.value = served.value = 'v2';
    await update('v2');
    await servedIs('v2'); // nobody asked for them on v1's rollup
    const later = source('v2');
    expect(await q.withRollup(ctx, brand, 'acquisition-days', later.load)).toBe('v2');
    expect([ltv.reads, later.reads]).toEqual([2, 1]);
  });

  it("is read again with its own tenant's query and never served to another tenant", async () => {
    const { q, update } = await setUp();
    const other = systemContext('t_refresh_other', 'test');
    const brand = aBrand(B);
    const mine = source('mine, before');
    const theirs = source('theirs');
    await q.withRollup(ctx, brand, 'acquisition-days', mine.load);
    expect(await q.withRollup(other, brand, 'acquisition-days', theirs.load)).toBe('theirs');
    mine.value = 'mine, after';
    await update('v1');
    await vi.waitFor(async () =>
      expect(await q.withRollup(ctx, brand, 'acquisition-days', notRead)).toBe('mine, after'),
    );
    expect(await q.withRollup(other, brand, 'acquisition-days', notRead)).toBe('theirs');
    expect(theirs.reads).toBe(1);
  });

  it('that can be read by days is read on the days the rollup reads, from its kept value (decision 979)', async () => {
    const { q, update } = await setUp();
    const brand = aBrand(B);
    const ltv = source('kept');
    const asked: Array<[string, readonly string[]]> = [];
    const byDays = async (kept: string, days: readonly string[]) => {
      asked.push([kept, days]);
      return `${kept} + ${days.join(',')}`;
    };
    await q.withRollup(ctx, brand, 'acquisition-days', ltv.load, byDays);
    await update('v1');
    // 11-03 as the update named it, and 11-05: o2a, ordered on the 3rd, is refunded on the 5th.
    await vi.waitFor(async () =>
      expect(await q.withRollup(ctx, brand, 'acquisition-days', notRead)).toBe(
        'kept + 2026-11-03,2026-11-05',
      ),
    );
    expect(asked).toEqual([['kept', ['2026-11-03', '2026-11-05']]]);
    expect(ltv.reads).toBe(1);
  });

  it('that can be read by days is read whole after an update that names no days', async () => {
    const clock = fixedClock('2026-11-20T00:00:00Z');
    const freshness = createPerformanceFreshness(createMemoryDocumentDb());
    await freshness.touch(ctx, B, { version: 'v0', at: clock.now(), days: [CHANGED] });
    const queries = createDashboardQueries(w.warehouse, { clock, ttlMs: 600_000, freshness });
    const brand = aBrand(B);
    const ltv = source('v0');
    const byDays = vi.fn(async (kept: string) => `${kept}, by days`);
    await queries.dashboard(ctx, brand, PERIODS[0]![0]);
    await queries.withRollup(ctx, brand, 'acquisition-days', ltv.load, byDays);
    ltv.value = 'v1, whole';
    // A full pass: no days.
    await freshness.touch(ctx, B, { version: 'v1', at: clock.now() });
    clock.advance(1_001);
    await queries.dashboard(ctx, brand, PERIODS[0]![0]);
    await vi.waitFor(async () =>
      expect(await queries.withRollup(ctx, brand, 'acquisition-days', notRead)).toBe('v1, whole'),
    );
    expect(byDays).not.toHaveBeenCalled();
    expect(ltv.reads).toBe(2);
  });

  it('that fails to be read again is read by the next request that asks', async () => {
    const { q, update } = await setUp();
    const brand = aBrand(B);
    let fail = false;
    const flaky = source('before');
    const load = () => (fail ? Promise.reject(new Error('warehouse unavailable')) : flaky.load());
    await q.withRollup(ctx, brand, 'acquisition-days', load);
    fail = true;
    flaky.value = 'after';
    await update('v1');
    const next = source('after');
    // The rollup is replaced all the same; the read it could not carry is read on demand.
    await vi.waitFor(async () =>
      expect(await q.withRollup(ctx, brand, 'acquisition-days', next.load)).toBe('after'),
    );
    expect(next.reads).toBe(1);
  });
});

describe('a response body kept with the rollup (withBody, decision 975)', () => {
  async function setUp() {
    const clock = fixedClock('2026-11-20T00:00:00Z');
    const freshness = createPerformanceFreshness(createMemoryDocumentDb());
    await freshness.touch(ctx, B, { version: 'v0', at: clock.now(), days: [CHANGED] });
    const q = createDashboardQueries(w.warehouse, { clock, ttlMs: 600_000, freshness });
    let computed = 0;
    /** The body of `key`, serialised from the brand's dashboard of the week as it is served now. */
    const body = (key: string, brand: Brand = aBrand(B), on = ctx) =>
      q.withBody(on, brand, key, async () => {
        computed++;
        return JSON.stringify(await q.dashboard(on, brand, PERIODS[0]![0]));
      });
    return { q, clock, freshness, body, computed: () => computed };
  }

  it('is computed once while the data stays, and again from the refreshed rollup after an update', async () => {
    const { q, clock, freshness, body, computed } = await setUp();
    const first = await body('week');
    expect(await body('week')).toBe(first);
    expect(computed()).toBe(1);
    await rewriteTheChangedDay();
    try {
      await freshness.touch(ctx, B, { version: 'v1', at: clock.now(), days: [CHANGED] });
      clock.advance(1_001);
      await body('week'); // notices the update; served the loaded rollup meanwhile
      const cold = JSON.stringify(
        await createDashboardQueries(w.warehouse, { ttlMs: 0 }).dashboard(ctx, aBrand(B), PERIODS[0]![0]),
      );
      expect(cold).not.toBe(first);
      await vi.waitFor(async () => expect(await body('week')).toBe(cold));
      expect(await q.withBody(ctx, aBrand(B), 'week', () => Promise.reject(new Error('recomputed')))).toBe(
        cold,
      );
    } finally {
      await seed(); // the next case starts from the same history
    }
  });

  it('is never served to another tenant, another brand or the same brand with other settings', async () => {
    const { body, computed } = await setUp();
    await body('week');
    const other = systemContext('t_refresh_other', 'test');
    await body('week', aBrand(B), other);
    await body('week', aBrand('another-brand'));
    await body('week', aBrand(B, { currency: 'EUR' }));
    expect(computed()).toBe(4);
    expect(JSON.parse(await body('week', aBrand(B, { currency: 'EUR' }))).currency).toBe('EUR');
    expect(computed()).toBe(4);
  });

  it('keeps at most 16 bodies per brand, the least recently asked for going first', async () => {
    const { body, computed } = await setUp();
    for (let i = 0; i < 17; i++) await body(`window ${i}`);
    expect(computed()).toBe(17);
    await body('window 16');
    await body('window 1');
    expect(computed()).toBe(17);
    await body('window 0'); // evicted by the 17th
    expect(computed()).toBe(18);
  });
});
