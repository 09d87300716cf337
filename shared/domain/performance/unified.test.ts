import { describe, expect, it } from 'vitest';
import { type LocalDate, localDate } from '../time';
import type { AttributedOrder, LineFacts, OrderShare, SpendFact, UnifiedRow } from './types';
import { buildUnifiedRows, type UnifiedInput } from './unified';

const META = 'meta:act_1:101';
const GOOGLE = 'google_ads:1:301';
const meta = (credit: number): OrderShare => ({
  channel: 'meta',
  platform: 'meta',
  campaignId: META,
  credit,
});
const email = (credit: number): OrderShare => ({
  channel: 'email',
  platform: null,
  campaignId: null,
  credit,
});
const line = (
  variantId: string,
  quantity: number,
  totalMinor: number,
  unitCostMinor: number | null = null,
): LineFacts => ({
  variantId,
  productId: `p-${variantId}`,
  quantity,
  totalMinor,
  unitCostMinor,
});

function anOrder(over: Partial<AttributedOrder> = {}): AttributedOrder {
  return {
    orderId: 'o1',
    date: localDate('2026-03-10'),
    region: 'US-CA',
    lines: [line('A', 2, 6000, 1000), line('B', 1, 4000)],
    shares: [meta(0.5), email(0.5)],
    fulfillmentCostMinor: null,
    ...over,
  };
}

const spend = (date: string, campaignId: string, spendMinor: number, region = 'US-CA'): SpendFact => ({
  date: localDate(date),
  platform: campaignId.startsWith('meta') ? 'meta' : 'google_ads',
  campaignId,
  region,
  spendMinor,
});

const build = (over: Partial<UnifiedInput>) =>
  buildUnifiedRows({
    orders: [],
    adjustments: [],
    spend: [],
    promotedVariants: new Map(),
    productOfVariant: new Map([
      ['A', 'pA'],
      ['B', 'pB'],
    ]),
    stockOf: () => null,
    ...over,
  });

const find = (rows: UnifiedRow[], date: string, campaignId: string | null, variantId: string | null) =>
  rows.find((r) => r.date === date && r.campaignId === campaignId && r.variantId === variantId);
const total = (rows: UnifiedRow[], f: (r: UnifiedRow) => number) => rows.reduce((a, r) => a + f(r), 0);

describe('unified performance', () => {
  it('splits each line by the order credits, with units, COGS and order counts', () => {
    const rows = build({ orders: [anOrder()] });
    expect(find(rows, '2026-03-10', META, 'A')).toMatchObject({
      channel: 'meta',
      productId: 'pA',
      revenueMinor: 3000,
      units: 1,
      cogsMinor: 1000,
      orders: 0.3,
      spendMinor: 0,
      roas: null,
      poas: null,
    });
    expect(find(rows, '2026-03-10', null, 'B')).toMatchObject({
      channel: 'email',
      revenueMinor: 2000,
      orders: 0.2,
    });
    expect(total(rows, (r) => r.revenueMinor)).toBe(10_000);
    expect(total(rows, (r) => r.orders)).toBeCloseTo(1, 12);
  });

  it('a refund lowers revenue on the refund day, through the same credits, on its variant', () => {
    const rows = build({
      orders: [anOrder()],
      adjustments: [
        {
          orderId: 'o1',
          date: localDate('2026-03-12'),
          kind: 'refund',
          variantId: 'A',
          quantity: 1,
          amountMinor: 2501,
        },
      ],
    });
    const refundRows = rows.filter((r) => r.date === '2026-03-12');
    expect(refundRows.map((r) => r.revenueMinor).sort((a, b) => a - b)).toEqual([-1251, -1250]);
    expect(refundRows.every((r) => r.variantId === 'A' && r.units === -0.5)).toBe(true);
    expect(find(rows, '2026-03-10', META, 'A')?.revenueMinor).toBe(3000);
    expect(total(rows, (r) => r.revenueMinor)).toBe(10_000 - 2501);
  });

  it('a cancellation takes back revenue, units, the order and its COGS on the cancellation day', () => {
    const rows = build({
      orders: [anOrder()],
      adjustments: [
        {
          orderId: 'o1',
          date: localDate('2026-03-11'),
          kind: 'cancellation',
          variantId: null,
          quantity: 3,
          amountMinor: 10_000,
        },
      ],
    });
    const day = rows.filter((r) => r.date === '2026-03-11');
    expect(total(day, (r) => r.revenueMinor)).toBe(-10_000);
    expect(total(day, (r) => r.cogsMinor)).toBe(-2000);
    expect(total(day, (r) => r.units)).toBeCloseTo(-3, 12);
    expect(total(day, (r) => r.orders)).toBeCloseTo(-1, 12);
    expect(total(rows, (r) => r.revenueMinor)).toBe(0);
  });

  it('a refund of an order sold before the range uses that order credits', () => {
    const rows = build({
      adjustments: [
        {
          orderId: 'old',
          date: localDate('2026-03-12'),
          kind: 'refund',
          variantId: null,
          quantity: 0,
          amountMinor: 500,
        },
      ],
      earlierOrders: new Map([['old', { region: 'US-NY', lines: [line('B', 1, 4000)], shares: [meta(1)] }]]),
    });
    expect(rows).toEqual([
      expect.objectContaining({ campaignId: META, region: 'US-NY', variantId: 'B', revenueMinor: -500 }),
    ]);
  });

  it('spends on the promoted products, with ROAS and POAS where there is spend', () => {
    const rows = build({
      orders: [anOrder()],
      spend: [spend('2026-03-10', META, 1500)],
      promotedVariants: new Map([[META, ['A']]]),
    });
    const r = find(rows, '2026-03-10', META, 'A')!;
    expect(r).toMatchObject({
      spendMinor: 1500,
      revenueMinor: 3000,
      spendAllocationMethod: 'promoted_products',
    });
    expect(r.roas).toBe(2);
    expect(r.profitMinor).toBe(3000 - 1000 - 1500);
    expect(r.poas).toBeCloseTo((3000 - 1000) / 1500, 12);
  });

  it('without promoted products, spend follows the campaign attributed revenue by variant', () => {
    const rows = build({ orders: [anOrder()], spend: [spend('2026-03-10', META, 1001)] });
    expect(find(rows, '2026-03-10', META, 'A')).toMatchObject({
      spendMinor: 601,
      spendAllocationMethod: 'attributed_revenue',
    });
    expect(find(rows, '2026-03-10', META, 'B')).toMatchObject({ spendMinor: 400 });
  });

  it("spend follows the campaign's revenue on that day in that region, else its mix over the range", () => {
    const rows = build({
      orders: [
        anOrder({ orderId: 'a', lines: [line('A', 1, 3000)], shares: [meta(1)] }),
        anOrder({
          orderId: 'b',
          date: localDate('2026-03-11'),
          lines: [line('B', 1, 1000)],
          shares: [meta(1)],
        }),
      ],
      spend: [spend('2026-03-11', META, 800), spend('2026-03-12', META, 800)],
    });
    expect(find(rows, '2026-03-11', META, 'B')).toMatchObject({ spendMinor: 800 });
    expect(find(rows, '2026-03-11', META, 'A')).toBeUndefined();
    expect(find(rows, '2026-03-12', META, 'A')).toMatchObject({
      spendMinor: 600,
      spendAllocationMethod: 'attributed_revenue',
    });
    expect(find(rows, '2026-03-12', META, 'B')).toMatchObject({ spendMinor: 200 });
  });

  it('the range-wide fallback spreads spend over the ten best-selling variants only, to the cent', () => {
    const lines = Array.from({ length: 12 }, (_, i) =>
      line(`V${String(i).padStart(2, '0')}`, 1, 1000 + i * 100),
    );
    const rows = build({
      orders: [anOrder({ lines, shares: [meta(1)] })],
      spend: [spend('2026-03-20', META, 9_999)],
    });
    const spent = rows.filter((r) => r.date === '2026-03-20');
    expect(spent).toHaveLength(10);
    expect(spent.map((r) => r.variantId)).not.toContain('V00');
    expect(total(spent, (r) => r.spendMinor)).toBe(9_999);
  });

  it('a campaign with spend and no sales keeps its spend unallocated, ROAS 0 not null', () => {
    const rows = build({ spend: [spend('2026-03-09', GOOGLE, 800)] });
    expect(rows).toEqual([
      expect.objectContaining({
        variantId: null,
        spendMinor: 800,
        roas: 0,
        spendAllocationMethod: 'unallocated',
      }),
    ]);
  });

  it('zero spend and zero sales produce no rows', () => {
    expect(
      build({ spend: [spend('2026-03-09', GOOGLE, 0)] }).every((r) => r.spendMinor === 0 && r.roas === null),
    ).toBe(true);
    expect(build({})).toEqual([]);
  });

  it('carries stock and days of cover of the variant on that day', () => {
    const stockOf = (v: string, d: LocalDate) =>
      v === 'A' && d === '2026-03-10' ? { available: 40, daysOfCover: 8 } : null;
    const rows = build({ orders: [anOrder()], stockOf });
    expect(find(rows, '2026-03-10', META, 'A')).toMatchObject({ stockAvailable: 40, daysOfCover: 8 });
    expect(find(rows, '2026-03-10', META, 'B')).toMatchObject({ stockAvailable: null, daysOfCover: null });
  });

  it('allocates a known fulfillment cost and subtracts it from profit', () => {
    const rows = build({ orders: [anOrder({ fulfillmentCostMinor: 1000 })] });
    expect(total(rows, (r) => r.fulfillmentCostMinor ?? 0)).toBe(1000);
    expect(find(rows, '2026-03-10', META, 'A')).toMatchObject({
      fulfillmentCostMinor: 300,
      profitMinor: 3000 - 1000 - 300,
    });
  });
});
