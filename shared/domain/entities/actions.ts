import { z } from 'zod';
import { evidenceLabelsSchema, evidenceSchema, evidenceUnitsSchema } from '../evidence';
import { toolLabelsSchema, toolUnitsSchema } from '../tool-units';
import { platformSchema } from './integration';

export const RECOMMENDATION_TYPES = ['reduce_spend', 'increase_spend', 'promote', 'pause', 'engage'] as const;
export const RECOMMENDATION_STATUSES = ['open', 'accepted', 'dismissed', 'applied', 'expired'] as const;

export const recommendationSchema = z.object({
  id: z.string(),
  brandId: z.string(),
  /** Stable key of what it is about, so a re-run updates instead of duplicating. */
  dedupeKey: z.string(),
  type: z.enum(RECOMMENDATION_TYPES),
  priority: z.enum(['critical', 'high', 'medium', 'low']),
  score: z.number(),
  title: z.string(),
  action: z.string(),
  reason: z.string(),
  change: z.object({
    platform: platformSchema.optional(),
    campaignId: z.string().optional(),
    /** The campaign's name when the recommendation was made (shared/reporting/names.ts). */
    campaignName: z.string().optional(),
    productId: z.string().optional(),
    region: z.string().optional(),
    currentDailySpendMinor: z.number().int().optional(),
    proposedDailySpendMinor: z.number().int().optional(),
    currency: z.string().optional(),
  }),
  evidence: evidenceSchema,
  /**
   * What each evidence value measures, declared by the rule that wrote it (shared/domain/evidence.ts);
   * absent on records made before declarations, which the API gives the rule's current one.
   */
  evidenceUnits: evidenceUnitsSchema.optional(),
  /** What a merchant reads beside each value, written with the declaration; absent on older records. */
  evidenceLabels: evidenceLabelsSchema.optional(),
  expectedImpact: z.object({
    description: z.string(),
    amountMinor: z.number().int().optional(),
    currency: z.string().optional(),
    model: z.string(),
  }),
  status: z.enum(RECOMMENDATION_STATUSES),
  statusReason: z.string().optional(),
  decidedBy: z.string().optional(),
  decidedAt: z.string().optional(),
  outcome: evidenceSchema.optional(),
  /** What each outcome value measures and its label (shared/domain/recommendations/evidence.ts). */
  outcomeUnits: evidenceUnitsSchema.optional(),
  outcomeLabels: evidenceLabelsSchema.optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Recommendation = z.infer<typeof recommendationSchema>;

export const ALERT_TYPES = [
  'roas_drop',
  'stockout_risk',
  'spending_on_stockout',
  'anomaly',
  'sync_failure',
  'ai_budget',
  'content_publish_failed',
  'customer_in_store',
  'engagement_paused',
] as const;

/**
 * Alerts raised when something happens rather than by a condition the recommend job re-evaluates
 * on each pass: that job must not resolve them because its conditions do not mention them; the
 * merchant acknowledges or resolves them.
 */
export const EVENT_ALERT_TYPES: readonly (typeof ALERT_TYPES)[number][] = [
  'content_publish_failed',
  'customer_in_store',
  'engagement_paused',
];

export const alertSchema = z.object({
  id: z.string(),
  brandId: z.string(),
  dedupeKey: z.string(),
  type: z.enum(ALERT_TYPES),
  severity: z.enum(['critical', 'warning', 'info']),
  title: z.string(),
  explanation: z.string(),
  recommendedAction: z.string(),
  evidence: evidenceSchema,
  /** What each evidence value measures, as for recommendations. */
  evidenceUnits: evidenceUnitsSchema.optional(),
  evidenceLabels: evidenceLabelsSchema.optional(),
  status: z.enum(['open', 'acknowledged', 'resolved']),
  /**
   * The merchant's snooze: hidden from open lists until this instant (ISO, UTC), whatever its
   * status; `snoozedSeverity` is its severity then, so a worse one wakes it early.
   */
  snoozedUntil: z.string().optional(),
  snoozedSeverity: z.enum(['critical', 'warning', 'info']).optional(),
  /** Who last acknowledged, resolved or snoozed it, and when (the audit log has every step). */
  decidedBy: z.string().optional(),
  decidedAt: z.string().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Alert = z.infer<typeof alertSchema>;
/** What the merchant did with an alert: kept when the recommend job refreshes it. */
export const ALERT_DECISION_FIELDS = ['snoozedUntil', 'snoozedSeverity', 'decidedBy', 'decidedAt'] as const;

export const questionSchema = z.object({
  id: z.string(),
  brandId: z.string(),
  uid: z.string(),
  question: z.string(),
  answer: z.string(),
  toolCalls: z.array(
    z.object({
      name: z.string(),
      input: z.unknown(),
      output: z.unknown(),
      /** The tool's declared units at the time of the call; absent on records made before them. */
      units: toolUnitsSchema.optional(),
      /** Labels of values whose meaning the record gives (evidence keys), by leaf path; absent before them. */
      labels: toolLabelsSchema.optional(),
    }),
  ),
  grounded: z.boolean(),
  ungroundedNumbers: z.array(z.string()).default([]),
  model: z.string(),
  inputTokens: z.number().int(),
  outputTokens: z.number().int(),
  costMicros: z.number().int(),
  feedback: z.object({ rating: z.number().int().min(1).max(5), comment: z.string().optional() }).optional(),
  createdAt: z.string(),
});
export type Question = z.infer<typeof questionSchema>;
