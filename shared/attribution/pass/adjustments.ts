import type { AttributionModel } from '../../domain/entities/brand';
import type { Adjustment, AttributedOrder, LineFacts, OrderShare } from '../../domain/performance/types';
import type { LocalDate } from '../../domain/time';
import type { PassReader, RefundRow } from './read';

/**
 * Refunds as adjustments on the day the revenue definition puts them (the reader already left out
 * those of cancelled orders and, under net sales, refunded shipping and tax). Refunds in another
 * currency than the brand's are left out, like their orders. Cancelled orders need no adjustment:
 * they are left out whole (docs/decisions/832-revenue-definition.md).
 */
export function buildAdjustments(refunds: readonly RefundRow[], currency: string): Adjustment[] {
  const out: Adjustment[] = [];
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
  }
  return out;
}

type EarlierOrder = Pick<AttributedOrder, 'region' | 'lines' | 'shares'>;

/**
 * Orders sold before the range and refunded in it, each with its stored credits under `model`, its
 * lines and its region, so the refund lands on the campaigns and variants that sold it.
 */
export async function earlierOrders(
  read: PassReader,
  input: {
    refunds: readonly RefundRow[];
    /** Orders of the range itself. */
    known: ReadonlySet<string>;
    model: AttributionModel;
    range: { from: LocalDate; to: LocalDate };
  },
): Promise<Map<string, EarlierOrder>> {
  const { from } = input.range;
  const ids = [...new Set(input.refunds.map((r) => r.order_id).filter((id) => !input.known.has(id)))];
  const [credits, lines] = await Promise.all([
    read.earlierCredits(ids, input.model, from),
    read.earlierLines(ids, from),
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
  return orders;
}
