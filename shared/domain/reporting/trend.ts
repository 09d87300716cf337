import { addDays, daysBetween, eachDay, type LocalDate } from '../time';
import { ratio } from './kpis';
import type { Period } from './period';

/** One day of a trend chart. */
export interface TrendPoint {
  date: LocalDate;
  spendMinor: number;
  revenueMinor: number;
  roas: number | null;
}

/**
 * One day of the comparison period, drawn under the current period's day at the same offset.
 * A value is null on a day before the brand's data of that kind begins: "nothing recorded yet"
 * is a gap in the line, not a zero a merchant would read as a collapse.
 */
export interface ComparisonPoint {
  date: LocalDate;
  spendMinor: number | null;
  revenueMinor: number | null;
  roas: number | null;
}

/** A day's totals, as a chart draws them. */
export type DailyTotals = (day: LocalDate) => { spendMinor: number; revenueMinor: number };

export function trendOf(period: Period, daily: DailyTotals): TrendPoint[] {
  return eachDay(period.from, period.to).map((date) => {
    const { spendMinor, revenueMinor } = daily(date);
    return { date, spendMinor, revenueMinor, roas: ratio(revenueMinor, spendMinor) };
  });
}

/**
 * The comparison period day by day, aligned with `current` by offset (day i under day i), so the
 * two lines share the current period's date axis. `recordedFrom` is the first day each kind of
 * data exists for the brand (null: none at all); days before it carry null, and so do the days
 * past the comparison's end when it is the shorter one (a chosen range, last year's February).
 * A longer comparison is drawn as far as the current period goes; its totals still count all of it.
 */
export function comparisonTrendOf(
  current: Period,
  comparison: Period,
  daily: DailyTotals,
  recordedFrom: { spend: LocalDate | null; revenue: LocalDate | null },
): ComparisonPoint[] {
  const days = daysBetween(current.from, current.to) + 1;
  const recorded = (since: LocalDate | null, day: LocalDate) => since !== null && day >= since;
  return Array.from({ length: days }, (_, i) => {
    const date = addDays(comparison.from, i);
    const inside = date <= comparison.to;
    const totals = daily(date);
    const spendMinor = inside && recorded(recordedFrom.spend, date) ? totals.spendMinor : null;
    const revenueMinor = inside && recorded(recordedFrom.revenue, date) ? totals.revenueMinor : null;
    return {
      date,
      spendMinor,
      revenueMinor,
      roas: spendMinor === null || revenueMinor === null ? null : ratio(revenueMinor, spendMinor),
    };
  });
}

/** The earliest day among keys that `has` data, or null when none does. */
export function firstDay<V>(
  byDay: ReadonlyMap<string, V>,
  has: (v: V) => boolean = () => true,
): LocalDate | null {
  let first: string | null = null;
  for (const [day, v] of byDay) if (has(v) && (first === null || day < first)) first = day;
  return first as LocalDate | null;
}
