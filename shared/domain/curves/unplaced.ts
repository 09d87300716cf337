import { spendForRevenue } from './hill';
import type { Allocation, AllocationCampaign } from './optimise';

/**
 * What a plan could not place, why, and where it could go (decision 1002). Every figure comes from
 * the bounds the optimiser already worked under, nothing else:
 * - held by stock: what its products' stock can sell before a restock caps its spend (`stockDays`
 *   ahead, the restock horizon the stock cap assumes); the money waits for the restock;
 * - at the daily increase limit: it may grow one step a day, so it can take more on the following
 *   days — `nextDayMinor` tomorrow after taking today's increase — up to its stock cap if it has one;
 * - held (its revenue did not follow its spend): it keeps today's budget and takes none.
 * `fitsOnDay` is the first day (1 = tomorrow) on which the campaigns' bounds, each growing one step
 * a day from today's proposal, hold the whole budget; null when they never can (every campaign held
 * or capped by stock: the rest stays unspent until stock arrives).
 */
export interface UnplacedBudget {
  amountMinor: number;
  heldByStock: { id: string; spendMinor: number }[];
  atStepLimit: { id: string; spendMinor: number; nextDayMinor: number }[];
  heldByFit: { id: string; spendMinor: number }[];
  /** What the campaigns at their step limit could take tomorrow beyond today's proposal, in all. */
  moreTomorrowMinor: number;
  fitsOnDay: number | null;
}

/** The longest look ahead: past this many days of one step each, "the budget fits" is no advice. */
const MAX_DAYS = 60;

/** A campaign's upper bound `day` days after today, growing one step a day from today's, under its stock cap. */
function boundOn(c: AllocationCampaign, today: number, day: number): number {
  if (c.heldReason) return c.currentSpendMinor;
  const stock =
    c.maxRevenueMinor == null ? Number.POSITIVE_INFINITY : spendForRevenue(c.curve, c.maxRevenueMinor);
  const step = c.currentSpendMinor > 0 ? c.maxSpendMinor / c.currentSpendMinor : 1;
  return Math.max(c.platformMinimumMinor ?? 0, Math.min(today * step ** day, stock));
}

/** Null when the allocation placed the budget (to within a minor unit per campaign). */
export function unplacedOf(
  campaigns: readonly AllocationCampaign[],
  allocation: Allocation,
  budgetMinor: number = allocation.budgetMinor,
): UnplacedBudget | null {
  const amountMinor = Math.round(budgetMinor - allocation.allocatedMinor);
  if (amountMinor <= campaigns.length) return null;
  const byId = new Map(campaigns.map((c) => [c.id, c]));
  const rows = allocation.rows.map((r) => ({ r, c: byId.get(r.id)! }));
  const atStepLimit = rows
    .filter(({ r }) => r.binding === 'max')
    .map(({ r, c }) => ({
      id: r.id,
      spendMinor: r.proposedSpendMinor,
      nextDayMinor: Math.round(boundOn(c, r.proposedSpendMinor, 1)),
    }));
  let fitsOnDay: number | null = null;
  for (let day = 1; day <= MAX_DAYS && fitsOnDay === null; day++) {
    const room = rows.reduce((s, { r, c }) => s + boundOn(c, r.proposedSpendMinor, day), 0);
    if (room >= budgetMinor - campaigns.length) fitsOnDay = day;
  }
  return {
    amountMinor,
    heldByStock: rows
      .filter(({ r }) => r.binding === 'stock')
      .map(({ r }) => ({ id: r.id, spendMinor: r.proposedSpendMinor })),
    atStepLimit,
    heldByFit: rows
      .filter(({ r }) => r.binding === 'held')
      .map(({ r }) => ({ id: r.id, spendMinor: r.proposedSpendMinor })),
    moreTomorrowMinor: atStepLimit.reduce((s, x) => s + x.nextDayMinor - x.spendMinor, 0),
    fitsOnDay,
  };
}
