import { z } from 'zod';
import { allocateMinor } from '../money';
import type { LineFacts } from './types';

/**
 * What a brand counts as revenue (docs/decisions/832-revenue-definition.md).
 * - `order_total` (default): what the customer paid — after discounts, with shipping and tax —
 *   the figure ad platforms report as purchase value, so ROAS compares like with like.
 * - `net_sales`: the same without shipping and tax.
 * Refunds land on the refund's own day (default) or are taken back on the order's day. Cancelled
 * orders are left out whatever their financial status: a VOIDED order was never paid and has
 * nothing refunded, a REFUNDED one's refund is not subtracted a second time.
 */
export const REVENUE_BASES = ['order_total', 'net_sales'] as const;
export const REFUND_TIMINGS = ['refund_day', 'order_day'] as const;
export const revenueBasisSchema = z.enum(REVENUE_BASES);
export const refundTimingSchema = z.enum(REFUND_TIMINGS);
export type RevenueBasis = z.infer<typeof revenueBasisSchema>;
export type RefundTiming = z.infer<typeof refundTimingSchema>;

export interface RevenueDefinition {
  readonly basis: RevenueBasis;
  readonly refunds: RefundTiming;
}

export const DEFAULT_REVENUE_DEFINITION: RevenueDefinition = { basis: 'order_total', refunds: 'refund_day' };

/** The order's money as Shopify reports it (shop currency, minor units). */
export interface OrderMoney {
  readonly totalMinor: number;
  readonly shippingMinor: number;
  readonly taxMinor: number;
}

/** The order's revenue under the basis. */
export function orderRevenueMinor(order: OrderMoney, basis: RevenueBasis): number {
  return basis === 'order_total' ? order.totalMinor : order.totalMinor - order.shippingMinor - order.taxMinor;
}

/**
 * Which refund rows count: all of them under `order_total` (money returned is revenue lost, shipping
 * and tax included); under `net_sales` only the refunded lines' subtotals (`kind = 'line'`), not
 * refunded shipping, tax or manual amounts (`kind = 'other'`).
 */
export function refundCounts(kind: string, basis: RevenueBasis): boolean {
  return basis === 'order_total' || kind === 'line';
}

/**
 * The order's lines carrying its revenue under the definition: the revenue split over the lines in
 * proportion to their totals after discounts (largest remainder, so the lines sum to it exactly).
 * An order without lines (an import that had only totals) gets one line with no variant.
 */
export function linesWithRevenue(lines: readonly LineFacts[], revenueMinor: number): LineFacts[] {
  if (lines.length === 0)
    return [{ variantId: null, productId: null, quantity: 0, totalMinor: revenueMinor, unitCostMinor: null }];
  const weights = lines.map((l) => Math.max(0, l.totalMinor));
  const shares = allocateMinor(revenueMinor, weights.some((w) => w > 0) ? weights : lines.map(() => 1));
  return lines.map((l, i) => ({ ...l, totalMinor: shares[i]! }));
}
