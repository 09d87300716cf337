import { addDays, type LocalDate } from '../time';

/**
 * Reference rates quoted against one base currency (ECB: units of currency per 1 EUR), published
 * on business days only. The rate for a day without a fixing (weekend, TARGET holiday, today
 * before 16:00 CET) is the latest earlier fixing — the convention the ECB itself recommends.
 */
export interface RateSeries {
  base: string;
  /** currency → date → units of currency per 1 base. */
  fixings: ReadonlyMap<string, ReadonlyMap<LocalDate, number>>;
}

/** How far back a missing fixing may be filled from (Easter closes TARGET for 4 days). */
const MAX_GAP_DAYS = 7;

function fixingOn(series: RateSeries, currency: string, date: LocalDate): number | undefined {
  if (currency === series.base) return 1;
  const days = series.fixings.get(currency);
  if (!days) return undefined;
  for (let back = 0; back <= MAX_GAP_DAYS; back++) {
    const v = days.get(addDays(date, -back));
    if (v !== undefined) return v;
  }
  return undefined;
}

/** Units of `to` per unit of `from` on `date`, crossed through the base; undefined without a fixing. */
export function crossRate(series: RateSeries, from: string, to: string, date: LocalDate): number | undefined {
  if (from === to) return 1;
  const perBaseFrom = fixingOn(series, from, date);
  const perBaseTo = fixingOn(series, to, date);
  if (perBaseFrom === undefined || perBaseTo === undefined) return undefined;
  return perBaseTo / perBaseFrom;
}
