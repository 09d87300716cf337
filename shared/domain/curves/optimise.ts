import { type Interval, intervalAround } from './bootstrap';
import { type HillParams, inflectionSpend, marginalRoasAt, revenueAt, spendForRevenue } from './hill';
import { type UnplacedBudget, unplacedOf } from './unplaced';

/**
 * Splitting a daily budget across campaigns. Each campaign's value of spending x is
 * w·R(x) (revenue: w = 1; profit: w = gross margin, minus x itself). With Σx fixed, the optimum
 * has equal weighted marginal revenue w·R′(x) = ν on every campaign not held at a bound (the
 * Lagrange condition), so we search ν by bisection and read each campaign's x(ν) off its curve:
 * R′ falls beyond the Hill inflection, so x(ν) is unique there, and below it (S-shaped curves)
 * the campaign either stays at its lower bound or jumps past the hump, whichever is worth more at ν.
 */
export interface AllocationCampaign {
  id: string;
  curve: HillParams;
  /** Bootstrap curves, for intervals. */
  samples?: readonly HillParams[];
  /** Gross margin on revenue (revenue − COGS − fulfilment, as a share of revenue). */
  margin: number;
  currentSpendMinor: number;
  minSpendMinor: number;
  maxSpendMinor: number;
  /**
   * The lowest daily budget the platform accepts (TikTok's $50 campaign minimum): no proposal goes
   * below it, not even when the stock can carry less — a budget the platform refuses is no advice.
   */
  platformMinimumMinor?: number;
  /** Daily revenue its products' stock can carry until the next restock; null when unbounded. */
  maxRevenueMinor?: number | null;
  /**
   * Why its budget stays at today's, when its curve may not move it (qualify.ts): the campaign
   * keeps its spend and the rest of the budget is split among the others.
   */
  heldReason?: string | null;
}

export type Objective = 'profit' | 'revenue';
export type Binding = 'min' | 'max' | 'stock' | 'held' | null;

export interface AllocationRow {
  id: string;
  currentSpendMinor: number;
  proposedSpendMinor: number;
  binding: Binding;
  /** Why the campaign keeps today's budget; null when the optimiser was free to move it. */
  heldReason: string | null;
  currentRevenueMinor: number;
  proposedRevenueMinor: number;
  proposedRevenue: Interval | null;
  proposedProfitMinor: number;
  proposedProfit: Interval | null;
  marginalRoas: number;
}

export interface Allocation {
  objective: Objective;
  budgetMinor: number;
  allocatedMinor: number;
  /** Why the allocation differs from the budget asked for, if it does. */
  note: string | null;
  /** What of a budget above what the campaigns can absorb is left, why, and where it could go (decision 1002). */
  unplaced: UnplacedBudget | null;
  rows: AllocationRow[];
  totals: {
    currentRevenueMinor: number;
    proposedRevenueMinor: number;
    currentProfitMinor: number;
    proposedProfitMinor: number;
    proposedRevenue: Interval | null;
    proposedProfit: Interval | null;
  };
}

/** Bounds from a maximum daily change (±share) and a platform minimum. */
export function spendBounds(currentSpendMinor: number, maxDailyChange: number, platformMinimumMinor: number) {
  return {
    platformMinimumMinor,
    minSpendMinor: Math.max(platformMinimumMinor, currentSpendMinor * (1 - maxDailyChange)),
    maxSpendMinor: Math.max(platformMinimumMinor, currentSpendMinor * (1 + maxDailyChange)),
  };
}

/**
 * Campaign revenue per day the shelf can carry until the next restock: the units left after
 * organic demand, spread over the days until the restock, at the average selling price.
 */
export function stockRevenueCap(s: {
  unitsAvailable: number;
  daysUntilRestock: number;
  organicUnitsPerDay: number;
  unitPriceMinor: number;
}): number {
  const perDay = s.unitsAvailable / Math.max(1, s.daysUntilRestock) - s.organicUnitsPerDay;
  return Math.max(0, perDay) * s.unitPriceMinor;
}

interface Prepared {
  c: AllocationCampaign;
  w: number;
  lo: number;
  hi: number;
  stockBinds: boolean;
}

function prepare(c: AllocationCampaign, objective: Objective): Prepared {
  const w = objective === 'profit' ? c.margin : 1;
  if (c.heldReason) return { c, w, lo: c.currentSpendMinor, hi: c.currentSpendMinor, stockBinds: false };
  const stockMax =
    c.maxRevenueMinor == null ? Number.POSITIVE_INFINITY : spendForRevenue(c.curve, c.maxRevenueMinor);
  const hi = Math.max(c.platformMinimumMinor ?? 0, Math.min(c.maxSpendMinor, stockMax));
  const lo = Math.min(c.minSpendMinor, hi);
  return { c, w, lo, hi, stockBinds: stockMax < c.maxSpendMinor };
}

/** The spend in [lo, hi] that maximises w·R(x) − ν·x. */
function spendAt(p: Prepared, nu: number): number {
  const g = (x: number) => p.w * marginalRoasAt(p.c.curve, x);
  const from = Math.max(p.lo, inflectionSpend(p.c.curve));
  let x: number;
  if (from >= p.hi) x = p.hi;
  else if (g(from) <= nu) x = from;
  else if (g(p.hi) >= nu) x = p.hi;
  else {
    let a = from;
    let b = p.hi;
    for (let i = 0; i < 45; i++) {
      const m = (a + b) / 2;
      if (g(m) > nu) a = m;
      else b = m;
    }
    x = (a + b) / 2;
  }
  const gain = p.w * (revenueAt(p.c.curve, x) - revenueAt(p.c.curve, p.lo)) - nu * (x - p.lo);
  return gain > 0 ? x : p.lo;
}

function allocateExactly(ps: readonly Prepared[], budget: number): number[] {
  const total = (nu: number) => ps.reduce((s, p) => s + spendAt(p, nu), 0);
  let lo = 1e-9;
  let hi = Math.max(
    1,
    ...ps.map((p) => p.w * marginalRoasAt(p.c.curve, Math.max(p.lo, inflectionSpend(p.c.curve), 1e-6))),
  );
  for (let i = 0; i < 70; i++) {
    const mid = Math.sqrt(lo * hi);
    if (total(mid) > budget) lo = mid;
    else hi = mid;
  }
  // ν just above the answer spends ≤ budget; the remainder (a bisection residue of a few minor
  // units) goes to the campaigns with room, in proportion to their room.
  const xs = ps.map((p) => spendAt(p, hi));
  let left = budget - xs.reduce((s, x) => s + x, 0);
  const room = ps.map((p, i) => p.hi - xs[i]!);
  const roomTotal = room.reduce((s, r) => s + r, 0);
  if (left > 0 && roomTotal > 0) {
    const share = Math.min(1, left / roomTotal);
    xs.forEach((x, i) => {
      xs[i] = x + room[i]! * share;
    });
    left = 0;
  }
  return xs;
}

export interface AllocateOptions {
  objective?: Objective;
  /**
   * Profit objective only: the budget is a ceiling, not a target — campaigns stop where one more
   * unit of spend returns less than a unit of margin (margin · marginal ROAS = 1).
   */
  budgetIsCap?: boolean;
  /** Revenue objective only: spend no more than keeps the total ROAS at or above this. */
  targetRoas?: number;
}

export function allocateBudget(
  campaigns: readonly AllocationCampaign[],
  budgetMinor: number,
  options: AllocateOptions = {},
): Allocation {
  const objective = options.objective ?? 'profit';
  const ps = campaigns.map((c) => prepare(c, objective));
  const minTotal = ps.reduce((s, p) => s + p.lo, 0);
  const maxTotal = ps.reduce((s, p) => s + p.hi, 0);
  let budget = Math.min(Math.max(budgetMinor, minTotal), maxTotal);
  let note =
    budgetMinor < minTotal
      ? 'the budget is below the sum of the campaigns’ minimums (platform minimum and largest daily cut)'
      : budgetMinor > maxTotal
        ? 'the budget is above what the campaigns can absorb within their daily increase and stock bounds'
        : null;
  const held = campaigns.filter((c) => c.heldReason).length;
  if (!note && held > 0 && held === campaigns.length)
    note =
      'every campaign keeps today’s budget: none has revenue that followed its spend closely enough to move budget on';
  else if (note && held > 0)
    note += `; ${held === 1 ? 'one campaign keeps' : `${held} campaigns keep`} today’s budget because ${held === 1 ? 'its' : 'their'} revenue did not follow spend`;
  if (objective === 'revenue' && options.targetRoas !== undefined) {
    const roasAt = (b: number) => {
      const xs = allocateExactly(ps, b);
      const spend = xs.reduce((s, x) => s + x, 0);
      return xs.reduce((s, x, i) => s + revenueAt(ps[i]!.c.curve, x), 0) / spend;
    };
    if (roasAt(budget) < options.targetRoas) {
      // Total ROAS falls as the budget grows along the optimal path: bisect on the budget.
      let a = minTotal;
      let b = budget;
      for (let i = 0; i < 50; i++) {
        const m = (a + b) / 2;
        if (roasAt(m) >= options.targetRoas) a = m;
        else b = m;
      }
      budget = a;
      note = `spending less than the budget keeps the total ROAS at the ${options.targetRoas} target`;
    }
  }
  if (objective === 'profit' && options.budgetIsCap) {
    const atBreakEven = ps.map((p) => spendAt(p, 1));
    if (atBreakEven.reduce((s, x) => s + x, 0) <= budget)
      return summarise(ps, atBreakEven.map(Math.round), budgetMinor, objective, note);
  }
  const allocation = summarise(ps, allocateExactly(ps, budget).map(Math.round), budgetMinor, objective, note);
  // Only a budget the campaigns' bounds cannot hold is unplaced; one the merchant's ROAS target or
  // the profit cap leaves unspent is spent that way by choice.
  return budgetMinor > maxTotal && budget === maxTotal
    ? { ...allocation, unplaced: unplacedOf(campaigns, allocation) }
    : allocation;
}

function bindingOf(p: Prepared, x: number): Binding {
  const near = (b: number) => Math.abs(x - b) <= 1;
  if (p.c.heldReason) return 'held';
  if (near(p.hi)) return p.stockBinds ? 'stock' : 'max';
  return near(p.lo) ? 'min' : null;
}

function summarise(
  ps: readonly Prepared[],
  xs: readonly number[],
  budgetMinor: number,
  objective: Objective,
  note: string | null,
): Allocation {
  const profit = (p: Prepared, curve: HillParams, x: number) => p.c.margin * revenueAt(curve, x) - x;
  const rows: AllocationRow[] = ps.map((p, i) => {
    const x = xs[i]!;
    const samples = p.c.samples ?? [];
    return {
      id: p.c.id,
      currentSpendMinor: p.c.currentSpendMinor,
      proposedSpendMinor: x,
      binding: bindingOf(p, x),
      heldReason: p.c.heldReason ?? null,
      currentRevenueMinor: Math.round(revenueAt(p.c.curve, p.c.currentSpendMinor)),
      proposedRevenueMinor: Math.round(revenueAt(p.c.curve, x)),
      proposedRevenue: samples.length
        ? intervalAround(
            revenueAt(p.c.curve, x),
            samples.map((s) => revenueAt(s, x)),
            'ratio',
          )
        : null,
      proposedProfitMinor: Math.round(profit(p, p.c.curve, x)),
      proposedProfit: samples.length
        ? intervalAround(
            profit(p, p.c.curve, x),
            samples.map((s) => profit(p, s, x)),
            'difference',
          )
        : null,
      marginalRoas: marginalRoasAt(p.c.curve, x),
    };
  });
  const sampleCount = Math.min(...ps.map((p) => p.c.samples?.length ?? 0));
  const sampleTotals = (
    f: (p: Prepared, s: HillParams, x: number) => number,
    scale: 'ratio' | 'difference',
  ) =>
    sampleCount > 0 && Number.isFinite(sampleCount)
      ? intervalAround(
          ps.reduce((s, p, i) => s + f(p, p.c.curve, xs[i]!), 0),
          Array.from({ length: sampleCount }, (_, j) =>
            ps.reduce((s, p, i) => s + f(p, p.c.samples![j]!, xs[i]!), 0),
          ),
          scale,
        )
      : null;
  const sum = (f: (r: AllocationRow, p: Prepared) => number) => rows.reduce((s, r, i) => s + f(r, ps[i]!), 0);
  return {
    objective,
    budgetMinor,
    allocatedMinor: xs.reduce((s, x) => s + x, 0),
    note,
    unplaced: null,
    rows,
    totals: {
      currentRevenueMinor: sum((r) => r.currentRevenueMinor),
      proposedRevenueMinor: sum((r) => r.proposedRevenueMinor),
      currentProfitMinor: Math.round(sum((r, p) => profit(p, p.c.curve, r.currentSpendMinor))),
      proposedProfitMinor: sum((r) => r.proposedProfitMinor),
      proposedRevenue: sampleTotals((_, s, x) => revenueAt(s, x), 'ratio'),
      proposedProfit: sampleTotals(profit, 'difference'),
    },
  };
}
