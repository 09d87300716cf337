/**
 * A calendar day in a brand's own timezone, as `YYYY-MM-DD`. Timestamps are UTC instants; a "day"
 * only exists relative to a timezone, so conversion always names one.
 */
export type LocalDate = string & { readonly __brand: 'LocalDate' };

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * A real day of the (proleptic Gregorian) calendar, by arithmetic: every API request checks a few,
 * and building a `Date` for each cost more than the rest of the check (decision 1017).
 */
export function isLocalDate(value: string): value is LocalDate {
  if (!LOCAL_DATE.test(value)) return false;
  const year = Number(value.slice(0, 4));
  const month = Number(value.slice(5, 7));
  const day = Number(value.slice(8, 10));
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!);
}

export function localDate(value: string): LocalDate {
  if (!isLocalDate(value)) throw new RangeError(`not a calendar date (YYYY-MM-DD): "${value}"`);
  return value;
}

const formatterCache = new Map<string, Intl.DateTimeFormat>();
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatterCache.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatterCache.set(timeZone, f);
  }
  return f;
}

/**
 * Since 1973 every zone's offset from UTC, and every change of it, falls on a whole minute (the
 * last offset with seconds, Africa/Monrovia's −0:44:30, ended in January 1972), so all instants of
 * one UTC minute share a local day.
 */
const WHOLE_MINUTE_OFFSETS_SINCE = Date.UTC(1973, 0, 1);
const lastDayIn = new Map<string, { minute: number; day: LocalDate }>();

/**
 * The brand-local day an instant falls on (an order at 23:30 local is that local day, not UTC's).
 * The last answer per zone is kept for the rest of its UTC minute: "today" is asked on every API
 * request, and formatting it cost more than the rest of the request's date checks (decision 1017).
 */
export function toLocalDate(instant: Date, timeZone: string): LocalDate {
  const ms = instant.getTime();
  if (!(ms >= WHOLE_MINUTE_OFFSETS_SINCE)) return formatterFor(timeZone).format(instant) as LocalDate;
  const minute = Math.floor(ms / 60_000);
  const last = lastDayIn.get(timeZone);
  if (last?.minute === minute) return last.day;
  const day = formatterFor(timeZone).format(instant) as LocalDate;
  if (last) {
    last.minute = minute;
    last.day = day;
  } else lastDayIn.set(timeZone, { minute, day });
  return day;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 (UTC midnight of the calendar day; no timezone involved). */
function epochDay(date: LocalDate): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;
}

/**
 * The calendar day `n` days after 1970-01-01. Reports walk the same days over and over (every
 * period of every dashboard), so each day is formatted once and kept.
 */
const dayNames = new Map<number, LocalDate>();
function dayOf(n: number): LocalDate {
  let name = dayNames.get(n);
  if (name === undefined) {
    name = new Date(n * DAY_MS).toISOString().slice(0, 10) as LocalDate;
    if (dayNames.size >= 200_000) dayNames.clear(); // ~550 years of days: never in practice
    dayNames.set(n, name);
  }
  return name;
}

export function addDays(date: LocalDate, days: number): LocalDate {
  return dayOf(epochDay(date) + Math.trunc(days));
}

/** Whole days from `a` to `b` (positive when b is later). */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  return epochDay(b) - epochDay(a);
}

export function eachDay(from: LocalDate, to: LocalDate): LocalDate[] {
  const out: LocalDate[] = [];
  const last = epochDay(to);
  for (let n = epochDay(from); n <= last; n++) out.push(dayOf(n));
  return out;
}

/** Day of week, 0 = Monday .. 6 = Sunday (ISO order, so weekly seasonality buckets line up). */
export function isoWeekday(date: LocalDate): number {
  return (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7;
}

/** The Monday that starts the ISO week containing `date`. */
export function weekStart(date: LocalDate): LocalDate {
  return addDays(date, -isoWeekday(date));
}

/**
 * Parses a platform timestamp that must carry an explicit offset or Z. A bare "2024-01-01 10:00"
 * is ambiguous (whose 10:00?) and is rejected instead of being read in the server's timezone.
 */
export function parseInstant(value: string): Date {
  if (!/(Z|[+-]\d{2}:?\d{2})$/.test(value.trim()))
    throw new RangeError(`timestamp without offset: "${value}"`);
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) throw new RangeError(`not a timestamp: "${value}"`);
  return d;
}

function zoneOffsetMs(instantMs: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instantMs));
  const n = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  const asUtc = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'));
  return asUtc - Math.floor(instantMs / 1000) * 1000;
}

/**
 * The instant a wall-clock time (`YYYY-MM-DD HH:MM[:SS]`, no offset) names in a timezone, e.g. a
 * till receipt's local time. In the hour a DST change skips, the later offset wins; in the hour it
 * repeats, the earlier instant.
 */
export function wallClockToInstant(local: string, timeZone: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/.exec(local.trim());
  if (!m) throw new RangeError(`not a local date-time (YYYY-MM-DD HH:MM[:SS]): "${local}"`);
  const [, y, mo, d, h, mi, s = '0'] = m;
  const wall = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  const first = wall - zoneOffsetMs(wall, timeZone);
  const second = wall - zoneOffsetMs(first, timeZone);
  return new Date(Math.min(first, second));
}
