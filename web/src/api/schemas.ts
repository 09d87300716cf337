import { z } from 'zod';
import {
  alertSchema,
  brandSchema,
  integrationSchema,
  questionSchema,
  recommendationSchema,
  syncRunSchema,
} from '../../../shared/domain/entities';

/**
 * The response shapes the app reads. Entities come from the shared domain schemas (one
 * definition with the server); report shapes are the API's route schemas as the app needs them.
 */
export const brandResponse = brandSchema;
export const integrationList = z.object({ integrations: z.array(integrationSchema) });
export const syncRunList = z.object({ syncRuns: z.array(syncRunSchema) });
export const recommendationList = z.object({ recommendations: z.array(recommendationSchema) });
export const recommendationResponse = recommendationSchema;
export const alertList = z.object({ alerts: z.array(alertSchema) });
export const questionList = z.object({ questions: z.array(questionSchema) });
export const questionResponse = questionSchema;

const nullableNumber = z.number().nullable();

export const kpisSchema = z.object({
  spendMinor: z.number(),
  revenueMinor: z.number(),
  profitMinor: z.number(),
  orders: z.number(),
  roas: nullableNumber,
});
export type Kpis = z.infer<typeof kpisSchema>;

const regionRow = z.object({
  region: z.string(),
  spendMinor: z.number(),
  revenueMinor: z.number(),
  roas: nullableNumber,
});

export const ALIGNMENTS = [
  'spending_on_stockout',
  'overspending_low_stock',
  'underspending_overstock',
  'aligned',
] as const;

export const inventoryRow = z.object({
  productId: z.string(),
  title: z.string(),
  spendMinor: z.number(),
  revenueMinor: z.number(),
  daysOfCover: nullableNumber,
  available: z.number().optional(),
  alignment: z.enum(ALIGNMENTS),
});
export type InventoryRow = z.infer<typeof inventoryRow>;

export const dashboardResponse = z.object({
  from: z.string(),
  to: z.string(),
  currency: z.string(),
  kpis: kpisSchema,
  previous: kpisSchema,
  summary: z.object({ text: z.string(), generatedAt: z.string() }).nullable().optional(),
  channels: z.array(
    z.object({
      channel: z.string(),
      spendMinor: z.number(),
      revenueMinor: z.number(),
      roas: nullableNumber,
      regions: z.array(regionRow),
    }),
  ),
  inventory: z.array(inventoryRow),
  trend: z.array(
    z.object({ date: z.string(), spendMinor: z.number(), revenueMinor: z.number(), roas: nullableNumber }),
  ),
});
export type Dashboard = z.infer<typeof dashboardResponse>;

export const drilldownResponse = z.object({
  kind: z.enum(['channel', 'campaign', 'product', 'region']),
  id: z.string(),
  name: z.string(),
  kpis: kpisSchema,
  trend: z.array(z.object({ date: z.string(), spendMinor: z.number(), revenueMinor: z.number() })),
  breakdown: z.array(
    z.object({
      kind: z.enum(['channel', 'campaign', 'product', 'region']),
      id: z.string(),
      name: z.string(),
      spendMinor: z.number(),
      revenueMinor: z.number(),
      roas: nullableNumber,
    }),
  ),
});
export type Drilldown = z.infer<typeof drilldownResponse>;

export const agencyOverview = z.object({
  brands: z.array(
    z.object({
      brandId: z.string(),
      name: z.string(),
      currency: z.string(),
      healthScore: z.number(),
      urgency: z.number(),
      openAlerts: z.number(),
      openRecommendations: z.number(),
      topIssue: z.string().nullable(),
    }),
  ),
});

const usageRow = z.object({
  key: z.string(),
  inputTokens: z.number(),
  outputTokens: z.number(),
  costMicros: z.number(),
});
export const usageResponse = z.object({
  from: z.string(),
  to: z.string(),
  budgetMicros: z.number(),
  totalCostMicros: z.number(),
  byDay: z.array(usageRow),
  byOperation: z.array(usageRow),
  byModel: z.array(usageRow),
});
export type Usage = z.infer<typeof usageResponse>;

/**
 * Connecting a platform: OAuth platforms (Shopify) answer with the URL to send the browser to;
 * token-based ones answer with the stored integration.
 */
export const connectResponse = z.object({
  integration: integrationSchema.optional(),
  authorizeUrl: z.string().url().optional(),
});
