import { isAdPlatform } from '../entities/integration';
import { type Alignment, spendAlignment } from '../inventory/alignment';
import { coverOf } from '../inventory/cover';
import { eachDay, type LocalDate } from '../time';
import { type KpiChanges, type Kpis, kpiChanges, ratio } from './kpis';
import {
  type Comparison,
  type ComparisonKind,
  comparisonPeriod,
  DEFAULT_COMPARISON,
  type Period,
} from './period';
import {
  type ComparisonPoint,
  comparisonTrendOf,
  type DailyTotals,
  firstDay,
  type TrendPoint,
  trendOf,
} from './trend';

export type { ComparisonPoint, TrendPoint } from './trend';

/**
 * A brand's history aggregated by day (and by channel, region and product per day): small
 * whatever the order count, so any period's dashboard is a sum over it. Built from the
 * warehouse by shared/reporting/dashboard.ts; everything here is pure arithmetic.
 */
export interface DimensionDay {
  day: LocalDate;
  spend: number;
  revenue: number;
  profit: number;
  orders: number;
  units: number;
  /** Rows behind this entry: profit is "unknown" rather than 0 when there are none. */
  rows: number;
  stock: number | null;
  cover: number | null;
}

export interface BrandRollup {
  /** Ad spend per day (ad_performance). */
  spend: ReadonlyMap<string, number>;
  /** Gross order value and count per day, cancelled orders excluded (orders). */
  sales: ReadonlyMap<string, { gross: number; count: number }>;
  /** Refunded amounts that count under the revenue definition, on the day it puts them (refunds). */
  refunds: ReadonlyMap<string, number>;
  /** Geo-and-time ("modelled") credit per day under the brand's model; null when the brand has it off. */
  modelled?: ReadonlyMap<string, number> | null;
  /** unified_performance under one attribution model, per value per day. */
  channel: ReadonlyMap<string, readonly DimensionDay[]>;
  region: ReadonlyMap<string, readonly DimensionDay[]>;
  product: ReadonlyMap<string, readonly DimensionDay[]>;
  /** Per variant (SKU), when the attribution pass wrote variant rows. */
  variant: ReadonlyMap<string, readonly DimensionDay[]>;
  /** Each variant's stock, cover and spend alignment from the latest pass (inventory_status, all locations). */
  stockByVariant: ReadonlyMap<
    string,
    { available: number; daysOfCover: number | null; alignment: Alignment }
  >;
  /** Parent value → child value → days: what a drilldown shows one level down. */
  channelCampaign: ReadonlyMap<string, ReadonlyMap<string, readonly DimensionDay[]>>;
  campaignProduct: ReadonlyMap<string, ReadonlyMap<string, readonly DimensionDay[]>>;
  /** Campaign → variant (SKU): the inventory view lists SKUs, and each links to its drilldown. */
  campaignVariant: ReadonlyMap<string, ReadonlyMap<string, readonly DimensionDay[]>>;
  regionChannel: ReadonlyMap<string, ReadonlyMap<string, readonly DimensionDay[]>>;
}

export interface Breakdown {
  key: string;
  /** What the merchant calls the key: a campaign's or a region's name (shared/domain/names). */
  name?: string;
  /** Why an ad platform's `unknown` campaign row has no campaign, and what to change (decision 981). */
  note?: string;
  spendMinor: number;
  revenueMinor: number;
  profitMinor: number;
  orders: number;
  roas: number | null;
}

export interface InventorySpendRow {
  productId: string;
  /** The catalog's name and SKU, when the catalog knows the product. */
  title?: string;
  sku?: string;
  spendMinor: number;
  spendShare: number;
  revenueMinor: number;
  units: number;
  stockAvailable: number | null;
  daysOfCover: number | null;
  alignment: Alignment;
}

/**
 * Shopify-truth revenue of the period split by what evidence tied it to a campaign, in three parts
 * that sum to the period's revenue (kpis.revenueMinor) to the cent once the attribution pass has
 * covered the period:
 * - attributed: credited to a campaign;
 * - campaign not identified: credited to an ad platform's channel without a campaign — its click
 *   id on the landing URL without a campaign tag (decision 981), or a paid utm_source without one;
 *   exactly each platform's "— campaign not identified" row in its channel drill-down (decision 998);
 * - unattributed: everything else (direct, email, organic, referral without a campaign).
 * The modelled figure (geo + time guesses) sits apart and inside unattributed; null when the brand
 * has the fallback off.
 */
export interface AttributionSplit {
  attributedRevenueMinor: number;
  campaignNotIdentifiedRevenueMinor: number;
  /** `campaignNotIdentifiedRevenueMinor` per ad platform, largest first (only platforms with revenue). */
  campaignNotIdentified: PlatformWithoutCampaign[];
  unattributedRevenueMinor: number;
  modelledRevenueMinor: number | null;
}

/** One ad platform's revenue without a campaign; the reporting layer adds its row name and how to fix the tag. */
export interface PlatformWithoutCampaign {
  channel: string;
  revenueMinor: number;
  /** "TikTok — campaign not identified" (shared/domain/names). */
  name?: string;
  /** Why there is no campaign and where to add the tag (shared/domain/names `campaignNote`). */
  note?: string;
}

export interface RevenueDefinitionView {
  basis: 'order_total' | 'net_sales';
  refunds: 'refund_day' | 'order_day';
}

export interface Dashboard {
  currency: string;
  period: Period;
  /** What `previousPeriod` is: the days just before, the same dates last year, … (period.ts). */
  comparison: ComparisonKind;
  previousPeriod: Period;
  /** The model channels and campaigns are credited under in this view. */
  model: string;
  /**
   * The brand's own model (Settings). KPIs, products and regions are always under it; under another
   * model a channel's profit is an estimate (shared/domain/reporting/reattribute.ts).
   */
  defaultModel: string;
  revenueDefinition: RevenueDefinitionView;
  attribution: AttributionSplit;
  kpis: Kpis;
  previous: Kpis;
  change: KpiChanges;
  /** KPIs whose previous period has too few days of data for its change to mean anything. */
  incompleteComparison: (keyof Kpis)[];
  byChannel: Breakdown[];
  byRegion: Breakdown[];
  trend: TrendPoint[];
  /** The previous period day by day, aligned with `trend` by offset (null: nothing recorded yet). */
  previousTrend: ComparisonPoint[];
  inventory: InventorySpendRow[];
  /**
   * The first and last day the brand has spend or orders, whatever the period (null: none yet), so
   * an empty period can point to the days that have data (an imported store's weeks in the past).
   */
  dataDays: Period | null;
}

const dataDaysMemo = new WeakMap<Pick<BrandRollup, 'spend' | 'sales'>, Period | null>();
/** The first and last day with ad spend or an order (computed once per rollup: it is never changed). */
export function dataDaysOf(r: Pick<BrandRollup, 'spend' | 'sales'>): Period | null {
  let days = dataDaysMemo.get(r);
  if (days === undefined) {
    days = scanDataDays(r);
    dataDaysMemo.set(r, days);
  }
  return days;
}
function scanDataDays(r: Pick<BrandRollup, 'spend' | 'sales'>): Period | null {
  let from: string | undefined;
  let to: string | undefined;
  const see = (day: string) => {
    if (from === undefined || day < from) from = day;
    if (to === undefined || day > to) to = day;
  };
  for (const [day, v] of r.spend) if (v !== 0) see(day);
  for (const [day, s] of r.sales) if (s.count > 0) see(day);
  return from && to ? ({ from, to } as Period) : null;
}

/** Each rollup list sorted by day, made once (lists are never changed once loaded). */
const sortedByDay = new WeakMap<readonly DimensionDay[], readonly DimensionDay[]>();
function byDay(entries: readonly DimensionDay[]): readonly DimensionDay[] {
  let sorted = sortedByDay.get(entries);
  if (!sorted) {
    sorted = [...entries].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
    sortedByDay.set(entries, sorted);
  }
  return sorted;
}
/**
 * Of `n` days in order (`dayAt(i)`), the first index whose day is not before `day` (or, with
 * `after`, not before or on it).
 */
function dayIndex(n: number, dayAt: (i: number) => string, day: string, after: boolean): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const d = dayAt(mid);
    if (d < day || (after && d === day)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
const boundary = (sorted: readonly DimensionDay[], day: string, after: boolean) =>
  dayIndex(sorted.length, (i) => sorted[i]!.day, day, after);
/**
 * A list's entries within the period, by binary search over the list sorted once: a dashboard
 * asks this for every channel, region, campaign and product, over a year of days each.
 */
export function entriesIn(entries: readonly DimensionDay[], p: Period): readonly DimensionDay[] {
  if (entries.length === 0) return entries;
  const sorted = byDay(entries);
  return sorted.slice(boundary(sorted, p.from, false), boundary(sorted, p.to, true));
}

/** Entries summed per day, in first-seen day order (a campaign's day is the sum of its products'). */
export function sumByDay(entries: Iterable<DimensionDay>): DimensionDay[] {
  const days = new Map<string, DimensionDay>();
  for (const e of entries) {
    const d = days.get(e.day);
    days.set(
      e.day,
      d
        ? {
            ...d,
            spend: d.spend + e.spend,
            revenue: d.revenue + e.revenue,
            profit: d.profit + e.profit,
            orders: d.orders + e.orders,
            units: d.units + e.units,
            rows: d.rows + e.rows,
          }
        : e,
    );
  }
  return [...days.values()];
}

export function sumEntries(entries: readonly DimensionDay[]) {
  const t = { spend: 0, revenue: 0, profit: 0, orders: 0, units: 0, rows: 0 };
  for (const e of entries) {
    t.spend += e.spend;
    t.revenue += e.revenue;
    t.profit += e.profit;
    t.orders += e.orders;
    t.units += e.units;
    t.rows += e.rows;
  }
  return t;
}

type Totals = ReturnType<typeof sumEntries>;
const FIELDS = ['spend', 'revenue', 'profit', 'orders', 'units', 'rows'] as const;

/** A list's running totals in day order: `sums[f][i]` is field f summed over its first i entries. */
interface RunningTotals {
  sorted: readonly DimensionDay[];
  sums: Record<(typeof FIELDS)[number], Float64Array>;
}
const runningOf = new WeakMap<readonly DimensionDay[], RunningTotals>();
function running(entries: readonly DimensionDay[]): RunningTotals {
  let totals = runningOf.get(entries);
  if (!totals) {
    const sorted = byDay(entries);
    const sums = Object.fromEntries(
      FIELDS.map((f) => [f, new Float64Array(sorted.length + 1)]),
    ) as RunningTotals['sums'];
    for (const f of FIELDS) {
      const column = sums[f];
      for (let i = 0; i < sorted.length; i++) column[i + 1] = column[i]! + sorted[i]![f];
    }
    totals = { sorted, sums };
    runningOf.set(entries, totals);
  }
  return totals;
}

/**
 * A list's totals within the period and how many entries they sum: `sumEntries(entriesIn(…))`
 * as a difference of running totals (kept per list, like its day order), so a window costs two
 * binary searches whatever its length. Money, orders and rows are whole numbers far below 2^53,
 * so the difference is exact.
 */
export function totalsIn(entries: readonly DimensionDay[], p: Period): Totals & { entries: number } {
  if (entries.length === 0)
    return { spend: 0, revenue: 0, profit: 0, orders: 0, units: 0, rows: 0, entries: 0 };
  const { sorted, sums } = running(entries);
  const lo = boundary(sorted, p.from, false);
  const hi = Math.max(lo, boundary(sorted, p.to, true));
  // Written out, not a helper per field: this runs for every key of every view.
  return {
    spend: sums.spend[hi]! - sums.spend[lo]!,
    revenue: sums.revenue[hi]! - sums.revenue[lo]!,
    profit: sums.profit[hi]! - sums.profit[lo]!,
    orders: sums.orders[hi]! - sums.orders[lo]!,
    units: sums.units[hi]! - sums.units[lo]!,
    rows: sums.rows[hi]! - sums.rows[lo]!,
    entries: hi - lo,
  };
}

/** The brand's truth per day (ad spend, orders, refunds) as running totals over the days that have any. */
interface DailyTruth {
  days: readonly string[];
  spend: Float64Array;
  gross: Float64Array;
  count: Float64Array;
  refunds: Float64Array;
}
const truthOf = new WeakMap<BrandRollup, DailyTruth>();
function dailyTruth(r: BrandRollup): DailyTruth {
  let truth = truthOf.get(r);
  if (!truth) {
    const days = [...new Set([...r.spend.keys(), ...r.sales.keys(), ...r.refunds.keys()])].sort();
    const column = () => new Float64Array(days.length + 1);
    truth = { days, spend: column(), gross: column(), count: column(), refunds: column() };
    for (let i = 0; i < days.length; i++) {
      const day = days[i]!;
      const s = r.sales.get(day);
      truth.spend[i + 1] = truth.spend[i]! + (r.spend.get(day) ?? 0);
      truth.gross[i + 1] = truth.gross[i]! + (s?.gross ?? 0);
      truth.count[i + 1] = truth.count[i]! + (s?.count ?? 0);
      truth.refunds[i + 1] = truth.refunds[i]! + (r.refunds.get(day) ?? 0);
    }
    truthOf.set(r, truth);
  }
  return truth;
}

export function kpisOf(r: BrandRollup, p: Period): Kpis {
  const truth = dailyTruth(r);
  const lo = dayIndex(truth.days.length, (i) => truth.days[i]!, p.from, false);
  const hi = Math.max(
    lo,
    dayIndex(truth.days.length, (i) => truth.days[i]!, p.to, true),
  );
  const spend = truth.spend[hi]! - truth.spend[lo]!;
  const gross = truth.gross[hi]! - truth.gross[lo]!;
  const refunds = truth.refunds[hi]! - truth.refunds[lo]!;
  const orders = truth.count[hi]! - truth.count[lo]!;
  let profit = 0;
  let rows = 0;
  for (const entries of r.channel.values()) {
    const t = totalsIn(entries, p);
    profit += t.profit;
    rows += t.rows;
  }
  const revenueMinor = gross - refunds;
  return {
    spendMinor: spend,
    revenueMinor,
    blendedRoas: ratio(revenueMinor, spend),
    profitMinor: rows > 0 ? profit : null,
    orders,
  };
}

/**
 * A change is only worth showing when the earlier period was recorded as fully as this one: a
 * store imported last week, or attribution that started mid-period, would otherwise show
 * "+1,647.9 %" where nothing grew. Each KPI is judged by the data it rests on — spend by ad days,
 * revenue and orders by order days, ROAS by both, profit by attributed days — and flagged when
 * the earlier period has data on fewer than `COMPARABLE_SHARE` of the days this one has.
 */
export const COMPARABLE_SHARE = 0.8;

/** Days on which the attribution pass wrote unified rows (profit and every drilldown rest on them). */
const attributedDaysOf = new WeakMap<BrandRollup, ReadonlySet<string>>();
/** The days with attributed rows; computed once per rollup (a rollup is never changed after its load). */
export function attributedDays(r: BrandRollup): ReadonlySet<string> {
  let days = attributedDaysOf.get(r);
  if (!days) {
    days = new Set([...r.channel.values()].flatMap((es) => es.map((e) => e.day as string)));
    attributedDaysOf.set(r, days);
  }
  return days;
}

/**
 * True when `previous` has data on fewer than COMPARABLE_SHARE of the days `current` has, as
 * shares of each period's length: a chosen comparison may be shorter or longer (a custom range,
 * last year's February with or without its 29th).
 */
export function thinComparison(current: Period, previous: Period, has: (day: string) => boolean): boolean {
  const share = (p: Period) => {
    const days = eachDay(p.from, p.to);
    return days.length === 0 ? 0 : days.filter(has).length / days.length;
  };
  const now = share(current);
  return now > 0 && share(previous) < COMPARABLE_SHARE * now;
}

export function incompleteComparison(r: BrandRollup, current: Period, previous: Period): (keyof Kpis)[] {
  const attributed = attributedDays(r);
  const thin = (has: (day: string) => boolean) => thinComparison(current, previous, has);
  const spend = thin((d) => (r.spend.get(d) ?? 0) !== 0);
  const sales = thin((d) => (r.sales.get(d)?.count ?? 0) > 0);
  const profit = thin((d) => attributed.has(d));
  const flagged: (keyof Kpis)[] = [];
  if (spend) flagged.push('spendMinor');
  if (sales) flagged.push('revenueMinor', 'orders');
  if (spend || sales) flagged.push('blendedRoas');
  if (profit) flagged.push('profitMinor');
  return flagged;
}

/** Sorted like the SQL it replaces: most spend first, then by key (code-point order). */
export function breakdownOf(byKey: ReadonlyMap<string, readonly DimensionDay[]>, p: Period): Breakdown[] {
  const rows: Breakdown[] = [];
  for (const [key, entries] of byKey) {
    const t = totalsIn(entries, p);
    if (t.entries === 0) continue;
    rows.push({
      key,
      spendMinor: t.spend,
      revenueMinor: t.revenue,
      profitMinor: t.profit,
      orders: t.orders,
      roas: ratio(t.revenue, t.spend),
    });
  }
  return rows.sort((a, b) => b.spendMinor - a.spendMinor || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** The dashboard's daily spend (ad platforms) and revenue (Shopify's orders less refunds). */
const truthByDay =
  (r: BrandRollup): DailyTotals =>
  (date) => ({
    spendMinor: r.spend.get(date) ?? 0,
    revenueMinor: (r.sales.get(date)?.gross ?? 0) - (r.refunds.get(date) ?? 0),
  });

/**
 * Unified rows carry stock and days of cover, not the sales rate behind them; the rate they imply
 * (stock ÷ cover) gives the attribution pass's own status and alignment rules the same answer.
 */
function alignmentOf(
  stock: number | null,
  cover: number | null,
  day: LocalDate,
  spend: number,
  share: number,
  targets: { lowCoverDays: number; overstockCoverDays: number },
): Alignment {
  if (stock === null) return 'aligned';
  const status = coverOf(stock, cover ? stock / cover : 0, day, targets).status;
  return spendAlignment(status, spend, share);
}

/** The period's last entry that has a stock level (entries in day order, searched from the end). */
function latestStocked(entries: readonly DimensionDay[], p: Period): DimensionDay | undefined {
  if (entries.length === 0) return undefined;
  const sorted = byDay(entries);
  const lo = boundary(sorted, p.from, false);
  for (let i = boundary(sorted, p.to, true) - 1; i >= lo; i--)
    if (sorted[i]!.stock !== null) return sorted[i];
  return undefined;
}

function inventoryOf(
  r: BrandRollup,
  p: Period,
  targets: { lowCoverDays: number; overstockCoverDays: number },
) {
  // SKUs when the pass wrote variant rows (stock is a SKU's, not a product's); products otherwise.
  const source = r.variant.size > 0 || r.stockByVariant.size > 0 ? r.variant : r.product;
  const keys = new Set([...source.keys(), ...(source === r.variant ? r.stockByVariant.keys() : [])]);
  const totals = [...keys].flatMap((productId) => {
    const entries = source.get(productId) ?? [];
    const t = totalsIn(entries, p);
    const status = source === r.variant ? r.stockByVariant.get(productId) : undefined;
    if (t.entries === 0 && !status) return [];
    // Stock and cover are levels, not flows: the latest pass's, else the latest day in the period that has them.
    const latest = status ? undefined : latestStocked(entries, p);
    return [
      {
        productId,
        t,
        stock: status ? status.available : (latest?.stock ?? null),
        cover: status ? status.daysOfCover : (latest?.cover ?? null),
        alignment: status?.alignment,
        day: latest?.day ?? p.to,
      },
    ];
  });
  const totalSpend = totals.reduce((s, x) => s + x.t.spend, 0);
  return totals
    .map((x): InventorySpendRow => {
      const spendShare = totalSpend === 0 ? 0 : x.t.spend / totalSpend;
      return {
        productId: x.productId,
        spendMinor: x.t.spend,
        spendShare,
        revenueMinor: x.t.revenue,
        units: x.t.units,
        stockAvailable: x.stock,
        daysOfCover: x.cover,
        alignment: x.alignment ?? alignmentOf(x.stock, x.cover, x.day, x.t.spend, spendShare, targets),
      };
    })
    .sort(
      (a, b) =>
        Number(a.alignment === 'aligned') - Number(b.alignment === 'aligned') ||
        b.spendMinor - a.spendMinor ||
        a.productId.localeCompare(b.productId),
    )
    .slice(0, MAX_INVENTORY_ROWS);
}

/** The dashboard shows the SKUs that need attention and the biggest spenders; the inventory route lists all. */
export const MAX_INVENTORY_ROWS = 40;

export function attributionSplitOf(r: BrandRollup, p: Period): AttributionSplit {
  let attributed = 0;
  let unattributed = 0;
  const platforms: PlatformWithoutCampaign[] = [];
  for (const [channel, byCampaign] of r.channelCampaign) {
    for (const [campaign, entries] of byCampaign) {
      const revenue = totalsIn(entries, p).revenue;
      if (campaign !== UNKNOWN) attributed += revenue;
      else if (isAdPlatform(channel)) {
        if (revenue !== 0) platforms.push({ channel, revenueMinor: revenue });
      } else unattributed += revenue;
    }
  }
  let modelled: number | null = null;
  if (r.modelled) {
    modelled = 0;
    for (const day of eachDay(p.from, p.to)) modelled += r.modelled.get(day) ?? 0;
  }
  return {
    attributedRevenueMinor: attributed,
    campaignNotIdentifiedRevenueMinor: platforms.reduce((s, x) => s + x.revenueMinor, 0),
    campaignNotIdentified: platforms.sort(
      (a, b) => b.revenueMinor - a.revenueMinor || a.channel.localeCompare(b.channel),
    ),
    unattributedRevenueMinor: unattributed,
    modelledRevenueMinor: modelled,
  };
}

/** The rollup's key for a row without a value (rollup-loader's COALESCE). */
const UNKNOWN = 'unknown';

export function dashboardOf(
  r: BrandRollup,
  brand: {
    currency: string;
    targets: {
      attributionModel: string;
      lowCoverDays: number;
      overstockCoverDays: number;
      revenueBasis: RevenueDefinitionView['basis'];
      refundTiming: RevenueDefinitionView['refunds'];
    };
  },
  period: Period,
  comparison: Comparison = DEFAULT_COMPARISON,
): Dashboard {
  const prev = comparisonPeriod(period, comparison);
  const kpis = kpisOf(r, period);
  const previous = kpisOf(r, prev);
  return {
    currency: brand.currency,
    period,
    comparison: comparison.kind,
    previousPeriod: prev,
    model: brand.targets.attributionModel,
    defaultModel: brand.targets.attributionModel,
    revenueDefinition: { basis: brand.targets.revenueBasis, refunds: brand.targets.refundTiming },
    attribution: attributionSplitOf(r, period),
    kpis,
    previous,
    change: kpiChanges(kpis, previous),
    incompleteComparison: incompleteComparison(r, period, prev),
    byChannel: breakdownOf(r.channel, period),
    byRegion: breakdownOf(r.region, period),
    trend: trendOf(period, truthByDay(r)),
    previousTrend: comparisonTrendOf(period, prev, truthByDay(r), {
      spend: firstDay(r.spend, (v) => v !== 0),
      revenue: firstDay(r.sales, (s) => s.count > 0),
    }),
    inventory: inventoryOf(r, period, brand.targets),
    dataDays: dataDaysOf(r),
  };
}
