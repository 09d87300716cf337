import { createFormat } from './format';

/**
 * Numbers in the sentences the rules write (recommendations, alerts), through the one formatting
 * module (domain/format.ts), so a stored sentence reads like the app: "$1,234.56", "3.42×",
 * "2.5 days". Evidence keeps the exact values beside them.
 */
const formatOf = (currency: string) => createFormat({ locale: 'en-US', currency, timeZone: 'UTC' });

/** "$1,234.56": money in the currency's own symbol, from minor units. */
export const amount = (minor: number, currency: string) => formatOf(currency).money(minor);

export const ratio = (value: number) => formatOf('USD').ratio(value);

export const days = (value: number) => formatOf('USD').daysLong(value);

/** "1.6%": a share of a whole, at most one decimal. */
export const share = (fraction: number) => formatOf('USD').share(fraction);

/**
 * The share of outcomes the models' intervals hold: the curves' bootstrap 10th–90th percentiles,
 * laid around the fit's own value (curves/bootstrap.ts `intervalAround`, decision 991), and the
 * customer value's `Z_80` (lifetime-value/uncertainty.ts).
 */
export const INTERVAL_LEVEL = 0.8;

/** "80% interval": an interval named as the app writes shares. */
export const intervalLabel = `${share(INTERVAL_LEVEL)} interval`;

/** Rounds for evidence: ratios to 4 places so what a person reads equals what is stored. */
export const round4 = (value: number) => Math.round(value * 10_000) / 10_000;

/** "Mar 2 – 15, 2026": two brand days as one range, the shared parts written once. */
export const dayRange = (from: string, to: string) => formatOf('USD').dayRange(from, to);

/** A calendar month ('2026-12') as the app writes it: "December 2026". */
export const month = (yearMonth: string) =>
  new Intl.DateTimeFormat('en-US', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${yearMonth}-01T00:00:00Z`),
  );

/** A day as the app writes it: "Dec 6, 2026". */
export const day = (localDate: string) => formatOf('USD').day(localDate);

/** "1 campaign", "4 campaigns": a count with its noun in the number it needs. */
export const counted = (n: number, one: string, many = `${one}s`) => formatOf('USD').counted(n, one, many);
