import { z } from 'zod';
import { PLAN_IDS } from '../billing/plans';
import { brandIdSchema, roleSchema, tenantIdSchema } from '../tenancy';

/** The plan ids (shared/domain/billing/plans.ts holds the plans themselves). */
export const PLANS = PLAN_IDS;
/** The plan of a tenant record that names none (decision 862). */
export const DEFAULT_TENANT_PLAN = 'growth' satisfies (typeof PLAN_IDS)[number];

export const tenantSchema = z.object({
  id: tenantIdSchema,
  name: z.string().min(1).max(200),
  plan: z.enum(PLANS).default(DEFAULT_TENANT_PLAN),
  /** Monthly AI budget in USD micros (1e-6 USD): token costs are fractions of a cent. */
  aiMonthlyBudgetMicros: z.number().int().nonnegative().default(20_000_000),
  notificationWebhookUrl: z.string().url().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Tenant = z.infer<typeof tenantSchema>;

export const userSchema = z.object({
  uid: z.string().min(1).max(128),
  email: z.string().email().optional(),
  role: roleSchema,
  /** Agency client users: only these brands. Absent = every brand. */
  brandIds: z.array(brandIdSchema).optional(),
  createdAt: z.string(),
});
export type User = z.infer<typeof userSchema>;
