import { addDays, daysBetween, type LocalDate, localDate } from '../time';

export interface Period {
  from: LocalDate;
  to: LocalDate;
}

/** Reports span at most two years: enough for year-over-year, bounded for the warehouse. */
export const MAX_PERIOD_DAYS = 731;

/** The period of the same length that ends the day before `period` starts. */
export function previousPeriod(period: Period): Period {
  const days = daysBetween(period.from, period.to) + 1;
  return { from: addDays(period.from, -days), to: addDays(period.from, -1) };
}

/** The last `days` days up to and including `today`. */
export function trailingPeriod(today: LocalDate, days: number): Period {
  return { from: addDays(today, -(days - 1)), to: today };
}

/**
 * What a period is compared with (docs/decisions/955-comparison-periods.md):
 * - `previous`: the same number of days just before it (the default);
 * - `year`: the same calendar dates a year earlier (what "last November" means);
 * - `year_weekday`: 52 weeks (364 days) earlier, so Mondays sit under Mondays (weekly rhythms);
 * - `custom`: any range the merchant picks.
 */
export const COMPARISONS = ['previous', 'year', 'year_weekday', 'custom'] as const;
export type ComparisonKind = (typeof COMPARISONS)[number];
export type Comparison = { kind: Exclude<ComparisonKind, 'custom'> } | { kind: 'custom'; period: Period };

export const DEFAULT_COMPARISON: Comparison = { kind: 'previous' };

const isMonthEnd = (d: LocalDate) => addDays(d, 1).slice(8) === '01';
const monthEndOf = (year: number, month: string): LocalDate => {
  const next =
    month === '12' ? `${year + 1}-01-01` : `${year}-${String(Number(month) + 1).padStart(2, '0')}-01`;
  return addDays(localDate(next), -1);
};

/**
 * The same calendar day a year earlier. A month's last day maps to that month's last day, so
 * February 2025 (to the 28th) compares with all of February 2024 (to the 29th) and 2024-02-29
 * with 2023-02-28; every other day exists a year earlier as it is.
 */
export function sameDayLastYear(d: LocalDate): LocalDate {
  const year = Number(d.slice(0, 4)) - 1;
  const month = d.slice(5, 7);
  if (isMonthEnd(d)) return monthEndOf(year, month);
  return localDate(`${String(year).padStart(4, '0')}-${month}-${d.slice(8)}`);
}

/** Days between the same weekday a year apart: 52 weeks. */
const WEEKS_IN_YEAR_DAYS = 52 * 7;

/** The period `period` is compared with under `comparison`. */
export function comparisonPeriod(period: Period, comparison: Comparison): Period {
  switch (comparison.kind) {
    case 'previous':
      return previousPeriod(period);
    case 'year':
      return { from: sameDayLastYear(period.from), to: sameDayLastYear(period.to) };
    case 'year_weekday':
      return { from: addDays(period.from, -WEEKS_IN_YEAR_DAYS), to: addDays(period.to, -WEEKS_IN_YEAR_DAYS) };
    case 'custom':
      return comparison.period;
  }
}

/** Why a period cannot be reported on, or null when it can (the API and the web app say the same). */
export function periodProblem(p: { from: string; to: string }): string | null {
  const days = daysBetween(p.from as LocalDate, p.to as LocalDate) + 1;
  if (days < 1) return 'the first day must not be after the last';
  if (days > MAX_PERIOD_DAYS) return `a period spans at most ${MAX_PERIOD_DAYS} days`;
  return null;
}
