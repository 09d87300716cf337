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
 * Every rule over one brand's window, best first. A campaign × product already covered by a
 * stronger rule (pause beats a low-cover cut; a paused campaign needs no ROAS cut) is not
 * recommended twice.
 */
export function generateRecommendations(input: RecommendationInput): RecommendationDraft[] {
  const pauses = pauseOnStockout(input);
  const paused = new Set(pauses.map((r) => `${r.change.campaignId}:${r.change.productId}`));
  const cuts = reduceForLowCover(input).filter(
    (r) => !paused.has(`${r.change.campaignId}:${r.change.productId}`),
  );
  const stopped = new Set(
    pauses.filter((r) => r.change.proposedDailySpendMinor === 0).map((r) => r.change.campaignId),
  );
  return [
    ...pauses,
    ...cuts,
    ...reduceBelowTarget(input).filter((r) => !stopped.has(r.change.campaignId)),
    ...increaseSpend(input),
    ...promoteOverstock(input),
  ].sort((a, b) => b.score - a.score || a.dedupeKey.localeCompare(b.dedupeKey));
}
