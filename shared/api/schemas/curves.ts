import { z } from 'zod';

/**
 * The budget-curves route's response, in plain zod with no server code: the API documents it and
 * the web app's drilldown checks what it receives against the same definition.
 */
const intervalSchema = z.object({ low: z.number(), mid: z.number(), high: z.number() });

export const curvePointSchema = z.object({ spendMinor: z.number(), revenueMinor: z.number() });

export const campaignCurveSchema = z.object({
  campaignId: z.string(),
  campaignName: z.string(),
  platform: z.string(),
  model: z.string(),
  window: z.object({ from: z.string(), to: z.string() }).nullable(),
  daysUsed: z.number().int(),
  daysCensored: z.number().int(),
  r2: z.number(),
  pooled: z.boolean(),
  halfSaturationMinor: z.number(),
  shape: z.number(),
  adstockDecay: z.number(),
  currentSpendMinor: z.number(),
  currentRevenueMinor: z.number(),
  marginalRoas: z.number(),
  marginalRoasInterval: intervalSchema,
  /**
   * Expected daily revenue along daily spend, from zero to twice the larger of today and the
   * proposal; empty when the request asked for no points (`?points=false`, the Budget plan page).
   */
  points: z.array(curvePointSchema),
});

export const allocationRowSchema = z.object({
  campaignId: z.string(),
  campaignName: z.string(),
  platform: z.string(),
  currentSpendMinor: z.number(),
  proposedSpendMinor: z.number(),
  binding: z.enum(['min', 'max', 'stock', 'held']).nullable(),
  /** Why the campaign keeps today's budget (its revenue did not follow its spend); null when it may move. */
  heldReason: z.string().nullable(),
  currentRevenueMinor: z.number(),
  proposedRevenueMinor: z.number(),
  proposedRevenue: intervalSchema.nullable(),
  proposedProfitMinor: z.number(),
  proposedProfit: intervalSchema.nullable(),
  /** At the proposed spend; null where that is infinite (a concave curve at zero spend: no stock to sell). */
  marginalRoas: z.number().nullable(),
  /**
   * Binding `stock` only: the advertised product whose stock caps the campaign (the tightest of
   * them), its units and days of cover on the judged day; null otherwise.
   */
  stockProduct: z
    .object({
      productId: z.string(),
      title: z.string(),
      daysOfCover: z.number().nullable(),
      stockAvailable: z.number().nullable(),
    })
    .nullable(),
});

const unplacedCampaignSchema = z.object({ id: z.string(), campaignName: z.string(), spendMinor: z.number() });

/**
 * What of a budget above what the campaigns can absorb today is left, why, and where it could go
 * (decision 1002): the campaigns held by their products' stock, those at their daily increase limit
 * (and what each could take tomorrow), those held because their revenue did not follow spend, and
 * the first day (1 = tomorrow) the campaigns' bounds, growing one step a day, hold the whole budget
 * (null: never, while stock holds them — the rest waits for the restock).
 */
export const unplacedBudgetSchema = z.object({
  amountMinor: z.number(),
  heldByStock: z.array(unplacedCampaignSchema),
  atStepLimit: z.array(unplacedCampaignSchema.extend({ nextDayMinor: z.number() })),
  heldByFit: z.array(unplacedCampaignSchema),
  moreTomorrowMinor: z.number(),
  fitsOnDay: z.number().int().nullable(),
});

export const budgetCurvesSchema = z.object({
  asOf: z.string().nullable(),
  /** The days each campaign's "today" daily spend and revenue are averaged over, ending on `asOf`. */
  judgedDays: z.object({ from: z.string(), to: z.string() }).nullable(),
  /** The days until a restock the stock caps assume (the brand's low-cover threshold). */
  restockDays: z.number(),
  currency: z.string(),
  roasTarget: z.number(),
  objective: z.enum(['profit', 'revenue']),
  todayBudgetMinor: z.number(),
  budgetMinor: z.number(),
  allocatedMinor: z.number(),
  note: z.string().nullable(),
  unplaced: unplacedBudgetSchema.nullable(),
  rows: z.array(allocationRowSchema),
  totals: z.object({
    currentRevenueMinor: z.number(),
    proposedRevenueMinor: z.number(),
    currentProfitMinor: z.number(),
    proposedProfitMinor: z.number(),
    proposedRevenue: intervalSchema.nullable(),
    proposedProfit: intervalSchema.nullable(),
  }),
  curves: z.array(campaignCurveSchema),
  /** Campaigns whose days could not be fitted, and why. */
  unfitted: z.array(z.object({ campaignId: z.string(), campaignName: z.string(), reason: z.string() })),
});
export type BudgetCurves = z.infer<typeof budgetCurvesSchema>;
