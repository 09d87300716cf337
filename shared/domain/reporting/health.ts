/**
 * A brand's health, 0 (on fire) to 100 (nothing to do), for sorting an agency's brands by urgency.
 * Penalties, each capped so no single kind of problem hides the others: open critical alerts
 * 25 each (≤ 50), warnings 10 (≤ 30), critical/high recommendations 10/5 (≤ 20), ROAS short of
 * target up to 20 in proportion to the shortfall, and a revenue drop up to 15 (-30 % or worse).
 * A broken data source comes before all of them, because every other number rests on it: an ad
 * platform in error costs 25 (≤ 50), and with Shopify disconnected or failing the score is at most
 * 40 whatever else looks fine — the orders it would judge by are not arriving.
 */
export interface HealthInput {
  alerts: { critical: number; warning: number; info: number };
  recommendations: { critical: number; high: number };
  roas: number | null;
  roasTarget: number;
  revenueChange: number | null;
  /** Connections that stopped: platform ids disconnected after being connected, or in error. */
  brokenIntegrations?: readonly string[];
}

/** The highest score a brand can have while Shopify, its source of truth, is not syncing. */
export const MAX_SCORE_WITHOUT_SHOPIFY = 40;

export function healthScore(input: HealthInput): number {
  const { alerts, recommendations } = input;
  let penalty =
    Math.min(50, alerts.critical * 25) +
    Math.min(30, alerts.warning * 10) +
    Math.min(20, recommendations.critical * 10 + recommendations.high * 5);
  if (input.roas !== null && input.roas < input.roasTarget)
    penalty += (20 * (input.roasTarget - input.roas)) / input.roasTarget;
  if (input.revenueChange !== null && input.revenueChange < 0)
    penalty += Math.min(15, -input.revenueChange * 50);
  const broken = input.brokenIntegrations ?? [];
  penalty += Math.min(50, broken.filter((p) => p !== 'shopify').length * 25);
  const ceiling = broken.includes('shopify') ? MAX_SCORE_WITHOUT_SHOPIFY : 100;
  return Math.max(0, Math.min(ceiling, Math.round(100 - penalty)));
}
