import { addDays, type LocalDate, localDate } from '../../shared/domain/time';
import { rows, type TestBrand } from './attribution-pass';

export const META = 'meta:act_1:101';
export const TIKTOK = 'tiktok:700:201';
export const GOOGLE = 'google_ads:123:301';
const FIRST = localDate('2026-03-02');
const DAYS = 30;

/**
 * Planted: FAST sells 5 a day with 40 left and takes most of the spend (Meta); OVER sells one
 * every five days with 2600 on hand and no campaign; OUT is out of stock while TikTok still
 * spends on it; OK is healthy. Plus a refund, a cancellation at 23:30 New York time, a EUR order.
 */
export async function plantSituations(w: TestBrand) {
  const { warehouse } = w.deps;
  const ctx = w.ctx;
  const orders = [];
  const lines = [];
  const touches = [];
  const spend = [];
  let n = 0;
  const sell = (
    date: LocalDate,
    variant: string,
    price: number,
    cost: number,
    region: string,
    click?: [string, string],
  ) => {
    const id = `o${++n}`;
    const at = `${date}T15:00:00.000Z`;
    orders.push(rows.order({ id, at, date, region }));
    lines.push(rows.line(id, date, variant, 1, price, cost));
    if (click) {
      const day = addDays(date, -1);
      touches.push(
        rows.touch({
          id: `t${n}`,
          orderId: id,
          at: `${day}T14:00:00.000Z`,
          date: day,
          campaign: click[1],
          clickType: click[0],
        }),
      );
    }
    return id;
  };
  for (let i = 0; i < DAYS; i++) {
    const d = addDays(FIRST, i);
    for (let k = 0; k < 5; k++) sell(d, 'v-fast', 12_900, 4_100, 'US-CA', ['fbclid', '101']);
    for (let k = 0; k < 5; k++) sell(d, 'v-ok', 3_400, 900, 'US-NY', ['gclid', '301']);
    if (i % 5 === 0) sell(d, 'v-over', 8_900, 3_100, 'DE-BE');
    if (i < 10) for (let k = 0; k < 2; k++) sell(d, 'v-out', 3_400, 900, 'US-TX', ['ttclid', '201']);
    spend.push(
      rows.spend(d, 'meta', META, 'US-CA', 50_000, 90_000),
      // TikTok bills in EUR: €46.00 at 1.087 is $50.00 in the brand currency.
      rows.spend(d, 'tiktok', TIKTOK, 'US-TX', 5_000, 0, { currency: 'EUR', minor: 4_600, rate: 1.087 }),
      rows.spend(d, 'google_ads', GOOGLE, 'US-NY', 20_000, 17_000),
    );
  }
  // Someone browsing from a Meta ad who never bought: a non-converting journey.
  touches.push(
    rows.touch({
      id: 'stray',
      orderId: null,
      customerId: 'c9',
      at: '2026-03-20T10:00:00.000Z',
      date: '2026-03-20',
      clickType: 'fbclid',
      campaign: '101',
    }),
  );
  const refunded = 'o1';
  const refunds = [rows.refund(refunded, '2026-03-05', '2026-03-05T12:00:00.000Z', 12_900, 'v-fast', 1)];
  // Cancelled at 03:30 UTC on the 11th = 23:30 on the 10th in New York: the 10th's cancellation.
  orders.push(
    rows.order({
      id: 'late',
      at: '2026-03-10T20:00:00.000Z',
      date: '2026-03-10',
      region: 'US-NY',
      cancelledAt: '2026-03-11T03:30:00.000Z',
    }),
  );
  lines.push(rows.line('late', '2026-03-10', 'v-ok', 1, 3_400, 900));
  orders.push(
    rows.order({
      id: 'eur',
      at: '2026-03-12T12:00:00.000Z',
      date: '2026-03-12',
      region: 'DE-BE',
      currency: 'EUR',
    }),
  );
  lines.push(rows.line('eur', '2026-03-12', 'v-ok', 1, 3_100, 900, 'EUR'));
  const range = { brandId: 'b1', from: localDate('2026-01-01'), to: localDate('2026-03-31') };
  await warehouse.replaceRange(ctx, 'orders', range, orders);
  await warehouse.replaceRange(ctx, 'order_lines', range, lines);
  await warehouse.replaceRange(ctx, 'touchpoints', range, touches);
  await warehouse.replaceRange(ctx, 'refunds', range, refunds);
  await warehouse.replaceRange(ctx, 'ad_performance', range, spend);
  await warehouse.replaceRange(ctx, 'campaigns', range, [
    rows.campaign('2026-03-31', 'meta', META, ['SKU-FAST']),
    rows.campaign('2026-03-31', 'tiktok', TIKTOK, ['SKU-OUT']),
    rows.campaign('2026-03-31', 'google_ads', GOOGLE, ['SKU-OK']),
  ]);
  const stock: Record<string, [number, number]> = {
    'v-fast': [25, 15],
    'v-over': [2000, 600],
    'v-out': [0, 0],
    'v-ok': [200, 100],
  };
  await w.deps.store.products.upsertMany(
    ctx,
    'b1',
    Object.keys(stock).map((v) => ({
      id: v,
      productId: `p-${v}`,
      title: v,
      sku: `SKU-${v.slice(2).toUpperCase()}`,
      priceMinor: 1000,
      currency: 'USD',
      status: 'active' as const,
      updatedAt: w.deps.clock.now().toISOString(),
    })),
  );
  await w.deps.store.inventory.upsertMany(
    ctx,
    'b1',
    Object.entries(stock).flatMap(([v, [a, b]]) => [
      {
        id: `${v}@l1`,
        variantId: v,
        inventoryItemId: `ii-${v}`,
        locationId: 'l1',
        available: a,
        onHand: a,
        committed: 0,
        incoming: 0,
        updatedAt: w.deps.clock.now().toISOString(),
      },
      {
        id: `${v}@l2`,
        variantId: v,
        inventoryItemId: `ii-${v}`,
        locationId: 'l2',
        available: b,
        onHand: b,
        committed: 0,
        incoming: 0,
        updatedAt: w.deps.clock.now().toISOString(),
      },
    ]),
  );
  const gross = lines.filter((l) => l.currency === 'USD').reduce((a, l) => a + Number(l.total_minor), 0);
  return { gross, net: gross - 12_900 - 3_400 };
}
