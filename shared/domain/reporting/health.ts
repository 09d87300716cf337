/**
 * A brand's health, 0 (on fire) to 100 (nothing to do), for sorting an agency's brands by urgency.
 * Penalties, each capped so no single kind of problem hides the others: open critical alerts
 * 25 each (≤ 50), warnings 10 (≤ 30), critical/high recommendations 10/5 (≤ 20), ROAS short of
 * target up to 20 in proportion to the shortfall, and a revenue drop up to 15 (-30 % or worse).
 */
export interface HealthInput {
  alerts: { critical: number; warning: number; info: number };
  recommendations: { critical: number; high: number };
  roas: number | null;
  roasTarget: number;
  revenueChange: number | null;
}

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
  return Math.max(0, Math.round(100 - penalty));
}
