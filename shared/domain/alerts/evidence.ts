import { PUBLISH_FAILED_EVIDENCE } from '../content/publish-alert';
import { IN_STORE_EVIDENCE } from '../customers/in-store-alert';
import { ENGAGEMENT_PAUSED_EVIDENCE } from '../engagement/stockout-alert';
import type { ALERT_TYPES, Alert } from '../entities';
import { declarationFor, type EvidenceDeclaration, evidenceLabelsOf, evidenceUnitsOf } from '../evidence';
import {
  AI_BUDGET_EVIDENCE,
  ANOMALY_EVIDENCE,
  ROAS_DROP_EVIDENCE,
  SPENDING_ON_STOCKOUT_EVIDENCE,
  STOCKOUT_RISK_EVIDENCE,
  SYNC_FAILURE_EVIDENCE,
} from './rules';

/**
 * Every alert type's evidence declarations, from the rule that raises it. A record made before
 * declarations or labels were stored is shown by its type's current one.
 */
export const ALERT_EVIDENCE: Record<(typeof ALERT_TYPES)[number], readonly EvidenceDeclaration[]> = {
  roas_drop: [ROAS_DROP_EVIDENCE],
  stockout_risk: [STOCKOUT_RISK_EVIDENCE],
  spending_on_stockout: [SPENDING_ON_STOCKOUT_EVIDENCE],
  anomaly: [ANOMALY_EVIDENCE],
  sync_failure: [SYNC_FAILURE_EVIDENCE],
  ai_budget: [AI_BUDGET_EVIDENCE],
  content_publish_failed: [PUBLISH_FAILED_EVIDENCE],
  customer_in_store: [IN_STORE_EVIDENCE],
  engagement_paused: [ENGAGEMENT_PAUSED_EVIDENCE],
};

/** A stored alert with the units and labels of its evidence, old records included. */
export function withDeclaredEvidence(alert: Alert): Alert {
  const current = declarationFor(alert.evidence, ALERT_EVIDENCE[alert.type]);
  return {
    ...alert,
    evidenceUnits: evidenceUnitsOf(alert.evidence, alert.evidenceUnits, current),
    evidenceLabels: evidenceLabelsOf(alert.evidence, alert.evidenceLabels, current),
  };
}
