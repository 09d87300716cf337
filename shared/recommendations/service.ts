import type { Recommendation } from '../domain/entities';
import { declareEvidence } from '../domain/evidence';
import { OUTCOME_EVIDENCE } from '../domain/recommendations/evidence';
import type { Role, TenantContext } from '../domain/tenancy';
import { addDays, type LocalDate, toLocalDate } from '../domain/time';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../kernel/errors';
import type { BudgetAction, BudgetActionResult, BudgetActions } from '../ports/budget-actions';
import type { Clock, Ids } from '../ports/clock';
import type { OperationalStore } from '../ports/operational-store';
import type { Warehouse } from '../ports/warehouse';
import { createPerformanceQueries } from '../reporting/read-model/performance-queries';

/** Who may decide: analysts accept and dismiss; only owners and admins change ad platforms. */
const DECIDE: readonly (Role | 'system')[] = ['owner', 'admin', 'analyst'];
const APPLY: readonly (Role | 'system')[] = ['owner', 'admin'];
export const OUTCOME_DAYS = 7;

export interface RecommendationServiceDeps {
  store: OperationalStore;
  warehouse: Warehouse;
  clock: Clock;
  ids: Ids;
  budgetActions?: BudgetActions;
}

function requireRole(ctx: TenantContext, allowed: readonly (Role | 'system')[], what: string): void {
  if (!allowed.includes(ctx.role)) throw new ForbiddenError(`role ${ctx.role} may not ${what}`);
}

/** The platform change a recommendation stands for; promote has no campaign to change. */
export function budgetActionOf(rec: Recommendation): BudgetAction {
  const { platform, campaignId, proposedDailySpendMinor, currency } = rec.change;
  if (!platform || platform === 'shopify' || !campaignId || proposedDailySpendMinor === undefined)
    throw new ValidationError(
      `a ${rec.type} recommendation has no campaign budget to change; act on it by hand`,
    );
  if (proposedDailySpendMinor === 0) return { kind: 'pause', brandId: rec.brandId, platform, campaignId };
  return {
    kind: 'set_daily_budget',
    brandId: rec.brandId,
    platform,
    campaignId,
    dailyBudgetMinor: proposedDailySpendMinor,
    currency: currency ?? '',
  };
}

/** Accept, dismiss, apply (after acceptance, through the ad platform) and measure what followed. */
export function createRecommendationService(deps: RecommendationServiceDeps) {
  const queries = createPerformanceQueries(deps.warehouse);

  async function load(ctx: TenantContext, brandId: string, id: string): Promise<Recommendation> {
    const rec = await deps.store.recommendations.get(ctx, brandId, id);
    if (!rec) throw new NotFoundError(`recommendation ${id} not found`);
    return rec;
  }

  function auditEvent(
    ctx: TenantContext,
    rec: Recommendation,
    action: string,
    details: Record<string, unknown>,
  ) {
    return {
      id: deps.ids.next(),
      brandId: rec.brandId,
      actor: ctx.uid,
      action,
      target: `recommendations/${rec.id}`,
      details: { type: rec.type, ...details },
      at: deps.clock.now().toISOString(),
    };
  }

  async function decide(
    ctx: TenantContext,
    rec: Recommendation,
    status: Recommendation['status'],
    action: string,
    details: Record<string, unknown>,
    statusReason?: string,
  ): Promise<Recommendation> {
    const now = deps.clock.now().toISOString();
    const next: Recommendation = {
      ...rec,
      status,
      // Applying carries out a decision already made: who accepted it, and when, stays on record
      // (the outcome window starts then); who applied it is in the audit event.
      ...(status === 'applied' && rec.decidedBy
        ? { decidedBy: rec.decidedBy, decidedAt: rec.decidedAt }
        : { decidedBy: ctx.uid, decidedAt: now }),
      updatedAt: now,
      ...(statusReason ? { statusReason } : {}),
    };
    await deps.store.transaction(ctx, async (tx) => {
      await tx.recommendations.upsert(ctx, rec.brandId, next);
      await tx.auditEvents.append(
        ctx,
        auditEvent(ctx, rec, action, { from: rec.status, to: status, ...details }),
      );
    });
    return next;
  }

  return {
    async accept(ctx: TenantContext, brandId: string, id: string): Promise<Recommendation> {
      requireRole(ctx, DECIDE, 'accept recommendations');
      const rec = await load(ctx, brandId, id);
      if (rec.status !== 'open') throw new ConflictError(`recommendation is ${rec.status}, not open`);
      return decide(ctx, rec, 'accepted', 'recommendation.accepted', {});
    },

    async dismiss(ctx: TenantContext, brandId: string, id: string, reason: string): Promise<Recommendation> {
      requireRole(ctx, DECIDE, 'dismiss recommendations');
      const rec = await load(ctx, brandId, id);
      if (rec.status !== 'open' && rec.status !== 'accepted')
        throw new ConflictError(
          `recommendation is ${rec.status}; only open or accepted ones can be dismissed`,
        );
      return decide(ctx, rec, 'dismissed', 'recommendation.dismissed', { reason }, reason);
    },

    /**
     * Executes the change on the ad platform. Only an accepted recommendation (the explicit
     * approval) can be applied, only by an owner or admin; a dry run shows the change and
     * changes nothing, and both are audited.
     */
    async apply(
      ctx: TenantContext,
      brandId: string,
      id: string,
      options: { dryRun?: boolean } = {},
    ): Promise<{ recommendation: Recommendation; result: BudgetActionResult }> {
      requireRole(ctx, APPLY, 'apply recommendations to ad platforms');
      const rec = await load(ctx, brandId, id);
      if (rec.status !== 'accepted')
        throw new ConflictError(`recommendation is ${rec.status}; accept it before applying it`);
      if (!deps.budgetActions) throw new ConflictError('ad platform budget changes are not available here');
      const action = budgetActionOf(rec);
      const dryRun = options.dryRun === true;
      const result = await deps.budgetActions.execute(
        ctx,
        {
          action,
          approvedBy: rec.decidedBy ?? ctx.uid,
          approvedAt: rec.decidedAt ?? deps.clock.now().toISOString(),
          sourceRecommendationId: rec.id,
        },
        { dryRun },
      );
      const details = { action, result, appliedBy: ctx.uid };
      if (dryRun) {
        // A dry run changes nothing on the recommendation; it is only audited.
        await deps.store.auditEvents.append(
          ctx,
          auditEvent(ctx, rec, 'recommendation.apply_dry_run', details),
        );
        return { recommendation: rec, result };
      }
      return { recommendation: await decide(ctx, rec, 'applied', 'recommendation.applied', details), result };
    },

    /**
     * For accepted or applied recommendations whose 7 days after the decision are complete:
     * spend, revenue and ROAS of what it was about, the 7 days before against the 7 after.
     */
    async measureOutcomes(ctx: TenantContext, brandId: string, asOf: LocalDate): Promise<number> {
      const brand = await deps.store.brands.get(ctx, brandId);
      if (!brand) throw new NotFoundError(`brand ${brandId} not found`);
      const decided = [
        ...(await deps.store.recommendations.listByStatus(ctx, brandId, { status: 'accepted' })),
        ...(await deps.store.recommendations.listByStatus(ctx, brandId, { status: 'applied' })),
      ].filter((r) => r.decidedAt && r.outcome?.measured_through === undefined);
      let measured = 0;
      for (const rec of decided) {
        const day = toLocalDate(new Date(rec.decidedAt!), brand.timezone);
        const afterTo = addDays(day, OUTCOME_DAYS);
        if (afterTo > asOf) continue;
        const scope = {
          ...(rec.change.campaignId ? { campaignId: rec.change.campaignId } : {}),
          ...(rec.change.productId && !rec.change.campaignId ? { productId: rec.change.productId } : {}),
        };
        const model = brand.targets.attributionModel;
        const before = await queries.totals(
          ctx,
          { brandId, model, from: addDays(day, -OUTCOME_DAYS), to: addDays(day, -1) },
          scope,
        );
        const after = await queries.totals(
          ctx,
          { brandId, model, from: addDays(day, 1), to: afterTo },
          scope,
        );
        const roas = (t: typeof before) =>
          t.spend_minor > 0 ? Math.round((t.revenue_minor / t.spend_minor) * 10_000) / 10_000 : null;
        const outcome = declareEvidence(OUTCOME_EVIDENCE, {
          decided_on: day,
          measured_through: afterTo,
          days: OUTCOME_DAYS,
          spend_before_minor: before.spend_minor,
          spend_after_minor: after.spend_minor,
          revenue_before_minor: before.revenue_minor,
          revenue_after_minor: after.revenue_minor,
          profit_before_minor: before.profit_minor,
          profit_after_minor: after.profit_minor,
          roas_before: roas(before),
          roas_after: roas(after),
        });
        await deps.store.recommendations.upsert(ctx, brandId, {
          ...rec,
          outcome: outcome.evidence,
          outcomeUnits: outcome.evidenceUnits,
          outcomeLabels: outcome.evidenceLabels,
          updatedAt: deps.clock.now().toISOString(),
        });
        measured++;
      }
      return measured;
    },
  };
}
export type RecommendationService = ReturnType<typeof createRecommendationService>;
