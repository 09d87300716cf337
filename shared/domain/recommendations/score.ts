import type { AdPlatform, Recommendation } from '../entities';

/**
 * Score 0–100. Waste prevention (pause, reduce) always outranks opportunity (increase, promote):
 * waste starts at 50, opportunity tops out below 50. Within a class the weekly money at stake
 * counts, relative to the brand's own size (5 % of its weekly spend is the half-way point), so a
 * small brand's problems are not drowned by a big brand's scale.
 */
export type ScoreClass = 'waste' | 'opportunity';

export function scoreOf(kind: ScoreClass, weeklyMoneyAtStakeMinor: number, weeklyBrandSpendMinor: number) {
  const m = Math.max(0, weeklyMoneyAtStakeMinor);
  const halfWay = Math.max(1, weeklyBrandSpendMinor * 0.05);
  const size = m / (m + halfWay);
  return Math.round(((kind === 'waste' ? 50 : 0) + 49.9 * size) * 10) / 10;
}

export function priorityOf(score: number): Recommendation['priority'] {
  if (score >= 80) return 'critical';
  if (score >= 60) return 'high';
  if (score >= 35) return 'medium';
  return 'low';
}

/** Score and the priority it maps to, as a recommendation carries them. */
export function ranked(kind: ScoreClass, weeklyMoneyAtStakeMinor: number, weeklyBrandSpendMinor: number) {
  const score = scoreOf(kind, weeklyMoneyAtStakeMinor, weeklyBrandSpendMinor);
  return { score, priority: priorityOf(score) };
}

/** The structured change of a campaign budget recommendation (product kept for context). */
export function budgetChange(
  line: { platform: AdPlatform; campaignId: string; campaignName?: string; productId?: string },
  currentDailySpendMinor: number,
  proposedDailySpendMinor: number,
  currency: string,
) {
  return {
    platform: line.platform,
    campaignId: line.campaignId,
    // The name the merchant knows it by, for the apply dialog (the id is what the platform needs).
    ...(line.campaignName ? { campaignName: line.campaignName } : {}),
    ...(line.productId ? { productId: line.productId } : {}),
    currentDailySpendMinor,
    proposedDailySpendMinor,
    currency,
  };
}
