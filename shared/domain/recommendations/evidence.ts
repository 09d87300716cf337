import type { RECOMMENDATION_TYPES, Recommendation } from '../entities';
import { type EvidenceUnits, evidenceUnitsOf, mergeEvidenceUnits } from '../evidence';
import { ENGAGE_EVIDENCE } from './engage-rules';
import { SPEND_EVIDENCE } from './spend-rules';
import { LOW_COVER_EVIDENCE, OVERSTOCK_EVIDENCE, PAUSE_EVIDENCE } from './stock-rules';

/**
 * Every recommendation type's evidence declaration: the declarations of the rules that write that
 * type (a below-target cut and a low-cover cut are both `reduce_spend`). A record made before
 * declarations were stored is shown by its type's current one.
 */
export const RECOMMENDATION_EVIDENCE: Record<(typeof RECOMMENDATION_TYPES)[number], EvidenceUnits> = {
  reduce_spend: mergeEvidenceUnits(SPEND_EVIDENCE, LOW_COVER_EVIDENCE),
  increase_spend: SPEND_EVIDENCE,
  pause: PAUSE_EVIDENCE,
  promote: OVERSTOCK_EVIDENCE,
  engage: ENGAGE_EVIDENCE,
};

/** What a measured outcome records (shared/recommendations/service.ts): 7 days before against 7 after. */
export const OUTCOME_EVIDENCE = {
  decided_on: 'date',
  measured_through: 'date',
  days: 'days',
  spend_before_minor: 'money-minor',
  spend_after_minor: 'money-minor',
  revenue_before_minor: 'money-minor',
  revenue_after_minor: 'money-minor',
  profit_before_minor: 'money-minor',
  profit_after_minor: 'money-minor',
  roas_before: 'ratio',
  roas_after: 'ratio',
} as const;

/** A stored recommendation with the declarations of its evidence and outcome, old records included. */
export function withEvidenceUnits(rec: Recommendation): Recommendation {
  return {
    ...rec,
    evidenceUnits: evidenceUnitsOf(rec.evidence, rec.evidenceUnits, RECOMMENDATION_EVIDENCE[rec.type]),
    ...(rec.outcome
      ? { outcomeUnits: evidenceUnitsOf(rec.outcome, rec.outcomeUnits, OUTCOME_EVIDENCE) }
      : {}),
  };
}
