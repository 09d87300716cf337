import { z } from 'zod';

/** One LLM call in the token ledger (the store keeps these and a running monthly total per tenant). */
export const aiUsageSchema = z.object({
  id: z.string(),
  at: z.string(),
  /** The UTC month the cost counts against: `YYYY-MM`. */
  month: z.string().regex(/^\d{4}-\d{2}$/),
  brandId: z.string().optional(),
  uid: z.string(),
  operation: z.string(),
  model: z.string(),
  inputTokens: z.number().int().nonnegative(),
  outputTokens: z.number().int().nonnegative(),
  cacheCreationTokens: z.number().int().nonnegative(),
  cacheReadTokens: z.number().int().nonnegative(),
  costMicros: z.number().int().nonnegative(),
  pricingVersion: z.string(),
  latencyMs: z.number().int().nonnegative(),
  requestId: z.string().optional(),
});
export type AiUsage = z.infer<typeof aiUsageSchema>;

export const aiUsageMonthSchema = z.object({
  month: z.string(),
  costMicros: z.number().int().nonnegative(),
  calls: z.number().int().nonnegative(),
});
export type AiUsageMonth = z.infer<typeof aiUsageMonthSchema>;
