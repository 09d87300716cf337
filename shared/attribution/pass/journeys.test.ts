import { describe, expect, it } from 'vitest';
import { columnsFrom, type RowOf } from '../../../test/support/columns';
import { createCampaignDirectory } from '../../domain/attribution/channels';
import { createGeoActivity } from '../../domain/attribution/fallback';
import { createMarkovCounter, fitMarkov } from '../../domain/attribution/markov';
import { addStrayJourneys, type JourneySetup, prepareOrders } from './journeys';
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
const stray = (who: number | null, over: Partial<StrayRow>): StrayRow => ({ ...noShape, who, ...over });
const strays = (rows: StrayRow[]) => columnsFrom(strayColumns, rows);
/** prepareOrders on rows written out as objects, read as the pass reads them: as columns. */
const prepare = (
  orders: OrderRow[],
  lines: RowOf<typeof lineColumns>[],
  touches: TouchRow[],
  journeySetup: JourneySetup,
  markov: ReturnType<typeof createMarkovCounter>,
) =>
  prepareOrders(
    columnsFrom(orderColumns, orders),
    columnsFrom(lineColumns, lines),
    columnsFrom(touchColumns, touches),
    journeySetup,
    markov,
  );

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
});
