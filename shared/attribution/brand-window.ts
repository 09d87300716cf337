import type { ProductExposure } from '../domain/alerts';
import { type CurveDay, censorForStock, WARM_UP_DAYS } from '../domain/curves';
import type { AdPlatform, Brand, Product } from '../domain/entities';
import { isAdPlatform } from '../domain/entities';
import type { RecommendationInput } from '../domain/recommendations';
import { thresholdsFor } from '../domain/recommendations';
import type { TenantContext } from '../domain/tenancy';
import { addDays, type LocalDate, localDate } from '../domain/time';
import type { OperationalStore } from '../ports/operational-store';
import type {
  CampaignDailyRow,
  CampaignSpendRow,
  DailyRow,
  PerformanceQueries,
} from '../reporting/read-model/performance-queries';

/** Days the rules look at, the longer history the curves are fitted on, and "recent". */
export const WINDOW_DAYS = 14;
export const CURVE_DAYS = 180;
export const RECENT_DAYS = 3;
/** Nine weeks: the last day plus eight same-weekday comparisons for anomalies. */
export const ALERT_HISTORY_DAYS = 63;

export function productLabel(
  p: Pick<Product, 'title' | 'variantTitle' | 'sku'> | undefined,
  id: string,
): string {
  if (!p) return id;
  const variant = p.variantTitle && p.variantTitle !== 'Default Title' ? ` — ${p.variantTitle}` : '';
  return `${p.title}${variant}${p.sku ? ` (${p.sku})` : ''}`;
}

/**
 * LTV ROAS per campaign over a window (shared/customers/acquisition.ts provides it; declared here
 * by shape so attribution does not depend on the customers feature).
 */
export interface CampaignLtvSource {
  ltvByCampaign(
    ctx: TenantContext,
    brand: Brand,
    period: { from: string; to: string },
  ): Promise<ReadonlyArray<{ campaignId: string; acquiredCustomers: number; ltvRoas: number | null }>>;
}

export interface BrandWindow {
  recommendations: RecommendationInput;
  products: ProductExposure[];
  daily: DailyRow[];
}

/**
 * Everything the rules need about one brand as of one day, read once from warehouse and store:
 * spend, revenue, orders and curves over the days up to `asOf`, and stock (units available, days of
 * cover, status) as the attribution pass recorded it on or before `stockAsOf` — a level the pass
 * writes for the day it runs, which is after the last complete day of sales (decision 977).
 * `stockAsOf` defaults to `asOf`.
 */
export async function loadBrandWindow(
  deps: { store: OperationalStore; queries: PerformanceQueries; acquisition?: CampaignLtvSource },
  ctx: TenantContext,
  brand: Brand,
  asOf: LocalDate,
  stockAsOf: LocalDate = asOf,
): Promise<BrandWindow> {
  const model = brand.targets.attributionModel;
  const window = { brandId: brand.id, model, from: addDays(asOf, -(WINDOW_DAYS - 1)), to: asOf };
  const curve = { ...window, from: addDays(asOf, -(CURVE_DAYS - 1)) };
  // The curves read WARM_UP_DAYS more: their spend is the carry-over the fitted window starts with.
  // It comes from the ad syncs' own table, which goes back further than attributed revenue; the
  // attributed days before the window only tell whether that history reaches the window's start.
  const curveRead = { ...curve, from: addDays(curve.from, -WARM_UP_DAYS) };
  const history = { ...window, from: addDays(asOf, -(ALERT_HISTORY_DAYS - 1)) };
  const recentFrom = addDays(asOf, -(RECENT_DAYS - 1));
  const [campaigns, campaignDaily, campaignSpend, campaignProducts, products, daily, totals, catalog, names] =
    await Promise.all([
      deps.queries.campaigns(ctx, window),
      deps.queries.campaignDaily(ctx, curveRead),
      deps.queries.campaignSpendDaily(ctx, curveRead),
      deps.queries.campaignProducts(ctx, window, recentFrom),
      deps.queries.products(ctx, window, { stock: stockAsOf }),
      deps.queries.daily(ctx, history),
      deps.queries.totals(ctx, window),
      deps.store.products.list(ctx, brand.id),
      deps.queries.names(ctx, brand.id),
    ]);
  // LTV ROAS of the customers each campaign acquired in the window (empty before customer analytics ran).
  const ltv = new Map(
    (deps.acquisition ? await deps.acquisition.ltvByCampaign(ctx, brand, window) : []).map((r) => [
      r.campaignId,
      r,
    ]),
  );
  // Where the attributed history starts inside the curve window, the fit starts on its first day
  // and the days before it are warm-up: their spend is known, their attributed revenue is not.
  // Each campaign's rows once, rather than a scan of every campaign's rows per campaign.
  const dailyByCampaign = byCampaign(campaignDaily);
  const spendByCampaign = byCampaign(campaignSpend);
  const fitFrom = campaignDaily.some((r) => r.date <= curve.from)
    ? curve.from
    : campaignDaily.reduce<LocalDate>((min, r) => (r.date < min ? localDate(r.date) : min), asOf);
  const byId = new Map(catalog.map((p) => [p.id, p]));
  const recentByProduct = new Map<string, number>();
  for (const cp of campaignProducts)
    recentByProduct.set(cp.variant_id, (recentByProduct.get(cp.variant_id) ?? 0) + cp.recent_spend_minor);

  const recommendations: RecommendationInput = {
    brandId: brand.id,
    currency: brand.currency,
    asOf,
    windowDays: WINDOW_DAYS,
    recentDays: RECENT_DAYS,
    totalSpendMinor: totals.spend_minor,
    thresholds: thresholdsFor(brand.targets),
    campaigns: campaigns
      .filter((c) => isAdPlatform(c.platform))
      .map((c) => ({
        platform: c.platform as AdPlatform,
        campaignId: c.campaign_id,
        campaignName: names.campaign(c.campaign_id),
        spendMinor: c.spend_minor,
        revenueMinor: c.revenue_minor,
        profitMinor: c.profit_minor,
        ltvRoas:
          (ltv.get(c.campaign_id)?.acquiredCustomers ?? 0) > 0
            ? (ltv.get(c.campaign_id)?.ltvRoas ?? null)
            : null,
        daily: curveDays(
          dailyByCampaign.get(c.campaign_id) ?? [],
          spendByCampaign.get(c.campaign_id) ?? [],
          fitFrom,
          asOf,
        ),
      })),
    campaignProducts: campaignProducts
      .filter((cp) => isAdPlatform(cp.platform))
      .map((cp) => ({
        platform: cp.platform as AdPlatform,
        campaignId: cp.campaign_id,
        campaignName: names.campaign(cp.campaign_id),
        productId: cp.variant_id,
        spendMinor: cp.spend_minor,
        revenueMinor: cp.revenue_minor,
        recentSpendMinor: cp.recent_spend_minor,
      })),
    products: products.map((p) => ({
      productId: p.variant_id,
      title: productLabel(byId.get(p.variant_id), p.variant_id),
      stockAvailable: p.stock_available,
      daysOfCover: p.days_of_cover,
      units: p.units,
      spendMinor: p.spend_minor,
      revenueMinor: p.revenue_minor,
      cogsMinor: p.cogs_minor,
      unitCostMinor: byId.get(p.variant_id)?.unitCostMinor ?? null,
    })),
  };
  const exposure: ProductExposure[] = products.map((p) => ({
    productId: p.variant_id,
    title: productLabel(byId.get(p.variant_id), p.variant_id),
    stockAvailable: p.stock_available,
    daysOfCover: p.days_of_cover,
    spendMinor: p.spend_minor,
    recentSpendMinor: recentByProduct.get(p.variant_id) ?? 0,
    campaignCount: p.campaigns,
  }));
  return { recommendations, products: exposure, daily };
}

/**
 * A campaign's consecutive days from its first with spend (the carry-over needs every day, so
 * days without a row are zero), censored where a material share of its spend went to products
 * that were out of stock or nearly (shared/domain/curves/censor.ts). `rows` (attributed, from
 * unified performance) give the days from `from`; the WARM_UP_DAYS before it are warm-up, read
 * from `spend` (the ad syncs' spend, same brand currency): the fit takes only their spend, as the
 * window's carry-over. A campaign that started inside the window has none; one without spend in
 * the window has no series.
 */
function curveDays(
  rows: readonly CampaignDailyRow[],
  spend: readonly CampaignSpendRow[],
  from: LocalDate,
  to: LocalDate,
): CurveDay[] {
  const byDate = new Map(rows.filter((r) => r.date >= from).map((r) => [r.date, r]));
  const warmFrom = addDays(from, -WARM_UP_DAYS);
  const warmSpend = new Map(spend.filter((r) => r.date >= warmFrom && r.date < from).map((r) => [r.date, r]));
  const fitted = [...byDate.values()].find((r) => r.spend_minor > 0)?.date;
  if (!fitted) return [];
  const first = [...warmSpend.keys()][0] ?? fitted;
  const days: CurveDay[] = [];
  const stock = [];
  for (let d = localDate(first); d <= to; d = addDays(d, 1)) {
    if (d < from) {
      days.push({ date: d, spendMinor: warmSpend.get(d)?.spend_minor ?? 0, revenueMinor: 0, warmUp: true });
      stock.push({ unavailableShare: 0 });
      continue;
    }
    const r = byDate.get(d);
    days.push({ date: d, spendMinor: r?.spend_minor ?? 0, revenueMinor: r?.revenue_minor ?? 0 });
    stock.push({ unavailableShare: r && r.spend_minor > 0 ? r.unavailable_spend_minor / r.spend_minor : 0 });
  }
  return censorForStock(days, stock);
}

/** Rows grouped by campaign, each group in the rows' own (date) order. */
function byCampaign<T extends { campaign_id: string }>(rows: readonly T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const r of rows) {
    const group = groups.get(r.campaign_id);
    if (group) group.push(r);
    else groups.set(r.campaign_id, [r]);
  }
  return groups;
}
