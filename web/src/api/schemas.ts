import { z } from 'zod';
import type { importPreviewSchema } from '../../../shared/api/schemas/imports';
import { kpisSchema } from '../../../shared/api/schemas/reports';
import {
  alertSchema,
  brandSchema,
  integrationSchema,
  questionSchema,
  recommendationSchema,
  syncRunSchema,
} from '../../../shared/domain/entities';

/**
 * The response shapes the app reads. Entities come from the shared domain schemas and the report
 * shapes from the API's own (`shared/api/schemas`), one definition with the server; the rest
 * mirror their routes' schemas, and the browser tests catch any drift.
 */
export const brandResponse = brandSchema;
/** Integrations as the API shows them: never the secret reference, only whether a token is held. */
export const integrationView = integrationSchema
  .omit({ secretRef: true, cursor: true })
  .extend({ hasCredentials: z.boolean(), updatedAt: z.string() });
export type IntegrationView = z.infer<typeof integrationView>;
export const integrationList = z.object({ integrations: z.array(integrationView) });
export const syncRunList = z.object({ runs: z.array(syncRunSchema) });
export const recommendationList = z.object({ recommendations: z.array(recommendationSchema) });
export const recommendationResponse = recommendationSchema;
export const alertList = z.object({ alerts: z.array(alertSchema) });
export const questionList = z.object({ questions: z.array(questionSchema) });
export const questionResponse = questionSchema;

const num = z.number();
const nullableNumber = z.number().nullable();

/** GET /api/me: who the caller is and what they may do (the UI hides what would be refused). */
export const meResponse = z.object({
  uid: z.string(),
  tenantId: z.string(),
  tenantName: z.string().optional(),
  role: z.string(),
  brandIds: z.array(z.string()).optional(),
  permissions: z.array(z.string()),
});

export {
  type BudgetCurves,
  budgetCurvesSchema as budgetCurvesResponse,
} from '../../../shared/api/schemas/curves';
export {
  type BreakdownRow,
  type ComparisonPoint,
  type Dashboard,
  type Drilldown,
  dashboardSchema as dashboardResponse,
  drilldownSchema as drilldownResponse,
  type InventoryRow,
  type Kpis,
  kpisSchema,
  type TrendPoint,
} from '../../../shared/api/schemas/reports';
export { DRILLDOWN_DIMENSIONS, type DrilldownDimension } from '../../../shared/domain/reporting/drilldown';

/** GET /api/agency/overview */
export const agencyOverview = z.object({
  brands: z.array(
    z.object({
      brandId: z.string(),
      name: z.string(),
      currency: z.string(),
      healthScore: num,
      kpis: kpisSchema,
      revenueChange: nullableNumber,
      openAlerts: z.object({ critical: num, warning: num, info: num }),
      openRecommendations: num,
      dataDays: z.object({ from: z.string(), to: z.string() }).nullable().optional(),
      topIssue: z
        .object({
          kind: z.enum(['integration', 'alert', 'recommendation', 'roas']),
          id: z.string().optional(),
          title: z.string(),
          severity: z.string(),
          link: z.string().optional(),
        })
        .nullable(),
    }),
  ),
});
export type AgencyBrand = z.infer<typeof agencyOverview>['brands'][number];

/** GET /api/admin/usage: this month's budget and usage rows by day × operation × model. */
export const usageResponse = z.object({
  budget: z.object({ month: z.string(), usedMicros: num, budgetMicros: num, calls: num }),
  rows: z.array(
    z.object({
      date: z.string(),
      operation: z.string(),
      model: z.string(),
      calls: num,
      input_tokens: num,
      output_tokens: num,
      cache_creation_tokens: num,
      cache_read_tokens: num,
      cost_micros: num,
    }),
  ),
});
export type Usage = z.infer<typeof usageResponse>;

/** POST .../recommendations/{id}/apply: what changed (or, with dry_run, would change) on the platform. */
const budgetState = z.object({ status: z.string().optional(), dailyBudgetMinor: num.optional() });
export const applyResponse = z.object({
  recommendation: recommendationSchema,
  result: z.object({ dryRun: z.boolean(), before: budgetState, after: budgetState }),
});
export type ApplyResult = z.infer<typeof applyResponse>['result'];

/** POST /api/brands/{brandId}/integrations/{platform}: Shopify answers with its OAuth install URL. */
export const connectResponse = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('connected'), integration: integrationView, syncTaskId: z.string() }),
  z.object({ kind: z.literal('install'), installUrl: z.string() }),
]);

/** An import's preview and result: the API's own shapes (shared/api/schemas/imports.ts). */
export {
  importPreviewSchema as importPreview,
  importResultSchema as importResult,
} from '../../../shared/api/schemas/imports';
export type ImportPreviewView = z.infer<typeof importPreviewSchema>;

/** How many of the brand's products have a unit cost (`GET /product-costs`). */
export const productCosts = z.object({ products: z.number(), withUnitCost: z.number() });
