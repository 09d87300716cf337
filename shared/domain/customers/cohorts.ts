/**
 * Cohort tables: customers grouped by what they share at acquisition (first-order month, or the
 * channel / campaign credited with that first order), followed month by month after it. Month 0
 * is the first-order month, so retention there is 100 % by construction.
 */

export const COHORT_DIMENSIONS = ['month', 'channel', 'campaign'] as const;
export type CohortDimension = (typeof COHORT_DIMENSIONS)[number];
/** The channel or campaign cohort of customers whose first order no channel or campaign was credited with (shared/customers/cohort-query.ts). */
export const UNATTRIBUTED_COHORT = 'unattributed';

/**
 * One aggregated cell as the warehouse returns it. Months are counted as year × 12 + month − 1, so
 * differences are calendar months.
 */
export interface CohortCell {
  readonly cohort: string;
  /** The first-order month of the customers in this cell. */
  readonly firstMonth: number;
  readonly monthOffset: number;
  /** Customers with an order in that month. */
  readonly activeCustomers: number;
  readonly revenueMinor: number;
}

export interface CohortSize {
  readonly cohort: string;
  readonly firstMonth: number;
  readonly customers: number;
}

export interface CohortRow {
  readonly cohort: string;
  readonly customers: number;
  /** Customers observable k months after their first order (first month ≤ as-of month − k). */
  readonly observedCustomers: number[];
  readonly activeCustomers: number[];
  /** Share of the observable customers buying in month k after their first, k = 0… */
  readonly retention: number[];
  /** Revenue per observable customer up to and including month k (minor units, rounded). */
  readonly cumulativeRevenuePerCustomerMinor: number[];
}

export function monthIndex(isoDate: string): number {
  return Number(isoDate.slice(0, 4)) * 12 + Number(isoDate.slice(5, 7)) - 1;
}

export function monthLabel(index: number): string {
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/**
 * Builds each cohort's curve up to the as-of month. A channel or campaign cohort mixes customers
 * acquired in different months, so month k only counts the customers who have had k months since
 * their first order: a young customer never drags an old month's retention down.
 */
export function buildCohorts(
  sizes: readonly CohortSize[],
  cells: readonly CohortCell[],
  asOfMonth: number,
): CohortRow[] {
  const groups = new Map<string, Map<number, number>>();
  for (const s of sizes) {
    if (s.firstMonth > asOfMonth)
      throw new RangeError(`cohort ${s.cohort}: first month after the as-of month`);
    const g = groups.get(s.cohort) ?? new Map<number, number>();
    g.set(s.firstMonth, (g.get(s.firstMonth) ?? 0) + s.customers);
    groups.set(s.cohort, g);
  }
  const cellsOf = new Map<string, CohortCell[]>();
  for (const c of cells) {
    if (c.monthOffset < 0) throw new RangeError(`cohort ${c.cohort}: negative month offset ${c.monthOffset}`);
    const list = cellsOf.get(c.cohort) ?? [];
    list.push(c);
    cellsOf.set(c.cohort, list);
  }
  return [...groups]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([cohort, byFirst]) => {
      const earliest = Math.min(...byFirst.keys());
      const months = asOfMonth - earliest + 1;
      const observed: number[] = [];
      const active: number[] = [];
      const cumulative: number[] = [];
      const own = cellsOf.get(cohort) ?? [];
      for (let k = 0; k < months; k++) {
        const last = asOfMonth - k;
        let n = 0;
        for (const [first, customers] of byFirst) if (first <= last) n += customers;
        let a = 0;
        let revenue = 0;
        for (const c of own) {
          if (c.firstMonth > last) continue;
          if (c.monthOffset === k) a += c.activeCustomers;
          if (c.monthOffset <= k) revenue += c.revenueMinor;
        }
        observed.push(n);
        active.push(a);
        cumulative.push(n > 0 ? Math.round(revenue / n) : 0);
      }
      let customers = 0;
      for (const v of byFirst.values()) customers += v;
      return {
        cohort,
        customers,
        observedCustomers: observed,
        activeCustomers: active,
        retention: active.map((a, k) => (observed[k]! > 0 ? a / observed[k]! : 0)),
        cumulativeRevenuePerCustomerMinor: cumulative,
      };
    });
}

export interface RepeatStats {
  readonly customers: number;
  readonly repeatCustomers: number;
  /** Share of customers with a second order. */
  readonly repeatRate: number;
  /** Median over repeat customers of their mean days between orders; null without any. */
  readonly medianDaysBetweenOrders: number | null;
  /** Median days from the first order to the second, over customers who have one. */
  readonly medianDaysToSecondOrder: number | null;
}

export function repeatStats(
  customers: ReadonlyArray<{ orders: number; spanDays: number; daysToSecond: number | null }>,
): RepeatStats {
  return repeatStatsOfColumns({
    orders: customers.map((c) => c.orders),
    spanDays: customers.map((c) => c.spanDays),
    daysToSecond: customers.map((c) => c.daysToSecond ?? Number.NaN),
  });
}

/** `repeatStats` over columns, with NaN where a customer has no second order day. */
export function repeatStatsOfColumns(customers: {
  readonly orders: ArrayLike<number>;
  readonly spanDays: ArrayLike<number>;
  readonly daysToSecond: ArrayLike<number>;
}): RepeatStats {
  const n = customers.orders.length;
  const gaps: number[] = [];
  const seconds: number[] = [];
  for (let i = 0; i < n; i++) {
    const orders = customers.orders[i] as number;
    if (orders < 2) continue;
    gaps.push((customers.spanDays[i] as number) / (orders - 1));
    const second = customers.daysToSecond[i] as number;
    if (!Number.isNaN(second)) seconds.push(second);
  }
  return {
    customers: n,
    repeatCustomers: gaps.length,
    repeatRate: n > 0 ? gaps.length / n : 0,
    medianDaysBetweenOrders: median(gaps),
    medianDaysToSecondOrder: median(seconds),
  };
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = Float64Array.from(values).sort();
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}
