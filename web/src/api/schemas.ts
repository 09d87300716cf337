import { z } from 'zod';
import {
  alertSchema,
  brandSchema,
  integrationSchema,
  questionSchema,
  recommendationSchema,
  syncRunSchema,
} from '../../../shared/domain/entities';
import { ALIGNMENTS } from '../../../shared/domain/inventory/alignment';

/**
 * The response shapes the app reads. Entities come from the shared domain schemas (one
 * definition with the server); report shapes are the API's route schemas as the app needs them.
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
const period = z.object({ from: z.string(), to: z.string() });

/** GET /api/me: who the caller is and what they may do (the UI hides what would be refused). */
export const meResponse = z.object({
  uid: z.string(),
  tenantId: z.string(),
  tenantName: z.string().optional(),
  role: z.string(),
  brandIds: z.array(z.string()).optional(),
  permissions: z.array(z.string()),
});

export const kpisSchema = z.object({
  spendMinor: num,
  revenueMinor: num,
  blendedRoas: nullableNumber,
  profitMinor: nullableNumber,
  orders: num,
});
export type Kpis = z.infer<typeof kpisSchema>;

const breakdownRow = z.object({
  key: z.string(),
  spendMinor: num,
  revenueMinor: num,
  profitMinor: num,
  orders: num,
  roas: nullableNumber,
});
export type BreakdownRow = z.infer<typeof breakdownRow>;

const trendPoint = z.object({ date: z.string(), spendMinor: num, revenueMinor: num, roas: nullableNumber });
export type TrendPoint = z.infer<typeof trendPoint>;

export const inventoryRow = z.object({
  productId: z.string(),
  title: z.string().optional(),
  sku: z.string().optional(),
  spendMinor: num,
  spendShare: num,
  revenueMinor: num,
  units: num,
  stockAvailable: nullableNumber,
  daysOfCover: nullableNumber,
  alignment: z.enum(ALIGNMENTS),
});
export type InventoryRow = z.infer<typeof inventoryRow>;

/** GET /api/brands/{brandId}/dashboard */
export const dashboardResponse = z.object({
  currency: z.string(),
  period,
  previousPeriod: period,
  model: z.string(),
  kpis: kpisSchema,
  previous: kpisSchema,
  change: z.object({
    spendMinor: nullableNumber,
    revenueMinor: nullableNumber,
    blendedRoas: nullableNumber,
    profitMinor: nullableNumber,
    orders: nullableNumber,
  }),
  byChannel: z.array(breakdownRow),
  byRegion: z.array(breakdownRow),
  trend: z.array(trendPoint),
  inventory: z.array(inventoryRow),
});
export type Dashboard = z.infer<typeof dashboardResponse>;

export const DRILLDOWN_DIMENSIONS = ['channel', 'campaign', 'product', 'region'] as const;
export type DrilldownDimension = (typeof DRILLDOWN_DIMENSIONS)[number];

/** GET /api/brands/{brandId}/drilldown/{dimension}/{id} */
export const drilldownResponse = z.object({
  dimension: z.enum(DRILLDOWN_DIMENSIONS),
  id: z.string(),
  currency: z.string(),
  period,
  totals: breakdownRow.omit({ key: true }).extend({ units: num }),
  trend: z.array(trendPoint),
  breakdown: z.object({ dimension: z.enum(DRILLDOWN_DIMENSIONS), rows: z.array(breakdownRow) }),
});
export type Drilldown = z.infer<typeof drilldownResponse>;

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
      topIssue: z
        .object({
          kind: z.enum(['alert', 'recommendation', 'roas']),
          id: z.string().optional(),
          title: z.string(),
          severity: z.string(),
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
