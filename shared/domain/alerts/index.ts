import { aiBudget, dailyAnomalies, roasDrop, stockAlerts, syncFailures } from './rules';
import type { AlertDraft, AlertInput } from './types';

export * from './anomaly';
export * from './subject';
export * from './types';

const SEVERITY_ORDER = { critical: 0, warning: 1, info: 2 } as const;

/** Every alert condition that holds for one brand now, most severe first, one per dedupe key. */
export function detectAlerts(input: AlertInput): AlertDraft[] {
  return [
    ...stockAlerts(input),
    ...roasDrop(input),
    ...dailyAnomalies(input),
    ...syncFailures(input),
    ...aiBudget(input),
  ].sort(
    (a, b) =>
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.dedupeKey.localeCompare(b.dedupeKey),
  );
}
