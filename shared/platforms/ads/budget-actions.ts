import { crossRate } from '../../domain/ads/fx';
import type { AdCampaign } from '../../domain/ads/report';
import { parseCampaignKey } from '../../domain/ads/report';
import { convertMinor } from '../../domain/money';
import type { TenantContext } from '../../domain/tenancy';
import { toLocalDate } from '../../domain/time';
import type { Config } from '../../kernel/config';
import { NotFoundError, ValidationError } from '../../kernel/errors';
import {
  type ApprovedBudgetAction,
  type BudgetAction,
  type BudgetActionResult,
  type BudgetActions,
  budgetActionSchema,
} from '../../ports/budget-actions';
import type { Ids } from '../../ports/clock';
import type { FxRates } from '../../ports/fx-rates';
import { createConfiguredFxRates } from '../fx/ecb';
import { type AdSessionDeps, type AdSessionOptions, openAdSession } from './session';

export type BudgetActionsDeps = AdSessionDeps & {
  ids: Ids;
  config: Pick<Config, 'PULSEPOINT_FX_RATES_URL'>;
  /** Defaults to the configured ECB source. */
  fx?: FxRates;
};

const snapshot = (c: AdCampaign): BudgetActionResult['before'] => ({
  status: c.status,
  ...(c.dailyBudgetMinor !== undefined ? { dailyBudgetMinor: c.dailyBudgetMinor } : {}),
});

/**
 * Changes a campaign's daily budget or pauses/resumes it on its platform — only from an approved
 * action (who approved it and when), only on an ad account connected to that brand, and always
 * with an audit event holding what the platform said before and after. A dry run reads the
 * campaign and audits what would happen, but changes nothing.
 */
export function createBudgetActions(deps: BudgetActionsDeps, options: AdSessionOptions = {}): BudgetActions {
  const fx = deps.fx ?? createConfiguredFxRates(deps);
  function approvedAction(approved: ApprovedBudgetAction): BudgetAction {
    if (!approved.approvedBy?.trim()) throw new ValidationError('a budget action needs the approver');
    if (Number.isNaN(Date.parse(approved.approvedAt ?? '')))
      throw new ValidationError('a budget action needs the time it was approved');
    const parsed = budgetActionSchema.safeParse(approved.action);
    if (!parsed.success)
      throw new ValidationError(`invalid budget action: ${parsed.error.issues[0]?.message}`);
    return parsed.data;
  }

  /** The requested budget in the ad account's currency, converted with today's reference rate. */
  async function budgetInAccountCurrency(amountMinor: number, from: string, to: string): Promise<number> {
    if (from === to) return amountMinor;
    const today = toLocalDate(deps.clock.now(), 'UTC');
    const rate = crossRate(await fx.series([from, to], today, today), from, to, today);
    if (rate === undefined) throw new ValidationError(`no ${from}→${to} rate to convert the budget`);
    return convertMinor(amountMinor, from, to, rate);
  }

  return {
    async execute(ctx: TenantContext, approved, { dryRun = false } = {}) {
      const action = approvedAction(approved);
      const key = parseCampaignKey(action.campaignId);
      if (!key || key.platform !== action.platform)
        throw new ValidationError(`campaign id ${action.campaignId} is not a ${action.platform} campaign`);
      const session = await openAdSession(deps, ctx, action.brandId, action.platform, options);
      // Only accounts connected to this brand: a campaign id naming another account is not found.
      if (!session.integration.accountIds.includes(key.accountId))
        throw new NotFoundError(`campaign ${action.campaignId} not found`);
      const audit = (details: Record<string, unknown>) =>
        deps.store.auditEvents.append(ctx, {
          id: deps.ids.next(),
          brandId: action.brandId,
          actor: approved.approvedBy,
          action: `budget.${action.kind}`,
          target: action.campaignId,
          details: {
            dryRun,
            approvedAt: approved.approvedAt,
            executedBy: ctx.uid,
            request: action,
            ...(approved.sourceRecommendationId
              ? { sourceRecommendationId: approved.sourceRecommendationId }
              : {}),
            ...details,
          },
          at: deps.clock.now().toISOString(),
        });
      try {
        const result = await session.run(async (connector) => {
          const account = await connector.account(key.accountId);
          const before = await connector.campaign(account, key.campaignId);
          if (!dryRun) {
            if (action.kind === 'set_daily_budget') {
              const amount = await budgetInAccountCurrency(
                action.dailyBudgetMinor,
                action.currency,
                account.currency,
              );
              await connector.setDailyBudget(account, key.campaignId, amount);
            } else {
              await connector.setStatus(
                account,
                key.campaignId,
                action.kind === 'pause' ? 'paused' : 'active',
              );
            }
          }
          const after = dryRun ? before : await connector.campaign(account, key.campaignId);
          return { dryRun, before: snapshot(before), after: snapshot(after), currency: account.currency };
        });
        await audit({ before: result.before, after: result.after, accountCurrency: result.currency });
        return { dryRun: result.dryRun, before: result.before, after: result.after };
      } catch (err) {
        await audit({ error: err instanceof Error ? err.message : String(err) });
        throw err;
      }
    },
  };
}
