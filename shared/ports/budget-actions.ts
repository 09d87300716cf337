import { z } from 'zod';
import { AD_PLATFORMS } from '../domain/entities';
import type { TenantContext } from '../domain/tenancy';

/**
 * A change to a campaign on an ad platform. It is only ever executed from an explicit approved
 * action object (a recommendation a person applied), with an audit event, and can be dry-run.
 */
export const budgetActionSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('set_daily_budget'),
    brandId: z.string(),
    platform: z.enum(AD_PLATFORMS),
    campaignId: z.string(),
    dailyBudgetMinor: z.number().int().positive(),
    currency: z.string(),
  }),
  z.object({
    kind: z.enum(['pause', 'resume']),
    brandId: z.string(),
    platform: z.enum(AD_PLATFORMS),
    campaignId: z.string(),
  }),
]);
export type BudgetAction = z.infer<typeof budgetActionSchema>;

export interface ApprovedBudgetAction {
  action: BudgetAction;
  /** Who approved it, and the recommendation it came from. */
  approvedBy: string;
  approvedAt: string;
  sourceRecommendationId?: string;
}

export interface BudgetActionResult {
  dryRun: boolean;
  /** What the platform had before and has after (after = before on a dry run). */
  before: { status?: string; dailyBudgetMinor?: number };
  after: { status?: string; dailyBudgetMinor?: number };
}

export interface BudgetActions {
  execute(
    ctx: TenantContext,
    approved: ApprovedBudgetAction,
    options?: { dryRun?: boolean },
  ): Promise<BudgetActionResult>;
}
