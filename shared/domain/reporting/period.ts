import { addDays, daysBetween, type LocalDate } from '../time';

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
