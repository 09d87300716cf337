import type { FitQuality } from './fit';

/**
 * Whether a fitted curve has earned the right to move budget (docs/decisions/990). A Hill curve can
 * always be fitted, and one fitted to noise is usually a flat line: it reads "saturated, cut" (or,
 * tilted the other way, "scale") into days whose revenue never followed their spend. The optimiser
 * moves a campaign only when its own days explain its revenue — R² of the final fit, pooled or
 * not, on the campaign's uncensored days, at least MIN_EXPLAINED_R2; every other campaign keeps
 * today's budget, and the plan says why in the merchant's words.
 *
 * 0.3 is the share of variance the pooled stage already calls "explaining" (pooled.ts): one bar for
 * "this curve says something", not two. A borrowed brand shape does not lift a campaign over it,
 * because R² is measured on the campaign's own days — as Meridian's prior–posterior shift check
 * flags a channel whose posterior never left its prior.
 */
export const MIN_EXPLAINED_R2 = 0.3;

export function explainsRevenue(quality: FitQuality): boolean {
  return quality.r2 >= MIN_EXPLAINED_R2;
}

/** Why a campaign's budget is held, for the plan and the drilldown; null when the curve may move it. */
export function holdReason(quality: FitQuality): string | null {
  if (explainsRevenue(quality)) return null;
  return heldForSignal([quality.daysUsed]);
}

/**
 * The same reason said once for every campaign held by it (the Budget plan lists them under it),
 * over the days each was fitted on: "over 56 days", or "over 40 to 56 days" when they differ.
 */
export function heldForSignal(daysUsed: readonly number[]): string {
  const least = Math.min(...daysUsed);
  const most = Math.max(...daysUsed);
  const over = least === most ? `${most} days` : `${least} to ${most} days`;
  return daysUsed.length === 1
    ? `Not enough signal: over ${over} its revenue did not rise and fall with its spend, so nothing says more budget would pay back or that less would save money. Its budget stays where it is.`
    : `Not enough signal: over ${over} their revenue did not rise and fall with their spend, so nothing says more budget would pay back or that less would save money. Their budgets stay where they are.`;
}
