import { z } from 'zod';
import { aiOverageModeSchema } from '../../domain/billing/account';
import { addOnIdSchema, billingCurrencySchema, planIdSchema } from '../../domain/billing/plans';
import { billingProviderKindSchema, storedSubscriptionSchema } from '../../domain/billing/subscription';

/**
 * The billing routes' responses, in plain zod with no server code: the API documents them and
 * the web app's Billing page checks what it receives against the same definitions.
 */
export const accessSchema = z.object({
  level: z.enum(['full', 'grace', 'read_only']),
  reason: z.string(),
  readOnlyFrom: z.string().optional(),
});

export const billingStatusSchema = z.object({ plan: planIdSchema, access: accessSchema });

const priceSchema = z.record(billingCurrencySchema, z.number().int());

export const billingOverviewSchema = z.object({
  month: z.string(),
  provider: billingProviderKindSchema.nullable(),
  plan: z.object({ id: planIdSchema, name: z.string(), addOns: z.array(addOnIdSchema) }),
  subscription: storedSubscriptionSchema.nullable(),
  access: accessSchema,
  aiOverage: aiOverageModeSchema,
  features: z.array(z.string()),
  usage: z.array(
    z.object({
      limit: z.enum(['brands', 'seats', 'aiBudgetMicros', 'postsPerMonth', 'messagesPerMonth']),
      used: z.number(),
      allowed: z.number(),
    }),
  ),
  ai: z.object({
    usedMicros: z.number(),
    includedMicros: z.number(),
    overageMicros: z.number(),
    overagePriceMicros: z.number(),
  }),
  invoices: z.array(
    z.object({
      id: z.string(),
      number: z.string().optional(),
      status: z.enum(['draft', 'open', 'paid', 'uncollectible', 'void']),
      currency: z.string(),
      totalMinor: z.number().int(),
      amountPaidMinor: z.number().int(),
      createdAt: z.string(),
      periodStart: z.string().optional(),
      periodEnd: z.string().optional(),
      hostedUrl: z.string().optional(),
    }),
  ),
  invoicesError: z.string().optional(),
  plans: z.array(
    z.object({
      id: planIdSchema,
      name: z.string(),
      monthlyPrice: priceSchema,
      limits: z.object({
        brands: z.number(),
        seats: z.number(),
        aiBudgetMicros: z.number(),
        postsPerMonth: z.number(),
        messagesPerMonth: z.number(),
        historyDays: z.number(),
      }),
      features: z.array(z.string()),
      aiOverage: z.boolean(),
      selfServe: z.boolean(),
    }),
  ),
  addOns: z.array(
    z
      .object({
        id: addOnIdSchema,
        name: z.string(),
        monthlyPrice: priceSchema,
        availableOn: z.array(planIdSchema),
      })
      .passthrough(),
  ),
});
export type BillingOverview = z.infer<typeof billingOverviewSchema>;

export const billingRedirectSchema = z.object({ url: z.string().url() });
