/**
 * Cohort tables: customers grouped by what they share at acquisition (first-order month, or the
 * channel / campaign credited with that first order), followed month by month after it. Month 0
 * is the first-order month, so retention there is 100 % by construction.
 */

export const COHORT_DIMENSIONS = ['month', 'channel', 'campaign'] as const;
export type CohortDimension = (typeof COHORT_DIMENSIONS)[number];

/** One aggregated cell as the warehouse returns it. */
export interface CohortCell {
  readonly cohort: string;
  readonly monthOffset: number;
  /** Customers of the cohort with an order in that month. */
  readonly activeCustomers: number;
  readonly revenueMinor: number;
}

export interface CohortRow {
  readonly cohort: string;
  readonly customers: number;
  /** Share of the cohort buying in month k after acquisition, k = 0… */
  readonly retention: number[];
  /** Revenue per cohort customer up to and including month k (minor units, rounded). */
  readonly cumulativeRevenuePerCustomerMinor: number[];
}

/**
 * Builds each cohort's rows up to `maxOffset[cohort]` (the months it has been observable), with a
 * zero where nobody bought, so a quiet month reads 0 % rather than a gap.
 */
export function buildCohorts(
  sizes: ReadonlyMap<string, number>,
  cells: readonly CohortCell[],
  observableMonths: ReadonlyMap<string, number>,
): CohortRow[] {
  const byCohort = new Map<string, CohortCell[]>();
  for (const c of cells) {
    if (c.monthOffset < 0) throw new RangeError(`cohort ${c.cohort}: negative month offset ${c.monthOffset}`);
    const list = byCohort.get(c.cohort) ?? [];
    list.push(c);
    byCohort.set(c.cohort, list);
  }
  return [...sizes]
    .filter(([, customers]) => customers > 0)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([cohort, customers]) => {
      const months = Math.max(1, observableMonths.get(cohort) ?? 1);
      const active = new Array<number>(months).fill(0);
      const revenue = new Array<number>(months).fill(0);
      for (const c of byCohort.get(cohort) ?? []) {
        if (c.monthOffset >= months) continue;
        active[c.monthOffset] = (active[c.monthOffset] as number) + c.activeCustomers;
        revenue[c.monthOffset] = (revenue[c.monthOffset] as number) + c.revenueMinor;
      }
      let running = 0;
      return {
        cohort,
        customers,
        retention: active.map((a) => a / customers),
        cumulativeRevenuePerCustomerMinor: revenue.map((r) => {
          running += r;
          return Math.round(running / customers);
        }),
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
  const gaps: number[] = [];
  const seconds: number[] = [];
  for (const c of customers) {
    if (c.orders < 2) continue;
    gaps.push(c.spanDays / (c.orders - 1));
    if (c.daysToSecond !== null) seconds.push(c.daysToSecond);
  }
  return {
    customers: customers.length,
    repeatCustomers: gaps.length,
    repeatRate: customers.length > 0 ? gaps.length / customers.length : 0,
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

/** Months between two 'YYYY-MM' (or longer ISO date) strings: b − a. */
export function monthsBetween(a: string, b: string): number {
  const ya = Number(a.slice(0, 4));
  const yb = Number(b.slice(0, 4));
  return (yb - ya) * 12 + Number(b.slice(5, 7)) - Number(a.slice(5, 7));
}
