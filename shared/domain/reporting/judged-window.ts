import { dayRange } from '../phrasing';
import type { LocalDate } from '../time';
import { lastCompleteDay } from './named-period';

/**
 * The day a recommend pass judges spend, revenue, orders and curves as of: the last complete day
 * (the pass's own day is still running; decision 977), or the pass's last day when the pass ran
 * over an older range, unless the brand's data stops before that (an imported store whose files
 * end in March), when it is the last day with data — judging an empty fortnight up to yesterday
 * would recommend nothing and raise nothing about a store that plainly has something to say
 * (decision 971). Stock is not judged on this day: it is a level, read as the pass recorded it.
 */
export function judgedDay(input: {
  passTo: LocalDate;
  latestWithData: LocalDate | undefined;
  today: LocalDate;
}) {
  const { passTo, latestWithData, today } = input;
  let cap = lastCompleteDay(today);
  if (passTo < cap) cap = passTo;
  return latestWithData !== undefined && latestWithData < cap ? latestWithData : cap;
}

/**
 * The day a read of the brand's current state (the budget curves) is as of: the day a recommend
 * pass over the data up to now judges (`judgedDay`), so the campaign page's curve and the
 * recommendation are fitted on the same days and say the same "today". Undefined without data.
 */
export function reportingDay(latestWithData: LocalDate | undefined, today: LocalDate): LocalDate | undefined {
  return latestWithData === undefined ? undefined : judgedDay({ passTo: today, latestWithData, today });
}

/**
 * The last day of a report on the brand's "now" (customer analytics, their LTV ROAS and funnel):
 * its `reportingDay`, or yesterday while it has no attributed data yet. The customer model is
 * judged as of this day (decision 1018), and the pages beside it read the days up to it (1020).
 */
export const reportingEnd = (latestWithData: LocalDate | undefined, today: LocalDate): LocalDate =>
  reportingDay(latestWithData, today) ?? lastCompleteDay(today);

/**
 * The day stock (units available, days of cover, status) is read as of, beside a judged day: the
 * pass's own day when the judged window is the last complete days — the snapshot the pass wrote
 * after them, today, which the dashboard's inventory view shows — and the judged day itself when
 * the window is older (an imported store's last days, a re-run over an older range), where the
 * stock that goes with those days is what it was then (decision 977).
 */
export function stockDay(input: { judged: LocalDate; passTo: LocalDate; today: LocalDate }): LocalDate {
  return input.judged >= lastCompleteDay(input.today) ? input.passTo : input.judged;
}

/**
 * What a recommendation or alert judged on an older window says about it, or null when the window
 * ends on the last complete day (or later), where "over 14 days" already means the last fortnight.
 */
export function olderWindowNote(
  window: { from: LocalDate; to: LocalDate },
  today: LocalDate,
  latestWithData: LocalDate | undefined,
): string | null {
  if (window.to >= lastCompleteDay(today)) return null;
  const last = window.to === latestWithData ? ', the last days with data' : '';
  return `Judged on ${dayRange(window.from, window.to)}${last}.`;
}
