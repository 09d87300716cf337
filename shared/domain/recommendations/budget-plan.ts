import {
  type AllocationCampaign,
  type AllocationRow,
  allocateBudget,
  bootstrapCurves,
  curveIntervals,
  type FittedCurve,
  fitBrandCurves,
  HILL_MODEL,
  type HillParams,
  holdReason,
  MIN_EXPLAINED_R2,
  marginalRoasAt,
  spendBounds,
  stockRevenueCap,
} from '../curves';
import type { AdPlatform } from '../entities';
import type { EvidenceDeclaration } from '../evidence';
import { amount, dayRange, INTERVAL_LEVEL, ratio, round4, share } from '../phrasing';
import type { CampaignWindow, ProductState, RecommendationInput } from './types';

/**
 * The brand's budget plan behind increase_spend / reduce_spend: Hill-with-adstock curves fitted on
 * every campaign's days (regularised towards the brand's pooled curve, stockout days censored by
 * the read model), and the optimiser's allocation under a ceiling of today's total budget plus one
 * scale step — each
 * campaign moves at most one scale step a day, never below its platform's minimum, never past what
 * its products' stock can sell before a restock.
 */
export interface CampaignPlan {
  curve: FittedCurve;
  row: AllocationRow;
  currentDailyMinor: number;
  margin: number;
}

export type BudgetPlan = ReadonlyMap<string, CampaignPlan>;

/**
 * Conservative per-campaign daily floors in the account currency's minor units: Meta's ad set
 * minimum is about $1 a day, TikTok's campaign minimum $50 a day, Google Ads has none ($1 used).
 */
export const PLATFORM_MINIMUM_MINOR: Readonly<Record<AdPlatform, number>> = {
  meta: 100,
  tiktok: 5_000,
  google_ads: 100,
};

/** Gross margin (revenue − COGS − fulfilment) per unit of revenue, from unified_performance's profit. */
export function marginOf(c: CampaignWindow): number {
  return c.revenueMinor > 0 ? (c.profitMinor + c.spendMinor) / c.revenueMinor : 0;
}

const plans = new WeakMap<RecommendationInput, BudgetPlan>();

/** One plan per rules pass: both spend rules read it. */
export function budgetPlanFor(input: RecommendationInput): BudgetPlan {
  let plan = plans.get(input);
  if (!plan) {
    plan = planBudget(input);
    plans.set(input, plan);
  }
  return plan;
}

export interface FittedCampaign {
  curve: FittedCurve;
  campaign: CampaignWindow;
  currentDailyMinor: number;
  /** The advertised product whose stock sets the campaign's cap (the tightest); null when none has a known stock. */
  stockProduct: ProductState | null;
}

/**
 * Every campaign whose days could be fitted, as the optimiser takes it: its curve, margin, today's
 * daily spend, and its bounds (one scale step a day, the platform minimum, the stock cap) — or,
 * when its curve does not explain its revenue, the reason it keeps today's budget (decision 990).
 */
export function allocationInputs(input: RecommendationInput): {
  campaigns: AllocationCampaign[];
  fitted: Map<string, FittedCampaign>;
} {
  const brand = fitBrandCurves(input.campaigns.map((c) => ({ id: c.campaignId, days: c.daily })));
  const campaigns: AllocationCampaign[] = [];
  const fitted = new Map<string, FittedCampaign>();
  for (const c of input.campaigns) {
    const fit = brand.fits.get(c.campaignId);
    const daily = c.spendMinor / input.windowDays;
    if (!fit?.ok || daily <= 0) continue;
    const stock = stockCap(input, c);
    fitted.set(c.campaignId, {
      curve: fit.curve,
      campaign: c,
      currentDailyMinor: daily,
      stockProduct: stock?.product ?? null,
    });
    campaigns.push({
      id: c.campaignId,
      curve: fit.curve.params,
      margin: marginOf(c),
      currentSpendMinor: daily,
      ...spendBounds(daily, input.thresholds.scaleStep, PLATFORM_MINIMUM_MINOR[c.platform]),
      maxRevenueMinor: stock?.capMinor ?? null,
      heldReason: holdReason(fit.curve.quality),
    });
  }
  return { campaigns, fitted };
}

export function planBudget(input: RecommendationInput): BudgetPlan {
  const { campaigns, fitted } = allocationInputs(input);
  if (campaigns.length === 0) return new Map();
  // The brand's spend grows by at most one scale step a day: what the optimiser may hand out.
  const today = campaigns.reduce((s, c) => s + c.currentSpendMinor, 0);
  const ceiling = today * (1 + input.thresholds.scaleStep);
  const allocation = allocateBudget(campaigns, ceiling, { objective: 'profit', budgetIsCap: true });
  return new Map(
    allocation.rows.map((row) => {
      const f = fitted.get(row.id)!;
      return [
        row.id,
        { curve: f.curve, row, currentDailyMinor: f.currentDailyMinor, margin: marginOf(f.campaign) },
      ];
    }),
  );
}

/**
 * The campaign revenue a day its products' stock can carry: for each advertised product with a
 * known stock, what is left after its other sales over the low-cover horizon (the restock lead
 * time we assume when the brand gives none), in the campaign's share of that product's spend —
 * the tightest product's, named so the plan can say whose shelf holds the campaign. Null when
 * nothing it advertises has a known stock.
 */
function stockCap(
  input: RecommendationInput,
  c: CampaignWindow,
): { capMinor: number; product: ProductState } | null {
  const lines = input.campaignProducts.filter((cp) => cp.campaignId === c.campaignId);
  let cap: { capMinor: number; product: ProductState } | null = null;
  for (const line of lines) {
    const p = input.products.find((x) => x.productId === line.productId);
    if (!p || p.stockAvailable === null || p.units <= 0) continue;
    // A product the campaign sold none of in the window cannot hold it back: its spend there is the
    // fallback allocation's (a campaign naming no promoted products has its spend shared by the
    // revenue mix of other days), and its shelf would otherwise cap the campaign at today's revenue.
    if (line.revenueMinor <= 0) continue;
    const productSpend = input.campaignProducts
      .filter((cp) => cp.productId === line.productId)
      .reduce((s, cp) => s + cp.spendMinor, 0);
    const share = productSpend > 0 ? line.spendMinor / productSpend : 1;
    const unitPrice = p.revenueMinor / p.units;
    const campaignUnitsPerDay = line.revenueMinor / unitPrice / input.windowDays;
    const otherUnitsPerDay = Math.max(0, p.units / input.windowDays - campaignUnitsPerDay);
    const productCap =
      stockRevenueCap({
        unitsAvailable: p.stockAvailable,
        daysUntilRestock: input.thresholds.lowCoverDays,
        organicUnitsPerDay: otherUnitsPerDay,
        unitPriceMinor: unitPrice,
      }) * share;
    // The campaign's revenue from other products is not limited by this one's shelf.
    const elsewhere = Math.max(0, c.revenueMinor - line.revenueMinor) / input.windowDays;
    const capMinor = productCap + elsewhere;
    if (cap === null || capMinor < cap.capMinor) cap = { capMinor, product: p };
  }
  return cap;
}

/**
 * A marginal ROAS as evidence. A concave curve's slope at zero spend is infinite (a campaign whose
 * stock allows no spend is proposed at zero), and evidence holds finite numbers: none is recorded.
 */
const slope = (marginalRoas: number) => (Number.isFinite(marginalRoas) ? round4(marginalRoas) : null);

/** The intervals' level as the app writes shares: "80%". */
const LEVEL = share(INTERVAL_LEVEL);

/**
 * What the curve evidence measures (shared/domain/evidence.ts). The fit's own description and the
 * fitted shape are for the audit trail; the money and marginal ROAS it implies are for the merchant.
 */
export const CURVE_EVIDENCE = {
  curve_model: { unit: 'internal', label: 'Response curve model' },
  curve_from: { unit: 'internal', label: 'First day of the curve fit' },
  curve_to: { unit: 'internal', label: 'Last day of the curve fit' },
  curve_days: { unit: 'internal', label: 'Days the curve was fitted on' },
  curve_days_censored: { unit: 'internal', label: 'Days left out (stock ran short)' },
  curve_r2: { unit: 'internal', label: 'How well spend explains revenue (R²)' },
  curve_mape: { unit: 'internal', label: "Curve's typical error (MAPE)" },
  curve_pooled: { unit: 'internal', label: "Borrowed the store's curve shape" },
  half_saturation_daily_minor: { unit: 'money-minor', label: "Daily spend at half the curve's ceiling" },
  hill_shape: { unit: 'internal', label: 'Curve steepness' },
  adstock_decay: { unit: 'internal', label: 'Carry-over of spend to later days' },
  marginal_roas_current: { unit: 'ratio', label: "Marginal ROAS at today's budget" },
  marginal_roas_proposed: { unit: 'ratio', label: 'Marginal ROAS at the new budget' },
  marginal_roas_proposed_low: { unit: 'ratio', label: `Marginal ROAS at new budget, ${LEVEL} low` },
  marginal_roas_proposed_high: { unit: 'ratio', label: `Marginal ROAS at new budget, ${LEVEL} high` },
  revenue_proposed_daily_low_minor: {
    unit: 'money-minor',
    label: `Daily revenue at new budget, ${LEVEL} low`,
  },
  revenue_proposed_daily_high_minor: {
    unit: 'money-minor',
    label: `Daily revenue at new budget, ${LEVEL} high`,
  },
} as const satisfies EvidenceDeclaration;

/** What a held curve's evidence measures: why it did not move the budget, for the audit trail. */
export const HELD_EVIDENCE = {
  curve_model: { unit: 'internal', label: 'Response curve model' },
  curve_r2: { unit: 'internal', label: 'How well spend explains revenue (R²)' },
  curve_min_r2: { unit: 'internal', label: 'R² needed to move the budget' },
  curve_used: { unit: 'internal', label: 'Curve used to size the change' },
} as const satisfies EvidenceDeclaration;

/** What a recommendation records about the curve behind it: model, window, fit and intervals. */
export function curveEvidence(plan: CampaignPlan, days: CampaignWindow['daily']) {
  const { curve, row } = plan;
  const samples: HillParams[] = bootstrapCurves(days, curve, { samples: 30 });
  const at = curveIntervals(samples, curve.params, row.proposedSpendMinor);
  return {
    curve_model: HILL_MODEL,
    curve_from: curve.window?.from ?? null,
    curve_to: curve.window?.to ?? null,
    curve_days: curve.quality.days,
    curve_days_censored: curve.quality.daysCensored,
    curve_r2: round4(curve.quality.r2),
    curve_mape: round4(curve.quality.mape),
    curve_pooled: curve.pooled ? 'brand' : 'none',
    half_saturation_daily_minor: Math.round(curve.params.halfSat),
    hill_shape: round4(curve.params.shape),
    adstock_decay: round4(curve.params.decay),
    marginal_roas_current: slope(marginalRoasAt(curve.params, plan.currentDailyMinor)),
    marginal_roas_proposed: slope(row.marginalRoas),
    marginal_roas_proposed_low: slope(at.marginalRoas.low),
    marginal_roas_proposed_high: slope(at.marginalRoas.high),
    revenue_proposed_daily_low_minor: Math.round(at.revenue.low),
    revenue_proposed_daily_high_minor: Math.round(at.revenue.high),
  };
}

/** What a recommendation records about a curve that was fitted but not used: it did not explain revenue. */
export function heldEvidence(plan: CampaignPlan) {
  return {
    curve_model: HILL_MODEL,
    curve_r2: round4(plan.curve.quality.r2),
    curve_min_r2: MIN_EXPLAINED_R2,
    curve_used: 'no: revenue did not follow spend',
  };
}

export function describeHill(plan: CampaignPlan, currency: string): string {
  const { curve } = plan;
  const q = curve.quality;
  const window = curve.window ? ` (${dayRange(curve.window.from, curve.window.to)})` : '';
  return `Hill saturation curve with geometric carry-over fitted on ${q.daysUsed} days${window}, ${q.daysCensored} days left out for stock, R²=${q.r2.toFixed(2)}${curve.pooled ? ', regularised towards the brand’s pooled curve' : ''}; half-saturation at ${amount(Math.round(curve.params.halfSat), currency)} a day, marginal ROAS ${ratio(marginalRoasAt(curve.params, plan.currentDailyMinor))} at today's spend; budget sized by the optimiser (equal marginal profit across campaigns within daily, platform and stock bounds)`;
}
