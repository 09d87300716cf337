import { addDays, type LocalDate, toLocalDate } from '../../shared/domain/time';

/**
 * The last `days` full days in the brand's timezone, ending yesterday: today is still being
 * written (orders and spend arrive through the day), so a period that includes it always looks down.
 */
export function rangeEndingYesterday(
  now: Date,
  timeZone: string,
  days: number,
): { from: LocalDate; to: LocalDate } {
  const to = addDays(toLocalDate(now, timeZone), -1);
  return { from: addDays(to, -(days - 1)), to };
}
