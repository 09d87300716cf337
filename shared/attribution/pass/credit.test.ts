import { describe, expect, it } from 'vitest';
import type { CreditedTouch } from '../../domain/attribution/types';
import { localDate } from '../../domain/time';
import { attributionColumns } from '../../ports/warehouse-tables';
import { creditChunk, fillDataDriven } from './credit';
import type { PreparedOrder } from './journeys';

const DAY = 86_400_000;
const AT = Date.parse('2026-03-10T12:00:00Z');

const touch = (
  campaignId: string | null,
  channel: string,
  daysBefore: number,
  id: string,
): CreditedTouch => ({
  channel,
  platform: campaignId ? 'meta' : null,
  campaignId,
  method: campaignId ? 'utm' : 'channel',
  confidence: campaignId ? 0.9 : 0.6,
  touchId: id,
  at: AT - daysBefore * DAY,
});

const order = (id: string, revenueMinor: number, journey: CreditedTouch[]): PreparedOrder => ({
  facts: {
    orderId: id,
    at: AT,
    revenueMinor,
    date: localDate('2026-03-10'),
    region: null,
    discountCodes: [],
  },
  journey,
  lines: [{ variantId: null, productId: null, quantity: 1, totalMinor: revenueMinor, unitCostMinor: null }],
  fulfillmentCostMinor: null,
});

// Journeys of every shape crediting takes apart: one touch, two (distinct, the same campaign twice,
// a channel without a campaign), and longer ones revisiting a destination, with revenue that does not
// split evenly.
const ORDERS: PreparedOrder[] = [
  order('o1', 1000, [touch('c1', 'paid_social', 1, 't1')]),
  order('o2', 1001, [touch('c1', 'paid_social', 3, 't2'), touch('c2', 'paid_search', 1, 't3')]),
  order('o3', 999, [touch('c2', 'paid_search', 4, 't4'), touch('c2', 'paid_search', 2, 't5')]),
  order('o4', 12_345, [touch(null, 'email', 5, 't6'), touch('c3', 'paid_social', 2, 't7')]),
  order('o5', 7, [
    touch('c1', 'paid_social', 6, 't8'),
    touch(null, 'organic', 4, 't9'),
    touch('c1', 'paid_social', 3, 't10'),
    touch('c3', 'paid_social', 1, 't11'),
  ]),
  order('o6', 100_003, [
    touch('c4', 'paid_search', 6, 't12'),
    touch('c2', 'paid_search', 5, 't13'),
    touch('c1', 'paid_social', 1, 't14'),
  ]),
];

const EFFECTS = new Map([
  ['c1', 0.31],
  ['c2', 0.12],
  ['c3', 0.05],
  ['channel:email', 0.2],
  // c4 and organic have no effect: their weight is 0.
]);
const SETTINGS = { windowDays: 7, halfLifeDays: 7 };

function credit(settings: typeof SETTINGS & { removalEffects?: ReadonlyMap<string, number> }) {
  const views: unknown[] = [];
  const chunk = creditChunk(ORDERS, 'b1', 'EUR', 'last_touch', settings, (o) => views.push(o));
  return { chunk, views };
}

describe('crediting before the Markov fit', () => {
  it('completes data_driven after the fit to exactly the rows crediting after the fit writes', () => {
    const after = credit({ ...SETTINGS, removalEffects: EFFECTS });
    const before = credit(SETTINGS);
    expect(after.chunk.dataDrivenPending).toBeUndefined();
    // Orders o2..o6 wait for the fit; o1's single touch gets everything under every model.
    expect(before.chunk.dataDrivenPending?.rows).toHaveLength(5);
    const dd = attributionColumns('data_driven');
    // Before the fit the data_driven columns are not the fitted ones (else this test proves nothing).
    expect(Array.from(before.chunk.batch.columns[dd.credit] as Float64Array)).not.toEqual(
      Array.from(after.chunk.batch.columns[dd.credit] as Float64Array),
    );
    const filled = fillDataDriven(before.chunk, EFFECTS);
    expect(filled.rowCount).toBe(after.chunk.batch.rowCount);
    for (const [name, column] of Object.entries(after.chunk.batch.columns))
      expect(Array.from(filled.columns[name]!), name).toEqual(Array.from(column));
    // The chosen model's view (unified performance) and platform revenue do not wait.
    expect(before.views).toEqual(after.views);
    expect(before.chunk.platformRevenue).toEqual(after.chunk.platformRevenue);
  });

  it('refuses to credit data_driven as the chosen model before the fit', () => {
    expect(() => creditChunk(ORDERS, 'b1', 'EUR', 'data_driven', SETTINGS, () => undefined)).toThrow(
      /only once the fit is known/,
    );
  });
});
