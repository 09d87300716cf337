import type { RECOMMENDATION_TYPES, Recommendation } from '../entities';
import { declarationFor, type EvidenceDeclaration, evidenceLabelsOf, evidenceUnitsOf } from '../evidence';
import { ENGAGE_EVIDENCE } from './engage-rules';
import { SPEND_EVIDENCE } from './spend-rules';
import { LOW_COVER_EVIDENCE, OVERSTOCK_EVIDENCE, PAUSE_EVIDENCE } from './stock-rules';

/**
 * Every recommendation type's evidence declarations: those of the rules that write that type (a
 * below-target cut and a low-cover cut are both `reduce_spend`, and label `spend_window_minor`
 * differently). A record made before declarations or labels were stored is shown by the one of
 * them that declares most of its keys (`declarationFor`).
 */
export const RECOMMENDATION_EVIDENCE: Record<
  (typeof RECOMMENDATION_TYPES)[number],
  readonly EvidenceDeclaration[]
> = {
  reduce_spend: [SPEND_EVIDENCE, LOW_COVER_EVIDENCE],
  increase_spend: [SPEND_EVIDENCE],
  pause: [PAUSE_EVIDENCE],
  promote: [OVERSTOCK_EVIDENCE],
  engage: [ENGAGE_EVIDENCE],
};
/** What a measured outcome records (shared/recommendations/service.ts): 7 days before against 7 after. */
export const OUTCOME_EVIDENCE = {
  decided_on: { unit: 'date', label: 'Decided on' },
  measured_through: { unit: 'date', label: 'Measured through' },
  days: { unit: 'days', label: 'Days measured before and after' },
  spend_before_minor: { unit: 'money-minor', label: 'Ad spend before' },
  spend_after_minor: { unit: 'money-minor', label: 'Ad spend after' },
  revenue_before_minor: { unit: 'money-minor', label: 'Revenue before' },
  revenue_after_minor: { unit: 'money-minor', label: 'Revenue after' },
  profit_before_minor: { unit: 'money-minor', label: 'Profit before' },
  profit_after_minor: { unit: 'money-minor', label: 'Profit after' },
  roas_before: { unit: 'ratio', label: 'ROAS before' },
  roas_after: { unit: 'ratio', label: 'ROAS after' },
} as const satisfies EvidenceDeclaration;

/**
 * A stored recommendation with the units and labels of its evidence and outcome, old records
 * included.
 */
export function withDeclaredEvidence(rec: Recommendation): Recommendation {
  const current = declarationFor(rec.evidence, RECOMMENDATION_EVIDENCE[rec.type]);
  return {
    ...rec,
    evidenceUnits: evidenceUnitsOf(rec.evidence, rec.evidenceUnits, current),
    evidenceLabels: evidenceLabelsOf(rec.evidence, rec.evidenceLabels, current),
    ...(rec.outcome
      ? {
          outcomeUnits: evidenceUnitsOf(rec.outcome, rec.outcomeUnits, OUTCOME_EVIDENCE),
          outcomeLabels: evidenceLabelsOf(rec.outcome, rec.outcomeLabels, OUTCOME_EVIDENCE),
        }
      : {}),
  };
}
