import { brandTargetsSchema } from '../../shared/domain/entities';
import type {
  CampaignProductWindow,
  CampaignWindow,
  ProductState,
  RecommendationInput,
} from '../../shared/domain/recommendations/types';
import { thresholdsFor } from '../../shared/domain/recommendations/types';
import { localDate } from '../../shared/domain/time';

/** Builders for rule inputs: a brand with a 14-day window and whatever campaigns a test adds. */
export function aCampaign(id: string, over: Partial<CampaignWindow> = {}): CampaignWindow {
  return {
    platform: 'meta',
    campaignId: id,
    campaignName: `Campaign ${id}`,
    spendMinor: 140_000,
    revenueMinor: 420_000,
    profitMinor: 60_000,
    daily: [],
    ...over,
  };
}

export function aProduct(id: string, over: Partial<ProductState> = {}): ProductState {
  return {
    productId: id,
    title: `Product ${id}`,
    stockAvailable: 500,
    daysOfCover: 40,
    units: 100,
    spendMinor: 0,
    revenueMinor: 500_000,
    cogsMinor: 150_000,
    unitCostMinor: 1500,
    ...over,
  };
}

export function aSpendLine(
  campaignId: string,
  productId: string,
  over: Partial<CampaignProductWindow> = {},
): CampaignProductWindow {
  return {
    platform: 'meta',
    campaignId,
    campaignName: `Campaign ${campaignId}`,
    productId,
    spendMinor: 140_000,
    revenueMinor: 420_000,
    recentSpendMinor: 30_000,
    ...over,
  };
}

export function anInput(over: Partial<RecommendationInput> = {}): RecommendationInput {
  return {
    brandId: 'b1',
    currency: 'USD',
    asOf: localDate('2026-11-20'),
    windowDays: 14,
    recentDays: 3,
    totalSpendMinor: 1_000_000,
    campaigns: [],
    campaignProducts: [],
    products: [],
    thresholds: thresholdsFor(brandTargetsSchema.parse({})),
    ...over,
  };
}

/** Daily points on an exact power curve revenue = a·spend^b, with spend moving around `base`. */
export function curvePoints(a: number, b: number, base: number, n = 28) {
  return Array.from({ length: n }, (_, i) => {
    const spendMinor = Math.round(base * (0.6 + (0.8 * ((i * 7) % n)) / n));
    return { spendMinor, revenueMinor: Math.round(a * spendMinor ** b) };
  });
}
