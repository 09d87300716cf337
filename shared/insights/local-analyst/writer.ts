import { createFormat, type Format } from '../../domain/format';
import { minorUnitExponent } from '../../domain/money';
import type { Plan } from './plan';

/** The headline numbers of a row, as the performance tools return them (major units). */
interface KpiRow {
  spend: number;
  revenue: number;
  profit: number;
  orders: number;
  roas: number | null;
}

/** The shared format for a currency, writing the major-unit amounts tools return from minor units. */
export function writer(currency: string) {
  const fmt: Format = createFormat({ locale: 'en-US', currency, timeZone: 'UTC' });
  const exp = minorUnitExponent(currency);
  const money = (major: number) => fmt.money(Math.round(major * 10 ** exp));
  const signedMoney = (major: number) => `${major < 0 ? '-' : '+'}${money(Math.abs(major))}`;
  /** Tools give percentages (12.5); the format takes fractions. */
  const pct = (value: number | null) => fmt.change(value === null ? null : value / 100);
  const roas = (value: number | null) => fmt.ratio(value);
  const span = (p: { from: string; to: string }) =>
    p.from === p.to ? fmt.day(p.from) : `${fmt.day(p.from)} – ${fmt.day(p.to)}`;
  const orders = (n: number) => `${fmt.integer(n)} ${Math.round(n) === 1 ? 'order' : 'orders'}`;
  const row = (k: KpiRow) =>
    `spend ${money(k.spend)} · revenue ${money(k.revenue)} · ROAS ${roas(k.roas)} · profit ${money(k.profit)} · ${orders(k.orders)}`;
  return { fmt, money, signedMoney, pct, roas, span, orders, row };
}
export type Writer = ReturnType<typeof writer>;

export const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
/**
 * "yesterday (Dec 4, 2026)", "over the last 7 days (Nov 28, 2026 – Dec 4, 2026)"; days the question
 * named are said once: "on Mar 10, 2026", "from Mar 2, 2026 to Mar 15, 2026".
 */
export const when = (w: Writer, plan: Plan, p: { from: string; to: string }) =>
  'from' in plan.period.input
    ? p.from === p.to
      ? `on ${w.fmt.day(p.from)}`
      : `from ${w.fmt.day(p.from)} to ${w.fmt.day(p.to)}`
    : `${plan.period.words} (${w.span(p)})`;

/** A period after the last day with data (today, before the day's syncs): said so, not "$0.00". */
export function noDataYet(
  w: Writer,
  plan: Plan,
  r: { period: { from: string; to: string }; latest_day_with_data: string },
) {
  return r.period.from > r.latest_day_with_data
    ? `There is no data for ${when(w, plan, r.period)} yet: the latest day with data is ${w.fmt.day(r.latest_day_with_data)}.`
    : undefined;
}
