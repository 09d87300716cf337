import { dayRange } from '../phrasing';
import type { LocalDate } from '../time';
import { lastCompleteDay } from './named-period';

/**
 * The day a recommend pass judges the brand as of: the pass's last day, unless the brand's data
 * stops before the last complete day (an imported store whose files end in March), when it is the
 * last day with data — judging an empty fortnight up to yesterday would recommend nothing and
 * raise nothing about a store that plainly has something to say (decision 971).
 */
export function judgedDay(input: {
  passTo: LocalDate;
  latestWithData: LocalDate | undefined;
  today: LocalDate;
}) {
  const { passTo, latestWithData, today } = input;
  return latestWithData !== undefined && latestWithData < passTo && latestWithData < lastCompleteDay(today)
    ? latestWithData
    : passTo;
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
