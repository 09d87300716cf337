import { addDays, type LocalDate, localDate, weekStart } from '../time';
import { type Period, trailingPeriod } from './period';

/**
 * The periods merchants name ("yesterday", "this month", "in November", "the last 7 days"), as
 * brand-local days. Reports count complete days: today is still being written (orders and spend
 * arrive through the day), so every period ends yesterday unless today is asked for by name
 * (docs/decisions/891-assistant-periods.md).
 */
export const NAMED_PERIODS = [
  'today',
  'yesterday',
  'this_week',
  'last_week',
  'this_month',
  'last_month',
] as const;
export type NamedPeriod = (typeof NAMED_PERIODS)[number];

export const MONTH_NAMES = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
] as const;

/** The last complete day: yesterday in the brand's timezone. */
export const lastCompleteDay = (today: LocalDate): LocalDate => addDays(today, -1);

/** The last `days` complete days (ending yesterday). */
export const completeDays = (today: LocalDate, days: number): Period =>
  trailingPeriod(lastCompleteDay(today), days);

const monthStart = (year: number, month: number) => localDate(`${year}-${String(month).padStart(2, '0')}-01`);
const monthEnd = (year: number, month: number) =>
  addDays(month === 12 ? monthStart(year + 1, 1) : monthStart(year, month + 1), -1);

/**
 * Month to date, week to date: from the first day up to yesterday. On the first day of the month
 * (or week) there is no complete day yet, so the period is that one day, today.
 */
function toDate(first: LocalDate, today: LocalDate): Period {
  return first < today ? { from: first, to: lastCompleteDay(today) } : { from: today, to: today };
}

export function namedPeriod(name: NamedPeriod, today: LocalDate): Period {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  switch (name) {
    case 'today':
      return { from: today, to: today };
    case 'yesterday':
      return completeDays(today, 1);
    case 'this_week':
      return toDate(weekStart(today), today);
    case 'last_week': {
      const from = addDays(weekStart(today), -7);
      return { from, to: addDays(from, 6) };
    }
    case 'this_month':
      return toDate(monthStart(year, month), today);
    case 'last_month':
      return month === 1
        ? { from: monthStart(year - 1, 12), to: monthEnd(year - 1, 12) }
        : { from: monthStart(year, month - 1), to: monthEnd(year, month - 1) };
  }
}

/**
 * A calendar month: "YYYY-MM", or a month's name meaning its latest occurrence that has begun
 * ("November" in December is last month; in March, last year's). The current month runs to
 * yesterday, like "this month". Undefined for anything else or a month that has not begun.
 */
export function calendarMonth(month: string, today: LocalDate): Period | undefined {
  const thisYear = Number(today.slice(0, 4));
  const thisMonth = Number(today.slice(5, 7));
  let y: number;
  let m: number;
  const iso = /^(\d{4})-(\d{2})$/.exec(month);
  if (iso) {
    y = Number(iso[1]);
    m = Number(iso[2]);
    if (m < 1 || m > 12) return undefined;
  } else {
    const index = MONTH_NAMES.findIndex((n) => n.startsWith(month.trim().toLowerCase().slice(0, 3)));
    if (index < 0 || month.trim().length < 3) return undefined;
    m = index + 1;
    y = m <= thisMonth ? thisYear : thisYear - 1;
  }
  if (y > thisYear || (y === thisYear && m > thisMonth)) return undefined;
  if (y === thisYear && m === thisMonth) return namedPeriod('this_month', today);
  return { from: monthStart(y, m), to: monthEnd(y, m) };
}
