import type { AttributionModel } from '../../domain/entities/brand';
import type { Adjustment, AttributedOrder, LineFacts, OrderShare } from '../../domain/performance/types';
import { type LocalDate, toLocalDate } from '../../domain/time';
import type { PassReader, RefundRow } from './read';

/** An order cancelled in the range (whenever it was placed), as much as its cancellation needs. */
export interface CancelledOrder {
  readonly orderId: string;
  readonly cancelledOn: LocalDate;
  readonly revenueMinor: number;
  readonly quantity: number;
}

type Refunded = ReadonlyMap<string, { amount: number; quantity: number }>;

/**
 * Refunds on their own day, plus cancellations: a cancelled order takes back whatever its refunds
 * (in the range, or before it: `refundedBefore`) have not already taken back (an unpaid order
 * cancelled has no refund at all), so no amount is subtracted twice. Refunds in another currency
 * than the brand's are left out, like their orders.
 */
export function buildAdjustments(
  refunds: readonly RefundRow[],
  cancelled: readonly CancelledOrder[],
  currency: string,
  range: { from: LocalDate; to: LocalDate },
  refundedBefore: Refunded = new Map(),
): Adjustment[] {
  const out: Adjustment[] = [];
  const refunded = new Map<string, { amount: number; quantity: number }>();
  const add = (orderId: string, amount: number, quantity: number) => {
    const sum = refunded.get(orderId) ?? { amount: 0, quantity: 0 };
    sum.amount += amount;
    sum.quantity += quantity;
    refunded.set(orderId, sum);
  };
  for (const [orderId, before] of refundedBefore) add(orderId, before.amount, before.quantity);
  for (const r of refunds) {
    if (r.currency !== currency) continue;
    out.push({
      orderId: r.order_id,
      date: r.date as LocalDate,
      kind: 'refund',
      variantId: r.variant_id,
      quantity: r.quantity,
      amountMinor: r.amount_minor,
    });
    add(r.order_id, r.amount_minor, r.quantity);
  }
  for (const c of cancelled) {
    if (c.cancelledOn < range.from || c.cancelledOn > range.to) continue;
    const back = refunded.get(c.orderId) ?? { amount: 0, quantity: 0 };
    out.push({
      orderId: c.orderId,
      date: c.cancelledOn,
      kind: 'cancellation',
      variantId: null,
      quantity: Math.max(0, c.quantity - back.quantity),
      amountMinor: Math.max(0, c.revenueMinor - back.amount),
    });
  }
  return out;
}

type EarlierOrder = Pick<AttributedOrder, 'region' | 'lines' | 'shares'>;

/**
 * Orders sold before the range that the range comes back to: refunded in it, or cancelled in it.
 * Each with its stored credits under `model`, its lines and its region; the cancelled ones also
 * as cancellations, with what was refunded of them before the range.
 */
export async function earlierOrders(
  read: PassReader,
  input: {
    refunds: readonly RefundRow[];
    /** Orders of the range itself. */
    known: ReadonlySet<string>;
    model: AttributionModel;
    currency: string;
    timeZone: string;
    range: { from: LocalDate; to: LocalDate };
  },
): Promise<{ orders: Map<string, EarlierOrder>; cancelled: CancelledOrder[]; refundedBefore: Refunded }> {
  const { from, to } = input.range;
  const cancelledRows = (await read.cancelledEarlier(from, to))
    .filter((r) => r.currency === input.currency && !input.known.has(r.order_id))
    .map((r) => ({ ...r, day: toLocalDate(new Date(r.cancelled_ms), input.timeZone) }))
    .filter((r) => r.day >= from && r.day <= to);
  const cancelledIds = cancelledRows.map((r) => r.order_id);
  const ids = [
    ...new Set([
      ...input.refunds.map((r) => r.order_id).filter((id) => !input.known.has(id)),
      ...cancelledIds,
    ]),
  ];
  const [credits, lines, before] = await Promise.all([
    read.earlierCredits(ids, input.model, from),
    read.earlierLines(ids, from),
    read.earlierRefunds(cancelledIds, from),
  ]);
  const orders = new Map<string, { region: string | null; lines: LineFacts[]; shares: OrderShare[] }>();
  const orderOf = (id: string, region: string | null) => {
    let o = orders.get(id);
    if (!o) {
      o = { region, lines: [], shares: [] };
      orders.set(id, o);
    }
    return o;
  };
  for (const r of cancelledRows) orderOf(r.order_id, r.region);
  for (const r of credits)
    orderOf(r.order_id, r.region).shares.push({
      channel: r.channel,
      platform: r.platform as OrderShare['platform'],
      campaignId: r.campaign_id,
      credit: r.credit,
    });
  for (const l of lines)
    orderOf(l.order_id, null).lines.push({
      variantId: l.variant_id,
      productId: l.product_id,
      quantity: l.quantity,
      totalMinor: l.total_minor,
      unitCostMinor: l.unit_cost_minor,
    });
  const refundedBefore = new Map<string, { amount: number; quantity: number }>();
  for (const r of before) {
    if (r.currency !== input.currency) continue;
    const sum = refundedBefore.get(r.order_id) ?? { amount: 0, quantity: 0 };
    sum.amount += r.amount_minor;
    sum.quantity += r.quantity;
    refundedBefore.set(r.order_id, sum);
  }
  const cancelled = cancelledRows.map((r) => {
    const orderLines = orders.get(r.order_id)?.lines ?? [];
    return {
      orderId: r.order_id,
      cancelledOn: r.day,
      revenueMinor: orderLines.reduce((a, l) => a + l.totalMinor, 0),
      quantity: orderLines.reduce((a, l) => a + l.quantity, 0),
    };
  });
  return { orders, cancelled, refundedBefore };
}
