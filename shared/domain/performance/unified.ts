import type { AdPlatform } from '../entities/integration';
import { allocateMinor } from '../money';
import type { LocalDate } from '../time';
import { createSpendAllocator, dayRegionKey } from './spend';
import type {
  Adjustment,
  AttributedOrder,
  LineFacts,
  OrderShare,
  SpendAllocationMethod,
  SpendFact,
  Stock,
  UnifiedRow,
} from './types';

export interface UnifiedInput {
  readonly orders: readonly AttributedOrder[];
  readonly adjustments: readonly Adjustment[];
  /** Orders of adjustments that are not in `orders` (sold before the range, refunded in it). */
  readonly earlierOrders?: ReadonlyMap<string, Pick<AttributedOrder, 'region' | 'lines' | 'shares'>>;
  readonly spend: readonly SpendFact[];
  /** Campaign id → the variants it promotes (campaigns.promoted_product_ids, resolved). */
  readonly promotedVariants: ReadonlyMap<string, readonly string[]>;
  readonly productOfVariant: ReadonlyMap<string, string>;
  /** Stock of a variant on a day, when known. */
  readonly stockOf: (variantId: string, date: LocalDate) => Stock | null;
}

interface Acc {
  date: LocalDate;
  channel: string;
  platform: AdPlatform | null;
  campaignId: string | null;
  region: string | null;
  variantId: string | null;
  spend: number;
  revenue: number;
  orders: number;
  units: number;
  cogs: number;
  fulfillment: number | null;
  method: SpendAllocationMethod | null;
}

const UNATTRIBUTED: readonly OrderShare[] = [
  { channel: 'direct', platform: null, campaignId: null, credit: 1 },
];

/**
 * Unified performance: date × channel × campaign × region × variant. Sales land on the order's
 * day, refunds and cancellations on their own day (negative), spend on the ad day; everything in
 * the brand currency's minor units and split with largest remainder, so totals are exact.
 */
export function buildUnifiedRows(input: UnifiedInput): UnifiedRow[] {
  const rows = new Map<string, Acc>();
  const byCampaign = new Map<string, Map<string, number>>();
  const byCampaignDayRegion = new Map<string, Map<string, number>>();
  const credit = (
    index: Map<string, Map<string, number>>,
    key: string,
    variantId: string,
    amount: number,
  ) => {
    let m = index.get(key);
    if (!m) {
      m = new Map();
      index.set(key, m);
    }
    m.set(variantId, (m.get(variantId) ?? 0) + amount);
  };
  const row = (
    date: LocalDate,
    s: Pick<OrderShare, 'channel' | 'platform' | 'campaignId'>,
    region: string | null,
    variantId: string | null,
  ): Acc => {
    const key = `${date}|${s.channel}|${s.campaignId ?? ''}|${region ?? ''}|${variantId ?? ''}`;
    let acc = rows.get(key);
    if (!acc) {
      acc = {
        date,
        channel: s.channel,
        platform: s.platform,
        campaignId: s.campaignId,
        region,
        variantId,
        spend: 0,
        revenue: 0,
        orders: 0,
        units: 0,
        cogs: 0,
        fulfillment: null,
        method: null,
      };
      rows.set(key, acc);
    }
    return acc;
  };

  const byId = new Map<string, Pick<AttributedOrder, 'region' | 'lines' | 'shares'>>(
    input.earlierOrders ?? [],
  );
  for (const order of input.orders) {
    byId.set(order.orderId, order);
    const shares = order.shares.length ? order.shares : UNATTRIBUTED;
    const credits = shares.map((s) => s.credit);
    const lineTotal = order.lines.reduce((a, l) => a + l.totalMinor, 0);
    const fulfillment =
      order.fulfillmentCostMinor === null
        ? null
        : allocateMinor(order.fulfillmentCostMinor, lineWeights(order.lines));
    order.lines.forEach((line, li) => {
      const revenue = allocateMinor(line.totalMinor, credits);
      const cogs = allocateMinor((line.unitCostMinor ?? 0) * line.quantity, credits);
      const fees = fulfillment ? allocateMinor(fulfillment[li]!, credits) : null;
      const orderShare = lineTotal > 0 ? line.totalMinor / lineTotal : 1 / order.lines.length;
      shares.forEach((s, si) => {
        const acc = row(order.date, s, order.region, line.variantId);
        acc.revenue += revenue[si]!;
        acc.cogs += cogs[si]!;
        acc.orders += s.credit * orderShare;
        acc.units += s.credit * line.quantity;
        if (fees) acc.fulfillment = (acc.fulfillment ?? 0) + fees[si]!;
        if (s.campaignId && line.variantId) {
          credit(byCampaign, s.campaignId, line.variantId, revenue[si]!);
          credit(
            byCampaignDayRegion,
            dayRegionKey(s.campaignId, order.date, order.region),
            line.variantId,
            revenue[si]!,
          );
        }
      });
    });
  }

  for (const adj of input.adjustments) applyAdjustment(adj, byId.get(adj.orderId), row);

  const allocator = createSpendAllocator(input.promotedVariants, { byCampaign, byCampaignDayRegion });
  for (const fact of input.spend) {
    const { method, parts } = allocator.allocate(fact);
    const s = { channel: fact.platform, platform: fact.platform, campaignId: fact.campaignId };
    for (const part of parts) {
      const acc = row(fact.date, s, fact.region, part.variantId);
      acc.spend += part.spendMinor;
      acc.method = method;
    }
  }

  return [...rows.values()].map((acc) => finish(acc, input));
}

function lineWeights(lines: readonly LineFacts[]): number[] {
  return lines.map((l) => Math.max(0, l.totalMinor));
}

/**
 * A refund lowers revenue on its own day through the order's credits: on its variant's line when
 * it names one, else across the order's lines by value. A cancellation also takes back the order
 * count and, since nothing shipped, the cost of goods; its quantity is what refunds had not already
 * taken back, spread over the lines by their quantities.
 */
function applyAdjustment(
  adj: Adjustment,
  order: Pick<AttributedOrder, 'region' | 'lines' | 'shares'> | undefined,
  row: (date: LocalDate, s: OrderShare, region: string | null, variantId: string | null) => Acc,
): void {
  const shares = order?.shares.length ? order.shares : UNATTRIBUTED;
  const credits = shares.map((s) => s.credit);
  const lines = order?.lines ?? [];
  const named = adj.variantId ? lines.filter((l) => l.variantId === adj.variantId) : [];
  const targets: readonly LineFacts[] =
    named.length > 0
      ? named.slice(0, 1)
      : adj.variantId || lines.length === 0
        ? [
            {
              variantId: adj.variantId,
              productId: null,
              quantity: adj.quantity,
              totalMinor: 1,
              unitCostMinor: null,
            },
          ]
        : lines;
  const amounts = allocateMinor(-adj.amountMinor, lineWeights(targets));
  const quantity = targets.reduce((a, l) => a + l.quantity, 0);
  targets.forEach((line, li) => {
    const revenue = allocateMinor(amounts[li]!, credits);
    const units =
      targets.length === 1
        ? adj.quantity
        : adj.kind === 'cancellation'
          ? (line.quantity * adj.quantity) / (quantity || 1)
          : 0;
    const cogs =
      adj.kind === 'cancellation' ? allocateMinor(-(line.unitCostMinor ?? 0) * units, credits) : null;
    const lineShare = targets.length === 1 ? 1 : amounts[li]! / (-adj.amountMinor || 1);
    shares.forEach((s, si) => {
      const acc = row(adj.date, s, order?.region ?? null, line.variantId);
      acc.revenue += revenue[si]!;
      acc.units -= s.credit * units;
      if (cogs) {
        acc.cogs += cogs[si]!;
        acc.orders -= s.credit * lineShare;
      }
    });
  });
}

function finish(acc: Acc, input: UnifiedInput): UnifiedRow {
  const fulfillment = acc.fulfillment;
  const gross = acc.revenue - acc.cogs - (fulfillment ?? 0);
  const stock = acc.variantId ? input.stockOf(acc.variantId, acc.date) : null;
  return {
    date: acc.date,
    channel: acc.channel,
    platform: acc.platform,
    campaignId: acc.campaignId,
    region: acc.region,
    productId: acc.variantId ? (input.productOfVariant.get(acc.variantId) ?? null) : null,
    variantId: acc.variantId,
    spendMinor: acc.spend,
    revenueMinor: acc.revenue,
    orders: acc.orders,
    units: acc.units,
    cogsMinor: acc.cogs,
    fulfillmentCostMinor: fulfillment,
    profitMinor: gross - acc.spend,
    roas: acc.spend > 0 ? acc.revenue / acc.spend : null,
    poas: acc.spend > 0 ? gross / acc.spend : null,
    stockAvailable: stock?.available ?? null,
    daysOfCover: stock?.daysOfCover ?? null,
    spendAllocationMethod: acc.method,
  };
}
