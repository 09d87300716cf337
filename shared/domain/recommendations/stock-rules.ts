import { declareEvidence, type EvidenceDeclaration } from '../evidence';
import { platformName } from '../names/names';
import { amount, counted, days, round4, share as shareText } from '../phrasing';
import { budgetChange, ranked } from './score';
import type { ProductState, RecommendationDraft, RecommendationInput } from './types';

/** Annual inventory carrying cost used to put a weekly price on overstock (a common 20–30 % rule of thumb). */
const ANNUAL_CARRYING_COST = 0.25;
/** The test budget proposed to promote an overstocked product: this share of the brand's daily spend. */
const PROMOTE_TEST_SHARE = 0.05;

/** What each stock rule's evidence measures (shared/domain/evidence.ts). */
export const PAUSE_EVIDENCE = {
  stock_available: { unit: 'count', label: 'Units in stock' },
  recent_days: { unit: 'days', label: 'Recent period' },
  spend_recent_minor: { unit: 'money-minor', label: 'Ad spend on it, recent period' },
  window_days: { unit: 'days', label: 'Period analysed' },
  spend_window_minor: { unit: 'money-minor', label: 'Ad spend on it in the period' },
  revenue_window_minor: { unit: 'money-minor', label: 'Revenue from it in the period' },
  campaign_spend_window_minor: { unit: 'money-minor', label: 'Campaign spend in the period' },
} as const satisfies EvidenceDeclaration;
export const LOW_COVER_EVIDENCE = {
  stock_available: { unit: 'count', label: 'Units in stock' },
  days_of_cover: { unit: 'days', label: 'Days of stock left' },
  low_cover_threshold_days: { unit: 'days', label: 'Low-stock line (days of cover)' },
  window_days: { unit: 'days', label: 'Period analysed' },
  spend_window_minor: { unit: 'money-minor', label: 'Ad spend on it in the period' },
  revenue_window_minor: { unit: 'money-minor', label: 'Revenue from it in the period' },
  roas_window: { unit: 'ratio', label: 'ROAS on it in the period' },
  brand_spend_window_minor: { unit: 'money-minor', label: 'Store-wide ad spend in the period' },
  spend_share: { unit: 'fraction', label: 'Its share of store-wide ad spend' },
} as const satisfies EvidenceDeclaration;
export const OVERSTOCK_EVIDENCE = {
  stock_available: { unit: 'count', label: 'Units in stock' },
  days_of_cover: { unit: 'days', label: 'Days of stock at current sales' },
  overstock_threshold_days: { unit: 'days', label: 'Overstock line (days of cover)' },
  window_days: { unit: 'days', label: 'Period analysed' },
  units_window: { unit: 'count', label: 'Units sold in the period' },
  spend_window_minor: { unit: 'money-minor', label: 'Ad spend on it in the period' },
  revenue_window_minor: { unit: 'money-minor', label: 'Revenue from it in the period' },
  excess_units: { unit: 'count', label: 'Units above the overstock line' },
  unit_cost_minor: { unit: 'money-minor', label: 'Cost per unit' },
  inventory_tied_up_minor: { unit: 'money-minor', label: 'Money tied up in excess stock' },
} as const satisfies EvidenceDeclaration;

const dailyOf = (minor: number, daysInWindow: number) => Math.round(minor / daysInWindow);

function productIndex(input: RecommendationInput): Map<string, ProductState> {
  return new Map(input.products.map((p) => [p.productId, p]));
}

function campaignDaily(input: RecommendationInput, campaignId: string): number {
  const c = input.campaigns.find((x) => x.campaignId === campaignId);
  return c ? dailyOf(c.spendMinor, input.windowDays) : 0;
}

/** Spending on a stockout: an ad for a product that cannot be bought only wastes money. */
export function pauseOnStockout(input: RecommendationInput): RecommendationDraft[] {
  const products = productIndex(input);
  const weeklySpend = dailyOf(input.totalSpendMinor, input.windowDays) * 7;
  const out: RecommendationDraft[] = [];
  for (const cp of input.campaignProducts) {
    const p = products.get(cp.productId);
    if (!p || p.stockAvailable === null || p.stockAvailable > 0 || cp.recentSpendMinor <= 0) continue;
    const campaignSpend = input.campaigns.find((c) => c.campaignId === cp.campaignId)?.spendMinor ?? 0;
    const current = campaignDaily(input, cp.campaignId);
    const productDaily = dailyOf(cp.recentSpendMinor, input.recentDays);
    // A campaign that spends (nearly) only on this product is paused; otherwise the product comes out.
    const wholeCampaign = campaignSpend > 0 && cp.spendMinor >= 0.9 * campaignSpend;
    const proposed = wholeCampaign ? 0 : Math.max(0, current - productDaily);
    const weeklyWaste = productDaily * 7;
    const rank = ranked('waste', weeklyWaste, weeklySpend);
    out.push({
      brandId: input.brandId,
      dedupeKey: `pause:${cp.campaignId}:${cp.productId}`,
      type: 'pause',
      ...rank,
      title: `Stop advertising ${p.title} in "${cp.campaignName}": it is out of stock`,
      action: wholeCampaign
        ? `Pause the ${platformName(cp.platform)} campaign "${cp.campaignName}" until ${p.title} is back in stock.`
        : `Remove ${p.title} from the ${platformName(cp.platform)} campaign "${cp.campaignName}" (or lower its daily budget from ${amount(current, input.currency)} to ${amount(proposed, input.currency)}) until it is back in stock.`,
      reason: `${p.title} has ${p.stockAvailable} units available, yet "${cp.campaignName}" spent ${amount(cp.recentSpendMinor, input.currency)} on it in the last ${input.recentDays} days.`,
      change: budgetChange(cp, current, proposed, input.currency),
      ...declareEvidence(PAUSE_EVIDENCE, {
        stock_available: p.stockAvailable,
        recent_days: input.recentDays,
        spend_recent_minor: cp.recentSpendMinor,
        window_days: input.windowDays,
        spend_window_minor: cp.spendMinor,
        revenue_window_minor: cp.revenueMinor,
        campaign_spend_window_minor: campaignSpend,
      }),
      expectedImpact: {
        description: `Avoids about ${amount(weeklyWaste, input.currency)} a week of ad spend that cannot turn into sales.`,
        amountMinor: weeklyWaste,
        currency: input.currency,
        model: `stated assumption: an out-of-stock product cannot sell, so its ad spend returns nothing until restocked; the last ${input.recentDays} days' spend per day is projected over 7 days`,
      },
    });
  }
  return out;
}

/** Heavy spend on a product about to run out: slow the ads so the stock lasts until the threshold. */
export function reduceForLowCover(input: RecommendationInput): RecommendationDraft[] {
  const products = productIndex(input);
  const t = input.thresholds;
  const weeklySpend = dailyOf(input.totalSpendMinor, input.windowDays) * 7;
  const out: RecommendationDraft[] = [];
  for (const cp of input.campaignProducts) {
    const p = products.get(cp.productId);
    if (!p || p.stockAvailable === null || p.stockAvailable <= 0 || p.daysOfCover === null) continue;
    if (p.daysOfCover >= t.lowCoverDays) continue;
    const share = input.totalSpendMinor > 0 ? cp.spendMinor / input.totalSpendMinor : 0;
    if (share < t.materialSpendShare) continue;
    const productDaily = dailyOf(cp.spendMinor, input.windowDays);
    const proposedProductDaily = Math.round((productDaily * p.daysOfCover) / t.lowCoverDays);
    const current = campaignDaily(input, cp.campaignId);
    const proposed = Math.max(0, current - (productDaily - proposedProductDaily));
    const weeklySaved = (productDaily - proposedProductDaily) * 7;
    const rank = ranked('waste', weeklySaved, weeklySpend);
    const roas = cp.spendMinor > 0 ? cp.revenueMinor / cp.spendMinor : 0;
    out.push({
      brandId: input.brandId,
      dedupeKey: `reduce_spend:cover:${cp.campaignId}:${cp.productId}`,
      type: 'reduce_spend',
      ...rank,
      title: `Slow "${cp.campaignName}": ${p.title} has ${days(p.daysOfCover)} of stock left`,
      action: `Lower the daily budget of the ${platformName(cp.platform)} campaign "${cp.campaignName}" from ${amount(current, input.currency)} to ${amount(proposed, input.currency)}, taking the cut from ${p.title}, until it is restocked.`,
      reason: `${p.title} has ${p.stockAvailable} units (${days(p.daysOfCover)} of cover, below the ${t.lowCoverDays}-day threshold) while "${cp.campaignName}" put ${shareText(share)} of the brand's ad spend on it over ${input.windowDays} days.`,
      change: budgetChange(cp, current, proposed, input.currency),
      ...declareEvidence(LOW_COVER_EVIDENCE, {
        stock_available: p.stockAvailable,
        days_of_cover: round4(p.daysOfCover),
        low_cover_threshold_days: t.lowCoverDays,
        window_days: input.windowDays,
        spend_window_minor: cp.spendMinor,
        revenue_window_minor: cp.revenueMinor,
        roas_window: round4(roas),
        brand_spend_window_minor: input.totalSpendMinor,
        spend_share: round4(share),
      }),
      expectedImpact: {
        description: `Stretches ${p.title}'s stock toward ${t.lowCoverDays} days and avoids about ${amount(weeklySaved, input.currency)} a week of spend on demand the stock cannot serve.`,
        amountMinor: weeklySaved,
        currency: input.currency,
        model: `stated assumption: ad-driven sales scale linearly with spend, so cutting this product's spend by cover ÷ threshold (${p.daysOfCover.toFixed(1)} ÷ ${t.lowCoverDays}) stretches its stock to the threshold; the money at stake is the spend avoided over 7 days`,
      },
    });
  }
  return out;
}

/**
 * A merchant acts on a short list: promote suggestions are kept only where the inventory tied up
 * above the overstock line is worth at least a day of the brand's ad spend, and at most this many,
 * largest first (docs/decisions/405-focused-promote-list.md).
 */
export const MAX_PROMOTE_RECOMMENDATIONS = 5;

/** "Promote X: 455.0 days of stock on hand", or with no sales to measure cover by, the units. */
export function promoteTitle(title: string, cover: number, stockAvailable: number): string {
  return Number.isFinite(cover)
    ? `Promote ${title}: ${days(cover)} of stock on hand`
    : `Promote ${title}: no sales in the window and ${counted(stockAvailable, 'unit')} on hand`;
}

/**
 * A product above the brand's overstock line: its days of cover (infinite with stock and no sales
 * in the window) and the units above the line; null when it is not overstocked.
 */
export function overstockOf(
  p: ProductState,
  input: Pick<RecommendationInput, 'windowDays' | 'thresholds'>,
): { stock: number; cover: number; excessUnits: number } | null {
  if (p.stockAvailable === null || p.stockAvailable <= 0) return null;
  const cover = p.daysOfCover ?? (p.units > 0 ? (p.stockAvailable * input.windowDays) / p.units : Infinity);
  if (cover <= input.thresholds.overstockCoverDays) return null;
  const unitsPerDay = p.units / input.windowDays;
  return {
    stock: p.stockAvailable,
    cover,
    excessUnits: p.stockAvailable - Math.ceil(unitsPerDay * input.thresholds.overstockCoverDays),
  };
}

/** Years of cover and (almost) no ads: put a small test budget behind it. */
export function promoteOverstock(input: RecommendationInput): RecommendationDraft[] {
  const dailySpend = dailyOf(input.totalSpendMinor, input.windowDays);
  return promoteCandidates(input)
    .filter((d) => (d.expectedImpact.amountMinor ?? 0) >= dailySpend)
    .sort((a, b) => (b.expectedImpact.amountMinor ?? 0) - (a.expectedImpact.amountMinor ?? 0))
    .slice(0, MAX_PROMOTE_RECOMMENDATIONS);
}

function promoteCandidates(input: RecommendationInput): RecommendationDraft[] {
  const t = input.thresholds;
  const weeklySpend = dailyOf(input.totalSpendMinor, input.windowDays) * 7;
  const testBudget = Math.round(dailyOf(input.totalSpendMinor, input.windowDays) * PROMOTE_TEST_SHARE);
  const out: RecommendationDraft[] = [];
  for (const p of input.products) {
    const over = overstockOf(p, input);
    if (!over) continue;
    const { stock, cover, excessUnits } = over;
    const share = input.totalSpendMinor > 0 ? p.spendMinor / input.totalSpendMinor : 0;
    if (share >= t.unadvertisedSpendShare) continue;
    const unitCost = p.units > 0 && p.cogsMinor > 0 ? p.cogsMinor / p.units : p.unitCostMinor;
    const tiedUp = unitCost === null ? 0 : Math.round(excessUnits * unitCost);
    const weeklyCarrying = Math.round((tiedUp * ANNUAL_CARRYING_COST * 7) / 365);
    const rank = ranked('opportunity', weeklyCarrying, weeklySpend);
    out.push({
      brandId: input.brandId,
      dedupeKey: `promote:${p.productId}`,
      type: 'promote',
      ...rank,
      title: promoteTitle(p.title, cover, stock),
      action: `Start a test campaign for ${p.title} at about ${amount(testBudget, input.currency)} a day (${shareText(PROMOTE_TEST_SHARE)} of the brand's daily ad spend), or feature it in a bundle or email.`,
      reason: `${p.title} has ${stock} units — ${excessUnits} above the ${t.overstockCoverDays}-day cover line — and received ${amount(p.spendMinor, input.currency)} of ad spend in ${input.windowDays} days.`,
      change: { productId: p.productId, proposedDailySpendMinor: testBudget, currency: input.currency },
      ...declareEvidence(OVERSTOCK_EVIDENCE, {
        stock_available: stock,
        days_of_cover: Number.isFinite(cover) ? round4(cover) : null,
        overstock_threshold_days: t.overstockCoverDays,
        window_days: input.windowDays,
        units_window: p.units,
        spend_window_minor: p.spendMinor,
        revenue_window_minor: p.revenueMinor,
        excess_units: excessUnits,
        unit_cost_minor: unitCost === null ? null : Math.round(unitCost),
        inventory_tied_up_minor: tiedUp,
      }),
      expectedImpact: {
        description: `${amount(tiedUp, input.currency)} of inventory at cost sits above the ${t.overstockCoverDays}-day line; selling it down frees that cash and avoids about ${amount(weeklyCarrying, input.currency)} a week of carrying cost.`,
        amountMinor: tiedUp,
        currency: input.currency,
        model: `stated assumption: stock above the overstock line is valued at unit cost (COGS per unit sold in the window, else catalog cost); carrying cost ${shareText(ANNUAL_CARRYING_COST)} a year`,
      },
    });
  }
  return out;
}
