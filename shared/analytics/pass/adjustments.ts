import type { AttributionModel } from '../../domain/entities/brand';
import type { Adjustment, AttributedOrder, LineFacts, OrderShare } from '../../domain/performance/types';
import type { LocalDate } from '../../domain/time';
import type { PreparedOrder } from './journeys';
import type { PassReader, RefundRow } from './read';

/**
 * Refunds on their own day, plus cancellations: a cancelled order takes back whatever its refunds
 * have not already taken back (an unpaid order cancelled has no refund at all), so no amount is
 * subtracted twice. Refunds in another currency than the brand's are left out, like their orders.
 */
export function buildAdjustments(
  refunds: readonly RefundRow[],
  cancelled: readonly PreparedOrder[],
  currency: string,
  from: LocalDate,
  to: LocalDate,
): Adjustment[] {
  const out: Adjustment[] = [];
  const refunded = new Map<string, { amount: number; quantity: number }>();
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
    const sum = refunded.get(r.order_id) ?? { amount: 0, quantity: 0 };
    sum.amount += r.amount_minor;
    sum.quantity += r.quantity;
    refunded.set(r.order_id, sum);
  }
  for (const p of cancelled) {
    const day = p.cancelledOn;
    if (!day || day < from || day > to) continue;
    const back = refunded.get(p.facts.orderId) ?? { amount: 0, quantity: 0 };
    const quantity = p.lines.reduce((a, l) => a + l.quantity, 0);
    out.push({
      orderId: p.facts.orderId,
      date: day,
      kind: 'cancellation',
      variantId: null,
      quantity: Math.max(0, quantity - back.quantity),
      amountMinor: Math.max(0, p.facts.revenueMinor - back.amount),
    });
  }
  return out;
}

/** Orders refunded in the range but sold before it, from their stored credits under `model`. */
export async function earlierOrders(
  read: PassReader,
  refunds: readonly RefundRow[],
  known: ReadonlySet<string>,
  model: AttributionModel,
): Promise<Map<string, Pick<AttributedOrder, 'region' | 'lines' | 'shares'>>> {
  const missing = [...new Set(refunds.map((r) => r.order_id).filter((id) => !known.has(id)))];
  const out = new Map<string, { region: string | null; lines: LineFacts[]; shares: OrderShare[] }>();
  for (const r of await read.earlierCredits(missing, model)) {
    const order = out.get(r.order_id) ?? { region: r.region, lines: [], shares: [] };
    order.shares.push({
      channel: r.channel,
      platform: r.platform as OrderShare['platform'],
      campaignId: r.campaign_id,
      credit: r.credit,
    });
    out.set(r.order_id, order);
  }
  return out;
}
