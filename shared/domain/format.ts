import { ALIGNMENT_LABELS } from './inventory/alignment';
import { minorUnitExponent } from './money';
import type { ToolUnit } from './tool-units';

/**
 * Every number Pulsepoint shows goes through here — the web app (web/src/format.ts re-exports it),
 * the assistant's answers and any other text for people: money in the brand's currency from
 * integer minor units (never floats summed), ratios with "×", signed changes, days as the brand's
 * local days and instants in the brand's timezone, all in the reader's language.
 */
export interface FormatContext {
  /** BCP 47 language of the viewer (navigator.language). */
  locale: string;
  currency: string;
  timeZone: string;
}

export function createFormat({ locale, currency, timeZone }: FormatContext) {
  const exponent = minorUnitExponent(currency);
  const moneyFmt = new Intl.NumberFormat(locale, { style: 'currency', currency });
  const compactMoneyFmt = new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    notation: 'compact',
    maximumFractionDigits: 1,
  });
  const integerFmt = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const decimalFmt = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
  const oneDecimalFmt = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const ratioFmt = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const percentFmt = new Intl.NumberFormat(locale, {
    style: 'percent',
    maximumFractionDigits: 1,
    signDisplay: 'exceptZero',
  });
  const shareFmt = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
  // A LocalDate is already the brand's day: format it as a UTC calendar date so it never shifts.
  const dayFmt = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
  const shortDayFmt = new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric', timeZone: 'UTC' });
  const instantFmt = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone });
  const timeFmt = new Intl.DateTimeFormat(locale, { timeStyle: 'short', timeZone });
  const instantDayFmt = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone });
  const monthFmt = new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' });
  const major = (minor: number) => minor / 10 ** exponent;

  return {
    currency,
    /** What it was made for, so the same reader can get it in another currency (`inCurrency`). */
    context: { locale, currency, timeZone } as FormatContext,
    money: (minor: number) => moneyFmt.format(major(minor)),
    compactMoney: (minor: number) => compactMoneyFmt.format(major(minor)),
    integer: (n: number) => integerFmt.format(n),
    /** A count with its noun in the number it needs: "1 customer", "1,234 customers". */
    counted: (n: number, one: string, many = `${one}s`) => `${integerFmt.format(n)} ${n === 1 ? one : many}`,
    decimal: (n: number) => decimalFmt.format(n),
    /** ROAS and similar ratios: "3.20×". */
    ratio: (n: number | null | undefined) => (n == null ? '—' : `${ratioFmt.format(n)}×`),
    /** A share of a whole (retention, repeat rate): "12.5%", no sign. */
    share: (fraction: number) => shareFmt.format(fraction),
    /**
     * An estimated probability (a match's confidence, a customer still active): as a share, but
     * never "100%" or "0%" for what is only likely — "over 99.9%", "under 0.1%" at the ends.
     */
    probability: (p: number) =>
      p >= 1 || p <= 0
        ? shareFmt.format(p)
        : p >= 0.9995
          ? `over ${shareFmt.format(0.999)}`
          : p < 0.0005
            ? `under ${shareFmt.format(0.001)}`
            : shareFmt.format(p),
    /** A change as a fraction (0.12 → "+12%"). */
    change: (fraction: number | null) => (fraction == null ? '—' : percentFmt.format(fraction)),
    /**
     * Days of cover and the like: a tenth under 10 days, whole days under a year, then no more
     * detail (a cover of 6,585 days says nothing more than "over a year").
     */
    days: (n: number | null | undefined) => {
      if (n == null) return '—';
      if (n >= 365) return 'over a year';
      return `${(Math.abs(n) < 10 ? oneDecimalFmt : integerFmt).format(n)} d`;
    },
    /** Days in prose, by the same steps: "2.5 days", "1 day", "45 days", "over a year". */
    daysLong: (n: number) => {
      if (n >= 365) return 'over a year';
      const v = Math.abs(n) < 10 ? Math.round(n * 10) / 10 : Math.round(n);
      return `${oneDecimalFmt.format(v)} ${v === 1 ? 'day' : 'days'}`;
    },
    day: (localDate: string) => dayFmt.format(new Date(`${localDate}T00:00:00Z`)),
    shortDay: (localDate: string) => shortDayFmt.format(new Date(`${localDate}T00:00:00Z`)),
    /** Two brand days as one range, the shared parts written once: "Nov 1 – 28, 2026". */
    dayRange: (from: string, to: string) =>
      dayFmt.formatRange(new Date(`${from}T00:00:00Z`), new Date(`${to}T00:00:00Z`)),
    instant: (iso: string) => instantFmt.format(new Date(iso)),
    /** The brand's day of an instant, without the time: "Nov 29, 2026". */
    dayOfInstant: (iso: string) => instantDayFmt.format(new Date(iso)),
    /** The time of day of an instant in the brand's timezone: "9:00 AM". */
    time: (iso: string) => timeFmt.format(new Date(iso)),
    /** A brand month (`YYYY-MM`): "December 2026". */
    month: (yyyyMm: string) => monthFmt.format(new Date(`${yyyyMm}-01T00:00:00Z`)),
  };
}
export type Format = ReturnType<typeof createFormat>;

/** The same reader's format for amounts in another currency ("€99.00" beside a brand in dollars). */
export function inCurrency(fmt: Format, currency: string): Format {
  return currency === fmt.currency ? fmt : createFormat({ ...fmt.context, currency });
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const ISO_MONTH = /^\d{4}-\d{2}$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T/;

/**
 * One of the app's own keys in its words, wherever it is shown (the web app's pills, the Ask
 * page's sources): `reduce_spend` → "Reduce spend", `stockout_risk` → "Stockout risk".
 */
/** A camelCase or snake_case key in lower-case words: `orderLines` → "order lines". */
export const keyWords = (key: string): string =>
  key
    .replace(/([a-z\d])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .toLowerCase();

export function humanize(id: string): string {
  const words = id.replace(/[_-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Keys the app words otherwise than `humanize` would ("Overspending, low stock"). */
const KEY_WORDS: Readonly<Record<string, string>> = ALIGNMENT_LABELS;

/** A key declared `label`, in the words the app shows it in elsewhere. */
export const keyInAppWords = (key: string): string => KEY_WORDS[key] ?? humanize(key);

/**
 * A value in the unit its producer declared (shared/domain/tool-units.ts): money from minor or
 * major units in `currency` (the format's own by default) with that currency's symbol, ratios
 * with ×, fractions and percents with %, days as the app shows days, dates as the app shows dates,
 * the app's keys declared `label` in its words. Other strings are shown as they are; `internal` values are the
 * caller's to leave out.
 */
export function formatUnit(
  fmt: Format,
  unit: ToolUnit,
  value: number | string | boolean | null,
  currency = fmt.currency,
): string {
  if (value === null) return '—';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'string') {
    if (unit === 'label') return keyInAppWords(value);
    if (unit !== 'date') return value;
    if (ISO_DAY.test(value)) return fmt.day(value);
    if (ISO_MONTH.test(value)) return fmt.month(value);
    if (ISO_INSTANT.test(value) && !Number.isNaN(Date.parse(value))) return fmt.instant(value);
    return value;
  }
  switch (unit) {
    case 'money-minor':
      return inCurrency(fmt, currency).money(value);
    case 'money-major':
      return inCurrency(fmt, currency).money(Math.round(value * 10 ** minorUnitExponent(currency)));
    case 'ratio':
      return fmt.ratio(value);
    case 'percent':
      // Already ×100 (11 → "11%"); written as a share is, at most one decimal.
      return fmt.share(value / 100);
    case 'fraction':
      return fmt.share(value);
    case 'days':
      // In a labelled value ("Period analysed", "Days of stock left") the unit is written out;
      // the "14 d" of table columns is for columns headed in days.
      return fmt.daysLong(value);
    case 'count':
      return Number.isInteger(value) ? fmt.integer(value) : fmt.decimal(value);
    default:
      return fmt.decimal(value);
  }
}

/** ITU country calling codes of two digits (those starting 1 or 7 have one; the rest three). */
const TWO_DIGIT_CODES = new Set(
  '20 27 30 31 32 33 34 36 39 40 41 43 44 45 46 47 48 49 51 52 53 54 55 56 57 58 60 61 62 63 64 65 66 81 82 84 86 90 91 92 93 94 95 98'.split(
    ' ',
  ),
);

/**
 * A phone number stored in E.164 ("+15035550182") as people write it: North American numbers as
 * "+1 503-555-0182", others as the country code and then the number in groups of three or four
 * ("+44 207 946 0958"). Anything that is not E.164 is shown as stored.
 */
export function phoneNumber(e164: string): string {
  const m = /^\+(\d{8,15})$/.exec(e164);
  if (!m) return e164;
  const digits = m[1]!;
  const nanp = /^1(\d{3})(\d{3})(\d{4})$/.exec(digits);
  if (nanp) return `+1 ${nanp[1]}-${nanp[2]}-${nanp[3]}`;
  const ccLength = /^[17]/.test(digits) ? 1 : TWO_DIGIT_CODES.has(digits.slice(0, 2)) ? 2 : 3;
  const groups: string[] = [digits.slice(0, ccLength)];
  let rest = digits.slice(ccLength);
  while (rest.length > 4) {
    groups.push(rest.slice(0, 3));
    rest = rest.slice(3);
  }
  groups.push(rest);
  return `+${groups.join(' ')}`;
}
