import { increaseSpend, reduceBelowTarget } from './spend-rules';
import { pauseOnStockout, promoteOverstock, reduceForLowCover } from './stock-rules';

export {
  type CampaignConversion,
  ENGAGE_RATES,
  engageOverstock,
  MEASURED_WINDOW_DAYS,
  type ProductAudience,
} from './engage-rules';

import type { RecommendationDraft, RecommendationInput } from './types';

export * from './curve';
export { priorityOf, scoreOf } from './score';
export * from './types';

/**
 * Every rule over one brand's window, best first, with one budget per campaign: when several rules
 * would move one campaign's budget, only the most urgent speaks for it — a stocked-out product's
 * pause, then a low-cover cut, then a ROAS cut, then a scale-up. Two budgets for one campaign on
 * one page contradict each other, and accepting both would apply whichever came last. The others
 * are judged again on the next pass, once the urgent one is dealt with (a campaign's ROAS while it
 * advertises a product that cannot sell is not the ROAS it will have).
 */
export function generateRecommendations(input: RecommendationInput): RecommendationDraft[] {
  const budgeted = new Set<string>();
  /** The rule's recommendations on campaigns no stronger rule has given a budget yet. */
  const unclaimed = (recs: RecommendationDraft[]) => {
    const kept = recs.filter((r) => !r.change.campaignId || !budgeted.has(r.change.campaignId));
    for (const r of kept) if (r.change.campaignId) budgeted.add(r.change.campaignId);
    return kept;
  };
  return [
    ...unclaimed(pauseOnStockout(input)),
    ...unclaimed(reduceForLowCover(input)),
    ...unclaimed(reduceBelowTarget(input)),
    ...unclaimed(increaseSpend(input)),
    ...promoteOverstock(input),
  ].sort((a, b) => b.score - a.score || a.dedupeKey.localeCompare(b.dedupeKey));
}
