import { loadBrandWindow } from '../attribution/brand-window';
import {
  allocateBudget,
  bootstrapCurves,
  curveIntervals,
  fitHillCurve,
  marginalRoasAt,
  type Objective,
  revenueAt,
} from '../domain/curves';
import type { Brand } from '../domain/entities';
import { allocationInputs, type FittedCampaign } from '../domain/recommendations/budget-plan';
import { reportingDay, stockDay } from '../domain/reporting/judged-window';
import type { TenantContext } from '../domain/tenancy';
import { addDays, toLocalDate } from '../domain/time';
import type { Clock } from '../ports/clock';
import type { OperationalStore } from '../ports/operational-store';
import type { Warehouse } from '../ports/warehouse';
import { createPerformanceQueries } from '../reporting/read-model/performance-queries';

/**
 * The budget optimiser as a read: every campaign's fitted curve, and the allocation of a daily
 * budget (today's, or one the merchant types) with expected revenue and profit and their bootstrap
 * intervals — the same curves and bounds the increase_spend / reduce_spend recommendations use.
 */
export interface BudgetCurvesOptions {
  budgetMinor?: number;
  objective?: Objective;
  targetRoas?: number;
  /**
   * Whether each curve carries its points to draw (the campaign's curve card draws them; the Budget
   * plan page does not, and asks for none: 41 points a campaign it would only throw away).
   */
  points?: boolean;
}

const CURVE_POINTS = 40;
const BOOTSTRAP_SAMPLES = 30;

export function createBudgetCurves(deps: { store: OperationalStore; warehouse: Warehouse; clock: Clock }) {
  const queries = createPerformanceQueries(deps.warehouse);

  return async function budgetCurves(ctx: TenantContext, brand: Brand, options: BudgetCurvesOptions = {}) {
    const objective = options.objective ?? 'profit';
    // The days a recommend pass judges now (complete days, or an imported store's last days) and
    // the stock beside them, so this curve and the recommendation say the same "today" (977).
    const localToday = toLocalDate(deps.clock.now(), brand.timezone);
    const asOf = reportingDay(
      await queries.latestDate(ctx, brand.id, brand.targets.attributionModel),
      localToday,
    );
    const window = asOf
      ? await loadBrandWindow(
          { store: deps.store, queries },
          ctx,
          brand,
          asOf,
          stockDay({ judged: asOf, passTo: localToday, today: localToday }),
        )
      : null;
    const input = window?.recommendations;
    const { campaigns, fitted } = input ? allocationInputs(input) : { campaigns: [], fitted: new Map() };
    for (const c of campaigns) {
      const f = fitted.get(c.id)!;
      c.samples = bootstrapCurves(f.campaign.daily, f.curve, { samples: BOOTSTRAP_SAMPLES });
    }
    const today = campaigns.reduce((s, c) => s + c.currentSpendMinor, 0);
    // Today's budget in whole minor units, as it is reported, so what is unplaced is budget − placed exactly.
    const allocation = allocateBudget(campaigns, options.budgetMinor ?? Math.round(today), {
      objective,
      ...(options.targetRoas !== undefined ? { targetRoas: options.targetRoas } : {}),
    });
    const nameOf = (id: string) => fitted.get(id)!.campaign;
    return {
      asOf: asOf ?? null,
      // "Today" is each campaign's daily average over these days, the recommendations' own (977).
      judgedDays: asOf && input ? { from: addDays(asOf, -(input.windowDays - 1)), to: asOf } : null,
      // How long the stock caps assume a product's stock must last: until a restock this many days ahead.
      restockDays: input?.thresholds.lowCoverDays ?? brand.targets.lowCoverDays,
      currency: brand.currency,
      roasTarget: brand.targets.roasTarget,
      objective,
      todayBudgetMinor: Math.round(today),
      budgetMinor: options.budgetMinor ?? Math.round(today),
      allocatedMinor: allocation.allocatedMinor,
      note: allocation.note,
      // What is left of a budget the campaigns cannot absorb, by campaign name (decision 1002).
      unplaced: allocation.unplaced && {
        ...allocation.unplaced,
        heldByStock: allocation.unplaced.heldByStock.map((c) => ({
          ...c,
          campaignName: nameOf(c.id).campaignName,
        })),
        atStepLimit: allocation.unplaced.atStepLimit.map((c) => ({
          ...c,
          campaignName: nameOf(c.id).campaignName,
        })),
        heldByFit: allocation.unplaced.heldByFit.map((c) => ({
          ...c,
          campaignName: nameOf(c.id).campaignName,
        })),
      },
      rows: allocation.rows.map((r) => ({
        ...r,
        marginalRoas: Number.isFinite(r.marginalRoas) ? r.marginalRoas : null,
        currentSpendMinor: Math.round(r.currentSpendMinor),
        campaignId: r.id,
        campaignName: nameOf(r.id).campaignName,
        platform: nameOf(r.id).platform,
        stockProduct: r.binding === 'stock' ? stockProductOf(fitted.get(r.id)!) : null,
      })),
      totals: allocation.totals,
      curves: allocation.rows.map((r) => {
        const f = fitted.get(r.id)!;
        const c = campaigns.find((x) => x.id === r.id)!;
        const p = f.curve.params;
        const top = 2 * Math.max(f.currentDailyMinor, r.proposedSpendMinor);
        return {
          campaignId: r.id,
          campaignName: f.campaign.campaignName,
          platform: f.campaign.platform,
          model: f.curve.model,
          window: f.curve.window,
          daysUsed: f.curve.quality.daysUsed,
          daysCensored: f.curve.quality.daysCensored,
          r2: f.curve.quality.r2,
          pooled: f.curve.pooled,
          halfSaturationMinor: Math.round(p.halfSat),
          shape: p.shape,
          adstockDecay: p.decay,
          currentSpendMinor: Math.round(f.currentDailyMinor),
          currentRevenueMinor: Math.round(revenueAt(p, f.currentDailyMinor)),
          marginalRoas: marginalRoasAt(p, f.currentDailyMinor),
          marginalRoasInterval: curveIntervals(c.samples ?? [], p, f.currentDailyMinor).marginalRoas,
          points:
            options.points === false
              ? []
              : Array.from({ length: CURVE_POINTS + 1 }, (_, i) => {
                  const spend = (top * i) / CURVE_POINTS;
                  return { spendMinor: Math.round(spend), revenueMinor: Math.round(revenueAt(p, spend)) };
                }),
        };
      }),
      unfitted: (input?.campaigns ?? [])
        .filter((c) => !fitted.has(c.campaignId))
        .map((c) => {
          const fit = fitHillCurve(c.daily);
          return {
            campaignId: c.campaignId,
            campaignName: c.campaignName,
            reason: fit.ok ? 'no spend in the last window' : fit.reason,
          };
        }),
    };
  };
}
export type BudgetCurvesReader = ReturnType<typeof createBudgetCurves>;

/** The product whose shelf holds a stock-bound campaign, as the plan names it. */
function stockProductOf(f: FittedCampaign) {
  const p = f.stockProduct;
  return (
    p && {
      productId: p.productId,
      title: p.title,
      daysOfCover: p.daysOfCover,
      stockAvailable: p.stockAvailable,
    }
  );
}
