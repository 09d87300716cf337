import { describe, expect, it } from 'vitest';
import { columnsFrom, type RowOf } from '../../../test/support/columns';
import { journeyOf, stateOf } from '../../domain/attribution/attribute';
import { createCampaignDirectory } from '../../domain/attribution/channels';
import { createGeoActivity } from '../../domain/attribution/fallback';
import { createMarkovCounter, fitMarkov } from '../../domain/attribution/markov';
import { linesWithRevenue, orderRevenueMinor } from '../../domain/performance/revenue';
import type { LocalDate } from '../../domain/time';
import {
  addStrayJourneys,
  destinationsOf,
  type JourneySetup,
  type PreparedOrder,
  prepareOrders,
  touchesByOrder,
} from './journeys';
import { lineColumns, orderColumns, strayColumns, touchColumns } from './read';

type OrderRow = RowOf<typeof orderColumns>;
type TouchRow = RowOf<typeof touchColumns>;
type StrayRow = RowOf<typeof strayColumns>;

const META = 'meta:act_1:101';
const GOOGLE = 'google_ads:1:301';
const campaigns = createCampaignDirectory([META, GOOGLE]);
const setup = {
  currency: 'USD',
  timeZone: 'America/New_York',
  campaigns,
  fallback: {
    campaigns,
    discountCodeCampaigns: {},
    geo: createGeoActivity([]),
    windowDays: 7,
    geoFallback: false,
  },
  revenueBasis: 'order_total' as const,
};

const noShape = {
  shape: 0,
  defines: true,
  utm_source: null,
  utm_medium: null,
  utm_campaign: null,
  click_type: null,
  click_platform: null,
  click_campaign: null,
};
const fb = { shape: 1, defines: true, click_type: 'fbclid', utm_campaign: '101' };
const gg = { shape: 2, defines: true, click_type: 'gclid', utm_campaign: '301' };
const touch = (id: string, seq: number, over: Partial<TouchRow>): TouchRow => ({
  ...noShape,
  seq,
  touchpoint_id: id,
  at_ms: Date.parse('2026-03-01T10:00:00.000Z'),
  ...over,
});
const stray = (who: number | null, over: Partial<StrayRow>): StrayRow => ({
  ...noShape,
  who,
  chunk: 0,
  ...over,
});
const strays = (rows: StrayRow[]) => columnsFrom(strayColumns, rows);
/** prepareOrders on rows written out as objects, read as the pass reads them: as columns. */
const prepare = (
  orders: OrderRow[],
  lines: RowOf<typeof lineColumns>[],
  touches: TouchRow[],
  journeySetup: JourneySetup,
  markov: ReturnType<typeof createMarkovCounter>,
) => {
  const prepared = prepareOrders(
    columnsFrom(orderColumns, orders),
    columnsFrom(lineColumns, lines),
    columnsFrom(touchColumns, touches),
    journeySetup,
    markov,
  );
  return { ...prepared, prepared: [...prepared.prepared] };
};

const order = (id: string, over: Partial<OrderRow> = {}): OrderRow => ({
  order_id: id,
  created_ms: Date.parse('2026-03-02T10:00:00.000Z'),
  date: '2026-03-02',
  currency: 'USD',
  region: null,
  discount_codes: null,
  cancelled_ms: null,
  fulfillment_cost_minor: null,
  total_minor: 0,
  shipping_minor: 0,
  tax_minor: 0,
  ...over,
});

describe('journeys of a pass', () => {
  it('feeds the Markov chain the same paths as written out by hand', () => {
    const counter = createMarkovCounter();
    prepare(
      [order('o1')],
      [],
      [touch('a', 1, { ...fb, at_ms: Date.parse('2026-03-01T09:00:00.000Z') }), touch('b', 1, gg)],
      setup,
      counter,
    );
    // Customer 7's two stray touches are one path; an anonymous touch is a path of its own.
    addStrayJourneys(strays([stray(7, fb), stray(7, gg), stray(null, gg)]), campaigns, counter);
    const expected = fitMarkov([
      { states: [META, GOOGLE], conversions: 1, nulls: 0 },
      { states: [META, GOOGLE], conversions: 0, nulls: 1 },
      { states: [GOOGLE], conversions: 0, nulls: 1 },
    ]);
    expect(counter.fit()).toEqual(expected);
  });

  it('leaves out and counts orders in another currency', () => {
    const { prepared, foreignCurrency } = prepare(
      [order('o1'), order('o2', { currency: 'EUR' })],
      [],
      [],
      setup,
      createMarkovCounter(),
    );
    expect(prepared.map((p) => p.facts.orderId)).toEqual(['o1']);
    expect(foreignCurrency).toBe(1);
  });

  it('leaves out and counts cancelled orders, whatever their financial status', () => {
    const { prepared, cancelled } = prepare(
      [order('o1', { cancelled_ms: Date.parse('2026-03-03T04:30:00.000Z') }), order('o2')],
      [],
      [],
      setup,
      createMarkovCounter(),
    );
    expect(prepared.map((p) => p.facts.orderId)).toEqual(['o2']);
    expect(cancelled).toBe(1);
  });

  it('spreads the order total (with shipping and tax) over its lines by their value, to the cent', () => {
    const line = (total: number) => ({
      seq: 1,
      variant_id: `v${total}`,
      product_id: 'p',
      quantity: 1,
      total_minor: total,
      unit_cost_minor: null,
    });
    const o = order('o1', { total_minor: 10_000, shipping_minor: 700, tax_minor: 300 });
    const run = (revenueBasis: 'order_total' | 'net_sales') =>
      prepare([o], [line(6000), line(3000)], [], { ...setup, revenueBasis }, createMarkovCounter())
        .prepared[0]!;
    // 10,000 over 6,000 : 3,000 → 6,666.67 and 3,333.33: the larger remainder takes the cent.
    expect(run('order_total').lines.map((l) => l.totalMinor)).toEqual([6667, 3333]);
    expect(run('order_total').facts.revenueMinor).toBe(10_000);
    expect(run('net_sales').lines.map((l) => l.totalMinor)).toEqual([6000, 3000]);
  });

  it('walks lines and touches alongside their orders by position, and refuses them out of step', () => {
    const line = (seq: number, total: number) => ({
      seq,
      variant_id: 'v',
      product_id: 'p',
      quantity: 1,
      total_minor: total,
      unit_cost_minor: null,
    });
    const { prepared } = prepare(
      [order('o1', { total_minor: 150 }), order('o2'), order('o3', { total_minor: 70 })],
      [line(1, 100), line(1, 50), line(3, 70)],
      [touch('a', 2, fb)],
      setup,
      createMarkovCounter(),
    );
    expect(prepared.map((p) => [p.facts.orderId, p.facts.revenueMinor, p.journey[0]!.campaignId])).toEqual([
      ['o1', 150, null],
      ['o2', 0, META],
      ['o3', 70, null],
    ]);
    const run = (lines: ReturnType<typeof line>[], touches: TouchRow[]) => () =>
      prepare([order('o1'), order('o2')], lines, touches, setup, createMarkovCounter());
    expect(run([line(2, 1), line(1, 1)], [])).toThrow(/did not arrive in the order of their orders/);
    expect(run([], [touch('a', 1, { shape: 5, defines: false })])).toThrow(
      /shape 5 came without its definition/,
    );
  });

  it('packs what journeyOf and linesWithRevenue make of each order, and counts the same Markov paths', () => {
    // A seeded mix: ties in time, touches outside the window, platform clicks without a campaign,
    // email, no evidence, mapped discount codes, geo guesses, lines without value or none at all.
    let seed = 17;
    const rand = (n: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return Math.floor(seed / 65_536) % n;
    };
    const shapes: Array<Partial<TouchRow>> = [
      fb,
      gg,
      { shape: 3, defines: true, click_type: 'fbclid', utm_campaign: 'unknown' },
      { shape: 4, defines: true, utm_source: 'klaviyo', utm_medium: 'email' },
      { shape: 5, defines: true },
      { shape: 6, defines: true, click_type: 'gclid' },
      { shape: 7, defines: true, utm_source: 'google', utm_medium: 'cpc', utm_campaign: '301' },
    ];
    const geoSetup: JourneySetup = {
      ...setup,
      revenueBasis: 'net_sales',
      fallback: {
        ...setup.fallback,
        discountCodeCampaigns: { SPRING: META, FALL: GOOGLE },
        geo: createGeoActivity([
          { date: '2026-03-01', region: 'US-CA', campaignId: GOOGLE, spendMinor: 500 },
        ]),
        geoFallback: true,
      },
    };
    const base = Date.parse('2026-03-02T10:00:00.000Z');
    const orders: OrderRow[] = [];
    const lines: RowOf<typeof lineColumns>[] = [];
    const touches: TouchRow[] = [];
    const defined = new Set<number>();
    for (let k = 0; k < 400; k++) {
      const seq = k + 1;
      orders.push(
        order(`o${k}`, {
          created_ms: base + rand(3) * 3_600_000,
          currency: rand(20) === 0 ? 'EUR' : 'USD',
          cancelled_ms: rand(20) === 0 ? base : null,
          region: rand(2) ? 'US-CA' : null,
          discount_codes: ['', 'spring', 'VIP,fall', null][rand(4)] ?? null,
          total_minor: rand(10_000),
          shipping_minor: rand(300),
          tax_minor: rand(200),
          fulfillment_cost_minor: rand(2) ? rand(500) : null,
        }),
      );
      for (let j = rand(4); j > 0; j--)
        lines.push({
          seq,
          variant_id: rand(5) ? `v${rand(9)}` : null,
          product_id: rand(5) ? `p${rand(3)}` : null,
          quantity: 1 + rand(3),
          total_minor: rand(3) ? rand(5000) : 0,
          unit_cost_minor: rand(2) ? rand(900) : null,
        });
      for (let j = rand(5); j > 0; j--) {
        const shape = shapes[rand(shapes.length)]!;
        const first = !defined.has(shape.shape!);
        defined.add(shape.shape!);
        touches.push(
          touch(`t${k}-${rand(3)}-${j}`, seq, {
            ...(first ? shape : { shape: shape.shape, defines: false }),
            at_ms: base - rand(10) * 86_400_000 + rand(2) * 3_600_000,
          }),
        );
      }
    }
    const counter = createMarkovCounter();
    const { prepared, foreignCurrency, cancelled } = prepare(orders, lines, touches, geoSetup, counter);

    const touchCols = columnsFrom(touchColumns, touches);
    const destinations = destinationsOf(touchCols, geoSetup.campaigns);
    const expected: PreparedOrder[] = [];
    const paths: Array<{ states: string[]; conversions: number; nulls: number }> = [];
    orders.forEach((o, k) => {
      if (o.currency !== 'USD' || o.cancelled_ms !== null) return;
      const facts = {
        orderId: o.order_id,
        at: o.created_ms,
        date: o.date as LocalDate,
        region: o.region,
        discountCodes: o.discount_codes ? o.discount_codes.split(',') : [],
        revenueMinor: orderRevenueMinor(
          { totalMinor: o.total_minor, shippingMinor: o.shipping_minor, taxMinor: o.tax_minor },
          geoSetup.revenueBasis,
        ),
      };
      const own = touches.filter((t) => t.seq === k + 1);
      const journey = journeyOf(
        facts,
        own.map((t) => ({ id: t.touchpoint_id, at: t.at_ms, destination: destinations[t.shape]! })),
        geoSetup.fallback,
      );
      paths.push({ states: journey.map(stateOf), conversions: 1, nulls: 0 });
      expected.push({
        facts,
        journey,
        lines: linesWithRevenue(
          lines
            .filter((l) => l.seq === k + 1)
            .map((l) => ({
              variantId: l.variant_id,
              productId: l.product_id,
              quantity: l.quantity,
              totalMinor: l.total_minor,
              unitCostMinor: l.unit_cost_minor,
            })),
          facts.revenueMinor,
        ),
        fulfillmentCostMinor: o.fulfillment_cost_minor,
      });
    });
    expect(foreignCurrency + cancelled).toBeGreaterThan(0);
    // Every kind of journey is in the mix.
    const methods = new Set(expected.flatMap((p) => p.journey.map((t) => t.method)));
    expect([...methods].sort()).toEqual(
      ['channel', 'click_id', 'click_id_platform', 'discount_code', 'geo_time', 'unattributed', 'utm'].sort(),
    );
    expect(prepared).toStrictEqual(expected);
    expect(counter.fit()).toEqual(fitMarkov(paths));

    // The reader returns touches in no particular order (decision 987): read back to front and
    // interleaved, the same orders are packed and the same paths counted.
    const mixed = [...touches.filter((_, i) => i % 2), ...touches.filter((_, i) => !(i % 2))].reverse();
    const mixedCounter = createMarkovCounter();
    expect(prepare(orders, lines, mixed, geoSetup, mixedCounter).prepared).toStrictEqual(expected);
    expect(mixedCounter.fit()).toEqual(fitMarkov(paths));
  });

  it("groups a read's touches by their order, keeping the read's order within each", () => {
    const { start, touches } = touchesByOrder([3, 1, 3, 3, 1], 4);
    expect([...start]).toEqual([0, 2, 2, 5, 5]);
    expect([...touches]).toEqual([1, 4, 0, 2, 3]);
    expect(() => touchesByOrder([1, 5], 4)).toThrow(/a touch of order 5 in a chunk of 4 orders/);
    expect(() => touchesByOrder([0], 4)).toThrow(/a touch of order 0/);
  });
});
