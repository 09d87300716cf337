import { z } from 'zod';
import { COHORT_DIMENSIONS } from '../domain/customers/cohorts';
import { funnelBreakdownSchema, funnelStepResultSchema } from '../domain/customers/funnels';
import { SEGMENTS } from '../domain/customers/segments/rfm';

/**
 * Response shapes of the customer-analytics routes, server-free (zod and the domain only), so the
 * read model, the API (through shared/api/schemas/customers.ts), the web app and the AI tools share
 * one definition.
 */
const num = z.number();
const nullableNum = z.number().nullable();

/** One acquiring campaign's LTV-based ROAS over a period (shared/customers/acquisition.ts). */
export const campaignLtvSchema = z.object({
  campaignId: z.string(),
  /** The campaign's name, or a readable stand-in ("Meta campaign 1202…") when none is known. */
  campaignName: z.string().optional(),
  platform: z.string().nullable(),
  channel: z.string().nullable(),
  spendMinor: num,
  /** Customers whose first order the campaign drove, summed by attribution credit. */
  acquiredCustomers: num,
  firstOrderRevenueMinor: num,
  predictedValue365Minor: num,
  cacMinor: nullableNum,
  firstOrderRoas: nullableNum,
  ltvRoas: nullableNum,
  ltvToCac: nullableNum,
  ltvPerCustomerMinor: nullableNum,
});
export type CampaignLtv = z.infer<typeof campaignLtvSchema>;

export const customerModelSchema = z.object({
  modelId: z.string(),
  fittedAt: z.string(),
  trainingFrom: z.string(),
  trainingTo: z.string(),
  customers: num,
  repeatCustomers: num,
  discountRate: num,
  bgNbd: z.object({
    source: z.enum(['fitted', 'prior']),
    r: num,
    alpha: num,
    a: num,
    b: num,
    logLikelihood: nullableNum,
  }),
  gammaGamma: z.object({
    source: z.enum(['fitted', 'prior']),
    p: num,
    q: num,
    gamma: num,
    logLikelihood: nullableNum,
  }),
  notes: z.string().nullable(),
  holdout: z
    .object({
      from: z.string(),
      to: z.string(),
      customers: num,
      predictedRepeatPurchases: num,
      actualRepeatPurchases: num,
      mae: num,
      aucPAlive: nullableNum,
      aucExpectedPurchases: nullableNum,
    })
    .nullable(),
});
export type CustomerModel = z.infer<typeof customerModelSchema>;

export const segmentSummarySchema = z.object({
  segment: z.enum(SEGMENTS),
  label: z.string(),
  customers: num,
  previousCustomers: num,
  movedIn: num,
  movedOut: num,
  revenueMinor: num,
  value365Minor: num,
});

/** GET /api/brands/{brandId}/customers/segments */
export const segmentsResponseSchema = z.object({
  currency: z.string(),
  asOf: z.string().nullable(),
  model: customerModelSchema.nullable(),
  segments: z.array(segmentSummarySchema),
  moves: z.array(z.object({ from: z.string(), to: z.string(), customers: num })),
  repeat: z.object({
    customers: num,
    repeatCustomers: num,
    repeatRate: num,
    medianDaysBetweenOrders: nullableNum,
  }),
  /** Customers per band of predicted 365-day value, for the LTV distribution. */
  valueDistribution: z.array(z.object({ fromMinor: num, toMinor: nullableNum, customers: num })),
});
export type SegmentsResponse = z.infer<typeof segmentsResponseSchema>;

/** GET /api/brands/{brandId}/customers/cohorts */
export const cohortsResponseSchema = z.object({
  currency: z.string(),
  asOf: z.string().nullable(),
  dimension: z.enum(COHORT_DIMENSIONS),
  cohorts: z.array(
    z.object({
      /** `YYYY-MM`, an acquisition channel, or a campaign id; 'unattributed' when none was credited. */
      cohort: z.string(),
      /** A campaign cohort's name (else a readable stand-in, never the id); null for other dimensions. */
      name: z.string().nullable(),
      customers: num,
      months: z.array(
        z.object({
          offset: num,
          observedCustomers: num,
          activeCustomers: num,
          retention: num,
          cumulativeRevenuePerCustomerMinor: num,
        }),
      ),
    }),
  ),
});
export type CohortsResponse = z.infer<typeof cohortsResponseSchema>;

export const customerValueSchema = z.object({
  customerId: z.string(),
  segment: z.enum(SEGMENTS),
  rfm: z.object({ r: num, f: num, m: num }),
  orders: num,
  revenueMinor: num,
  firstOrderDate: z.string(),
  lastOrderDate: z.string(),
  pAlive: num,
  purchases90: num,
  purchases365: num,
  value90Minor: num,
  value365Minor: num,
  value365LowMinor: num,
  value365HighMinor: num,
  acquisition: z.object({
    channel: z.string().nullable(),
    platform: z.string().nullable(),
    campaignId: z.string().nullable(),
  }),
  modelId: z.string(),
});
export type CustomerValue = z.infer<typeof customerValueSchema>;

/** GET /api/brands/{brandId}/customers/ltv-roas */
export const ltvRoasResponseSchema = z.object({
  currency: z.string(),
  period: z.object({ from: z.string(), to: z.string() }),
  roasTarget: num,
  campaigns: z.array(campaignLtvSchema),
});

/** GET /api/brands/{brandId}/customer-analytics/funnel (docs/decisions/855–857). */
export const funnelResponseSchema = z.object({
  period: z.object({ from: z.string(), to: z.string() }),
  windowDays: num,
  /** The steps as the query string spells them, for a link back to the same funnel. */
  stepsText: z.string(),
  steps: z.array(funnelStepResultSchema),
  /** What `breakdown` splits by: the channel of the visit each visitor entered from, or its device class. */
  by: funnelBreakdownSchema,
  /**
   * The same funnel per channel (`direct`, `meta`, …) or device class (`mobile`, `tablet`,
   * `desktop`, `unknown`), most visitors first; the rows add up to `steps`.
   */
  breakdown: z.array(z.object({ key: z.string(), steps: z.array(funnelStepResultSchema) })),
});
export type FunnelResponse = z.infer<typeof funnelResponseSchema>;

/**
 * The customer-analytics columns of a Customer 360 (docs/decisions/858): the latest nightly
 * prediction of the store customer behind the profile, or why there is none. Never zeros in
 * place of a prediction that was not made.
 */
export const customer360PredictionSchema = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('computed'),
    /** The store customer the prediction is for: its Shopify customer id, or `email:<address>` (decision 1011). */
    customerId: z.string(),
    /** How many store customers the profile holds that have a prediction (a merged person). */
    storeCustomers: num,
    segment: z.enum(SEGMENTS),
    segmentLabel: z.string(),
    /** Order days the run counted; with one, BG/NBD's P(alive) is 1 by construction (852). */
    orders: num,
    pAlive: num,
    purchases90: num,
    value90Minor: num,
    value365Minor: num,
    value365LowMinor: num,
    value365HighMinor: num,
    currency: z.string(),
    modelId: z.string(),
    /** The last day of the run's history (the model's training_to). */
    asOf: z.string().nullable(),
  }),
  z.object({
    status: z.literal('not_computed'),
    reason: z.enum(['no_model', 'no_prediction']),
    /** The latest run's as-of day, when there was one. */
    asOf: z.string().nullable(),
  }),
]);
export type Customer360Prediction = z.infer<typeof customer360PredictionSchema>;
