import type { AdPlatform } from '../entities/integration';
import { allocateMinor } from '../money';
import type { LocalDate } from '../time';
import { createSpendAllocator } from './spend';
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
  /** The row's keys: (day, destination) and the region's index. */
  outer: number;
  regionKey: number;
  date: LocalDate;
  channel: string;
  platform: AdPlatform | null;
  campaignId: string | null;
  region: string | null;
  variantId: string | null;
  spend: number;
  revenue: number;
  /** Sales revenue alone (before refunds): what spend allocation follows. */
  sales: number;
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
  const builder = createUnifiedBuilder(input);
  const byId = new Map<string, Pick<AttributedOrder, 'region' | 'lines' | 'shares'>>(
    input.earlierOrders ?? [],
  );
  for (const order of input.orders) {
    byId.set(order.orderId, order);
    builder.addOrder(order);
  }
  for (const adj of input.adjustments) builder.addAdjustment(adj, byId.get(adj.orderId));
  builder.addSpend(input.spend);
  return [...builder.rows(input.stockOf)];
}

/**
 * Unified rows built incrementally, so a pass can feed orders chunk by chunk and let them go:
 * orders first (any order), then adjustments, then spend (it follows the orders' revenue), then
 * `rows` once (rows are handed out one by one, so a million of them need not be kept twice).
 */
export interface UnifiedBuilder {
  addOrder(order: AttributedOrder): void;
  /** A refund or cancellation, through the credits of its order (unattributed when unknown). */
  addAdjustment(
    adj: Adjustment,
    order: Pick<AttributedOrder, 'region' | 'lines' | 'shares'> | undefined,
  ): void;
  addSpend(spend: readonly SpendFact[]): void;
  /**
   * What each campaign sold per variant (sales before refunds) over the orders added so far: the
   * mix spend follows when a campaign sold nothing on the day in the region of its spend.
   */
  salesMix(): Map<string, Map<string, number>>;
  rows(stockOf: UnifiedInput['stockOf']): Generator<UnifiedRow>;
}

export function createUnifiedBuilder(
  setup: Pick<UnifiedInput, 'promotedVariants' | 'productOfVariant'> & {
    /**
     * A campaign's range-wide sales mix fitted by an earlier full pass: an incremental update of a
     * few days shares spend out as that pass did instead of by the mix of the days it rebuilds
     * (docs/decisions/305-incremental-attribution.md).
     */
    readonly salesMix?: ReadonlyMap<string, ReadonlyMap<string, number>>;
  },
): UnifiedBuilder {
  // Rows are found by small-integer keys: (day, destination) outside, (region, variant) inside.
  // A pass touches a row once per order line and credited destination, millions of times, and
  // building a string key for each was most of the time.
  const rows = new Map<number, Map<number, Acc>>();
  const days = interner();
  const regions = interner();
  const variants = interner();
  const destinations = new Map<string, Map<string, number>>();
  let destinationCount = 0;
  const destination = (channel: string, campaignId: string | null) => {
    let ofChannel = destinations.get(channel);
    if (!ofChannel) {
      ofChannel = new Map();
      destinations.set(channel, ofChannel);
    }
    let id = ofChannel.get(campaignId ?? '');
    if (id === undefined) {
      id = destinationCount++;
      ofChannel.set(campaignId ?? '', id);
    }
    return id;
  };
  const row = (
    date: LocalDate,
    s: Pick<OrderShare, 'channel' | 'platform' | 'campaignId'>,
    region: string | null,
    variantId: string | null,
  ): Acc => {
    const outer = days(date) * DESTINATION_SLOTS + destination(s.channel, s.campaignId);
    let inner = rows.get(outer);
    if (!inner) {
      inner = new Map();
      rows.set(outer, inner);
    }
    const regionKey = regions(region ?? '');
    const key = regionKey * VARIANT_SLOTS + variants(variantId ?? '');
    let acc = inner.get(key);
    if (!acc) {
      acc = {
        outer,
        regionKey,
        date,
        channel: s.channel,
        platform: s.platform,
        campaignId: s.campaignId,
        region,
        variantId,
        spend: 0,
        revenue: 0,
        sales: 0,
        orders: 0,
        units: 0,
        cogs: 0,
        fulfillment: null,
        method: null,
      };
      inner.set(key, acc);
    }
    return acc;
  };
  const salesMix = () => {
    const byCampaign = new Map<string, Map<string, number>>();
    for (const inner of rows.values())
      for (const acc of inner.values())
        if (acc.campaignId && acc.variantId && acc.sales !== 0)
          addTo(byCampaign, acc.campaignId, acc.variantId, acc.sales);
    return byCampaign;
  };

  return {
    addOrder(order) {
      const shares = order.shares.length ? order.shares : UNATTRIBUTED;
      const credits = shares.map((s) => s.credit);
      let lineTotal = 0;
      for (const l of order.lines) lineTotal += l.totalMinor;
      const fulfillment =
        order.fulfillmentCostMinor === null
          ? null
          : allocateMinor(order.fulfillmentCostMinor, lineWeights(order.lines));
      for (let li = 0; li < order.lines.length; li++) {
        const line = order.lines[li]!;
        const revenue = allocateMinor(line.totalMinor, credits);
        const cogs = allocateMinor((line.unitCostMinor ?? 0) * line.quantity, credits);
        const fees = fulfillment ? allocateMinor(fulfillment[li]!, credits) : null;
        const orderShare = lineTotal > 0 ? line.totalMinor / lineTotal : 1 / order.lines.length;
        for (let si = 0; si < shares.length; si++) {
          const s = shares[si]!;
          const acc = row(order.date, s, order.region, line.variantId);
          acc.revenue += revenue[si]!;
          acc.sales += revenue[si]!;
          acc.cogs += cogs[si]!;
          acc.orders += s.credit * orderShare;
          acc.units += s.credit * line.quantity;
          if (fees) acc.fulfillment = (acc.fulfillment ?? 0) + fees[si]!;
        }
      }
    },
    addAdjustment(adj, order) {
      applyAdjustment(adj, order, row);
    },
    salesMix,
    addSpend(spend) {
      // What each campaign sold, per variant: over the range (or as fitted by the last full pass),
      // and per day and region (found by the same integer keys as the rows).
      const byCampaign = setup.salesMix ?? salesMix();
      const local = new Map<number, Map<number, Map<string, number>>>();
      const outerOf = (fact: SpendFact) =>
        days(fact.date) * DESTINATION_SLOTS + destination(fact.platform, fact.campaignId);
      // Day-and-region sales matter only where there is spend to share out.
      const spentOn = new Set(spend.map(outerOf));
      for (const inner of rows.values())
        for (const acc of inner.values()) {
          if (!acc.campaignId || !acc.variantId || acc.sales === 0) continue;
          if (!spentOn.has(acc.outer)) continue;
          let byRegion = local.get(acc.outer);
          if (!byRegion) {
            byRegion = new Map();
            local.set(acc.outer, byRegion);
          }
          addTo(byRegion, acc.regionKey, acc.variantId, acc.sales);
        }
      const onDayInRegion = (fact: SpendFact) => local.get(outerOf(fact))?.get(regions(fact.region ?? ''));
      const allocator = createSpendAllocator(setup.promotedVariants, { byCampaign, onDayInRegion });
      for (const fact of spend) {
        const { method, parts } = allocator.allocate(fact);
        const s = { channel: fact.platform, platform: fact.platform, campaignId: fact.campaignId };
        for (const part of parts) {
          const acc = row(fact.date, s, fact.region, part.variantId);
          acc.spend += part.spendMinor;
          acc.method = method;
        }
      }
    },
    *rows(stockOf) {
      for (const inner of rows.values())
        for (const acc of inner.values()) yield finish(acc, setup.productOfVariant, stockOf);
    },
  };
}

// Keys stay below 2^53: up to 2^23 days × 2^30 destinations, 2^29 regions × 2^24 variants.
const DESTINATION_SLOTS = 2 ** 30;
const VARIANT_SLOTS = 2 ** 24;

function addTo<K>(index: Map<K, Map<string, number>>, key: K, variantId: string, amount: number): void {
  let m = index.get(key);
  if (!m) {
    m = new Map();
    index.set(key, m);
  }
  m.set(variantId, (m.get(variantId) ?? 0) + amount);
}

/** Gives each distinct string a small integer, in order of first sight. */
function interner(): (value: string) => number {
  const ids = new Map<string, number>();
  return (value) => {
    let id = ids.get(value);
    if (id === undefined) {
      id = ids.size;
      ids.set(value, id);
    }
    return id;
  };
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

function finish(
  acc: Acc,
  productOfVariant: UnifiedInput['productOfVariant'],
  stockOf: UnifiedInput['stockOf'],
): UnifiedRow {
  const fulfillment = acc.fulfillment;
  const gross = acc.revenue - acc.cogs - (fulfillment ?? 0);
  const stock = acc.variantId ? stockOf(acc.variantId, acc.date) : null;
  return {
    date: acc.date,
    channel: acc.channel,
    platform: acc.platform,
    campaignId: acc.campaignId,
    region: acc.region,
    productId: acc.variantId ? (productOfVariant.get(acc.variantId) ?? null) : null,
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
