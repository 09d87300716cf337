import type { Recommendation } from '../entities';

/**
 * The honesty loop: what a recommendation said would happen, against what its outcome window
 * measured (7 days after the decision against the 7 before; recommendations/service.ts).
 *
 * Each rule predicts one quantity, and only that quantity is compared:
 * - budget changes sized by the response curve (`reduce_spend:roas:…`, `increase_spend:…`) predict
 *   a weekly profit change → measured as profit after − profit before;
 * - stock rules (`pause:…`, `reduce_spend:cover:…`) predict weekly ad spend avoided → measured as
 *   spend before − spend after;
 * - `promote` states money tied up in stock, not a change anyone can measure in a week: left out.
 */
export type OutcomeMeasure = 'profit_change' | 'spend_avoided';

export function measureOf(rec: Pick<Recommendation, 'dedupeKey'>): OutcomeMeasure | null {
  const key = rec.dedupeKey;
  if (key.startsWith('reduce_spend:roas:') || key.startsWith('increase_spend:')) return 'profit_change';
  if (key.startsWith('pause:') || key.startsWith('reduce_spend:cover:')) return 'spend_avoided';
  return null;
}

/** The measured value of a recommendation's predicted quantity, from its outcome record. */
export function actualOf(
  measure: OutcomeMeasure,
  outcome: Record<string, number | string | null>,
): number | null {
  const n = (k: string) => (typeof outcome[k] === 'number' ? (outcome[k] as number) : null);
  if (measure === 'profit_change') {
    const before = n('profit_before_minor');
    const after = n('profit_after_minor');
    return before === null || after === null ? null : after - before;
  }
  const before = n('spend_before_minor');
  const after = n('spend_after_minor');
  return before === null || after === null ? null : before - after;
}

export interface CalibrationPoint {
  id: string;
  title: string;
  type: Recommendation['type'];
  measure: OutcomeMeasure;
  decidedOn: string;
  /** Per week, in the brand's minor units. */
  predictedMinor: number;
  actualMinor: number;
}

export interface CalibrationSummary {
  measured: number;
  predictedMinor: number;
  actualMinor: number;
  /** Σ actual ÷ Σ predicted: 1 is calibrated, below 1 the predictions were too rosy. Null without a prediction. */
  realisedShare: number | null;
  /** How many went the predicted way (same sign as the prediction). */
  directionRight: number;
  /** Mean |actual − predicted| per recommendation. */
  meanAbsoluteErrorMinor: number | null;
}

/** Every measured recommendation whose rule made a measurable prediction. */
export function calibrationPoints(recs: readonly Recommendation[]): CalibrationPoint[] {
  const out: CalibrationPoint[] = [];
  for (const r of recs) {
    const measure = measureOf(r);
    const predicted = r.expectedImpact.amountMinor;
    if (!measure || predicted === undefined || !r.outcome || typeof r.outcome.measured_through !== 'string')
      continue;
    const actual = actualOf(measure, r.outcome);
    if (actual === null) continue;
    out.push({
      id: r.id,
      title: r.title,
      type: r.type,
      measure,
      decidedOn: String(r.outcome.decided_on ?? r.decidedAt?.slice(0, 10) ?? ''),
      predictedMinor: predicted,
      actualMinor: actual,
    });
  }
  return out.sort((a, b) => b.decidedOn.localeCompare(a.decidedOn) || a.id.localeCompare(b.id));
}

export function calibrationSummary(points: readonly CalibrationPoint[]): CalibrationSummary {
  const predictedMinor = points.reduce((s, p) => s + p.predictedMinor, 0);
  const actualMinor = points.reduce((s, p) => s + p.actualMinor, 0);
  return {
    measured: points.length,
    predictedMinor,
    actualMinor,
    realisedShare: predictedMinor !== 0 ? Math.round((actualMinor / predictedMinor) * 10_000) / 10_000 : null,
    directionRight: points.filter((p) => Math.sign(p.actualMinor) === Math.sign(p.predictedMinor)).length,
    meanAbsoluteErrorMinor: points.length
      ? Math.round(points.reduce((s, p) => s + Math.abs(p.actualMinor - p.predictedMinor), 0) / points.length)
      : null,
  };
}
