import { ATTRIBUTION_MODELS, type AttributionModel } from '../../shared/domain/entities/brand';
import { type ComparisonKind, periodProblem } from '../../shared/domain/reporting/period';
import { addDays, daysBetween, isLocalDate, type LocalDate, toLocalDate } from '../../shared/domain/time';

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

/**
 * A section's heading with the days it reads, once they are known: "LTV ROAS by acquiring
 * campaign, Feb 14 – Mar 15, 2026". Customer analytics read the 30 days up to the day their model
 * judges the store as of (an imported store's last days with data, decision 1020), so a heading
 * names those days rather than "the last 30 days" of a month that may lie long before today.
 */
export function headingWithPeriod(
  title: string,
  period: { from: string; to: string } | null,
  fmt: { dayRange: (from: string, to: string) => string },
): string {
  return period ? `${title}, ${fmt.dayRange(period.from, period.to)}` : title;
}

/** Reports span at most this many days (the API's limit, shared/domain/reporting/period.ts). */
export const MAX_RANGE_DAYS = 731;

export type PickedRange =
  | { readonly kind: 'trailing'; readonly days: number }
  | { readonly kind: 'custom'; readonly from: string; readonly to: string };

/**
 * The range a picker stands for: the last N full days, or any dates the merchant typed — an
 * imported store's "7 days to the export date" lies in the past. A custom range is checked here
 * the way the API checks it, so the page explains a mistake instead of showing an error.
 */
export function resolveRange(
  picked: PickedRange,
  now: Date,
  timeZone: string,
): { ok: true; range: { from: LocalDate; to: LocalDate } } | { ok: false; reason: string } {
  if (picked.kind === 'trailing')
    return { ok: true, range: rangeEndingYesterday(now, timeZone, picked.days) };
  if (!isLocalDate(picked.from) || !isLocalDate(picked.to)) return { ok: false, reason: 'Pick both dates.' };
  const days = daysBetween(picked.from, picked.to) + 1;
  if (days < 1) return { ok: false, reason: 'The first day must not be after the last.' };
  if (days > MAX_RANGE_DAYS) return { ok: false, reason: `A period spans at most ${MAX_RANGE_DAYS} days.` };
  return { ok: true, range: { from: picked.from, to: picked.to } };
}

/** The `days` days ending on `to`: "the 7 days to the export date". */
export function daysEndingOn(to: LocalDate, days: number): { from: LocalDate; to: LocalDate } {
  return { from: addDays(to, -(days - 1)), to };
}

/**
 * The period lives in the URL (`?days=7`, or `?from=…&to=…`), so a link, a reload or a drilldown
 * shows the same days the merchant picked; no parameters means the last 28 days.
 */
export const DEFAULT_DAYS = 28;

/** A page whose default is another number of days (the agency overview's week) says so in `defaultDays`. */
export function pickedFromSearch(search: URLSearchParams, defaultDays = DEFAULT_DAYS): PickedRange {
  const from = search.get('from');
  const to = search.get('to');
  if (from !== null && to !== null) return { kind: 'custom', from, to };
  const days = Number(search.get('days'));
  return {
    kind: 'trailing',
    days: Number.isInteger(days) && days > 0 && days <= MAX_RANGE_DAYS ? days : defaultDays,
  };
}

export function periodSearch(picked: PickedRange, defaultDays = DEFAULT_DAYS): string {
  if (picked.kind === 'custom') return `?${new URLSearchParams({ from: picked.from, to: picked.to })}`;
  return picked.days === defaultDays ? '' : `?days=${picked.days}`;
}

/**
 * The attribution model the view credits channels and campaigns under (`?model=first_touch`),
 * kept in the URL beside the period; none (or an unknown name) is the brand's own.
 */
export function modelFromSearch(search: URLSearchParams): AttributionModel | null {
  const model = search.get('model');
  return (ATTRIBUTION_MODELS as readonly string[]).includes(model ?? '') ? (model as AttributionModel) : null;
}

/**
 * What the period is compared with (`?compare=year`, `?compare=custom&cfrom=…&cto=…`), the API's
 * parameters as they are (shared/api/period-query.ts); none (or an unknown kind) is the previous
 * period. A custom one may be half typed while the merchant picks its dates.
 */
export type PickedComparison =
  | { readonly kind: Exclude<ComparisonKind, 'custom'> }
  | { readonly kind: 'custom'; readonly from: string; readonly to: string };

export const COMPARISON_LABELS: Record<ComparisonKind, string> = {
  previous: 'Previous period',
  year: 'Same period last year',
  year_weekday: 'Same weekdays last year',
  custom: 'Custom dates…',
};

/** How a sentence or a legend names the comparison period ("the same period last year"). */
export const COMPARISON_NAMES: Record<ComparisonKind, string> = {
  previous: 'the previous period',
  year: 'the same period last year',
  year_weekday: 'the same weekdays last year',
  custom: 'the chosen period',
};

export function comparisonFromSearch(search: URLSearchParams): PickedComparison {
  const kind = search.get('compare');
  if (kind === 'custom') return { kind, from: search.get('cfrom') ?? '', to: search.get('cto') ?? '' };
  if (kind === 'year' || kind === 'year_weekday') return { kind };
  return { kind: 'previous' };
}

/** Why a custom comparison cannot be asked for yet (the API's own rules), or null. */
export function comparisonProblem(c: PickedComparison): string | null {
  if (c.kind !== 'custom') return null;
  if (!isLocalDate(c.from) || !isLocalDate(c.to)) return 'Pick both dates to compare with.';
  const problem = periodProblem(c);
  return problem ? `The comparison: ${problem}.` : null;
}

/** The API's and the URL's parameters for a comparison: none for the previous period. */
export function comparisonParams(c: PickedComparison): Record<string, string> {
  if (c.kind === 'previous') return {};
  if (c.kind === 'custom') return { compare: 'custom', cfrom: c.from, cto: c.to };
  return { compare: c.kind };
}

/** The view's query string: the period, the comparison, then the model when not the brand's. */
export function viewSearch(
  picked: PickedRange,
  model: AttributionModel | null,
  comparison: PickedComparison = { kind: 'previous' },
  defaultDays = DEFAULT_DAYS,
): string {
  const params = new URLSearchParams(periodSearch(picked, defaultDays));
  for (const [k, v] of Object.entries(comparisonParams(comparison))) params.set(k, v);
  if (model) params.set('model', model);
  const s = params.toString();
  return s ? `?${s}` : '';
}
