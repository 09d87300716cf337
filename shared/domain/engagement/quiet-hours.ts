import { addDays, toLocalDate, wallClockToInstant } from '../time';

/** A nightly window, local to the customer, in which no marketing message goes out. */
export interface QuietHours {
  /** 0–23: quiet from this hour... */
  readonly startHour: number;
  /** ...until this hour (next morning when end < start). */
  readonly endHour: number;
}

export const DEFAULT_QUIET_HOURS: QuietHours = { startHour: 21, endHour: 9 };

/** One formatter per time zone: building an Intl.DateTimeFormat costs far more than using one. */
const hourFormats = new Map<string, Intl.DateTimeFormat>();
function localHour(at: Date, timeZone: string): number {
  let f = hourFormats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hour: 'numeric', hourCycle: 'h23' });
    hourFormats.set(timeZone, f);
  }
  return Number(f.format(at));
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * When a message due at `at` may go out for a customer in `timeZone`: `at` itself outside quiet
 * hours, else the end of the quiet window in that customer's morning (TCPA-style "no texts at
 * night" is about the recipient's clock, not the brand's).
 */
export function releaseTime(at: Date, timeZone: string, quiet: QuietHours = DEFAULT_QUIET_HOURS): Date {
  const hour = localHour(at, timeZone);
  const wraps = quiet.endHour <= quiet.startHour;
  const inQuiet = wraps
    ? hour >= quiet.startHour || hour < quiet.endHour
    : hour >= quiet.startHour && hour < quiet.endHour;
  if (!inQuiet) return at;
  const today = toLocalDate(at, timeZone);
  // Before midnight in a wrapping window, the morning is tomorrow's.
  const day = wraps && hour >= quiet.startHour ? addDays(today, 1) : today;
  return wallClockToInstant(`${day} ${pad(quiet.endHour)}:00`, timeZone);
}
