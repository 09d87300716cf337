import { z } from 'zod';
import { billingProviderKindSchema, storedSubscriptionSchema } from './subscription';

/**
 * A tenant's billing account (`tenants/{t}/billing/account`): who bills it, the provider's ids,
 * the subscription as last applied, and what happens past the included AI budget.
 */
export const aiOverageModeSchema = z.enum(['metered', 'hard_cap']);
export type AiOverageMode = z.infer<typeof aiOverageModeSchema>;

export const billingAccountSchema = z.object({
  provider: billingProviderKindSchema,
  customerId: z.string().optional(),
  shopBrandId: z.string().optional(),
  subscription: storedSubscriptionSchema.optional(),
  aiOverage: aiOverageModeSchema.default('metered'),
  updatedAt: z.string(),
});
export type BillingAccount = z.infer<typeof billingAccountSchema>;

/** One ledger entry's overage, waiting to be (or already) reported to the provider. */
export const meterOutboxEntrySchema = z.object({
  entryId: z.string(),
  /** Sent as the provider's idempotency key (Stripe meter event `identifier`). */
  identifier: z.string(),
  month: z.string().regex(/^\d{4}-\d{2}$/),
  at: z.string(),
  overageMicros: z.number().int().positive(),
  status: z.enum(['pending', 'sent']),
  sentAt: z.string().optional(),
});
export type MeterOutboxEntry = z.infer<typeof meterOutboxEntrySchema>;
