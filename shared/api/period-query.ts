import { z } from '@hono/zod-openapi';
import type { Brand } from '../domain/entities';
import { reportingEnd } from '../domain/reporting/judged-window';
import { completeDays } from '../domain/reporting/named-period';
import {
  COMPARISONS,
  type Comparison,
  MAX_PERIOD_DAYS,
  type Period,
  periodProblem,
  trailingPeriod,
} from '../domain/reporting/period';
import { daysBetween, isLocalDate, type LocalDate, toLocalDate } from '../domain/time';
import { ValidationError } from '../kernel/errors';
import type { Clock } from '../ports/clock';

const day = z.string().refine(isLocalDate, 'a calendar date, YYYY-MM-DD');

export const periodQuery = z.object({
  from: day
    .optional()
    .openapi({ example: '2026-10-01', description: 'First day, brand-local (default: 29 days before `to`)' }),
  to: day
    .optional()
    .openapi({ example: '2026-10-31', description: 'Last day, brand-local (default: today)' }),
});

/** `periodQuery` for a report on the brand's "now" (`resolveReportingPeriod`), its default said. */
export const reportingPeriodQuery = periodQuery.extend({
  to: day.optional().openapi({
    example: '2026-10-31',
    description:
      'Last day, brand-local (default: yesterday, or the last day with data when the store’s data ends earlier, as for an imported store)',
  }),
});

/** The requested period, defaulting to the last 30 days in the brand's own timezone. */
export function resolvePeriod(q: z.infer<typeof periodQuery>, brand: Brand, clock: Clock): Period {
  const to = (q.to ?? toLocalDate(clock.now(), brand.timezone)) as LocalDate;
  const from = (q.from ?? trailingPeriod(to, 30).from) as LocalDate;
  const days = daysBetween(from, to) + 1;
  if (days < 1) throw new ValidationError('`from` must not be after `to`');
  if (days > MAX_PERIOD_DAYS) throw new ValidationError(`a period spans at most ${MAX_PERIOD_DAYS} days`);
  return { from, to };
}

/**
 * The period of a report on the brand's "now" (customer analytics' LTV ROAS and funnel): the dates
 * asked for when either is given (resolvePeriod), otherwise the last `days` days up to the day the
 * customer model judges the store as of (`reportingEnd`, decisions 1018 and 1020) — yesterday for a
 * store whose data is current, the last day with data for one whose imported files end months ago,
 * which would otherwise read an empty month beside a full model.
 */
export function resolveReportingPeriod(
  q: z.infer<typeof reportingPeriodQuery>,
  brand: Brand,
  clock: Clock,
  latestWithData: LocalDate | undefined,
  days = 30,
): Period {
  if (q.from !== undefined || q.to !== undefined) return resolvePeriod(q, brand, clock);
  return trailingPeriod(
    reportingEnd(latestWithData, toLocalDate(clock.now(), brand.timezone) as LocalDate),
    days,
  );
}

/**
 * `days`: the last N complete days, each brand in its own timezone (what the web app's "Last 7
 * days" sends where brands differ in timezone, as on the agency overview). `from`/`to` win.
 */
export const trailingDaysField = z.coerce
  .number()
  .int()
  .min(1)
  .max(MAX_PERIOD_DAYS)
  .optional()
  .openapi({ example: 7, description: 'The last N complete days, ending yesterday in the brand’s timezone' });

/**
 * The period of a query with `from`/`to` or `days`: the dates asked for when either is given
 * (resolvePeriod), otherwise the last `days` complete days — today is still arriving, so a
 * period that includes it always looks down.
 */
export function resolveDaysOrPeriod(
  q: z.infer<typeof periodQuery> & { days?: number | undefined },
  brand: Brand,
  clock: Clock,
  defaultDays: number,
): Period {
  if (q.from !== undefined || q.to !== undefined) return resolvePeriod(q, brand, clock);
  return completeDays(toLocalDate(clock.now(), brand.timezone) as LocalDate, q.days ?? defaultDays);
}

/** `compare`, `cfrom`, `cto`: what a report compares its period with (domain/reporting/period.ts). */
export const comparisonFields = {
  compare: z.enum(COMPARISONS).optional().openapi({
    example: 'year',
    description:
      'previous (default): the same number of days just before; year: the same dates a year earlier; year_weekday: 52 weeks earlier (weekdays line up); custom: `cfrom` to `cto`',
  }),
  cfrom: day.optional().openapi({ example: '2025-10-01', description: 'First day of a custom comparison' }),
  cto: day.optional().openapi({ example: '2025-10-31', description: 'Last day of a custom comparison' }),
};
type ComparisonInput = {
  compare?: Comparison['kind'] | undefined;
  cfrom?: string | undefined;
  cto?: string | undefined;
};

/**
 * The comparison a query asks for, checked where zod checks the rest of the query (a 400 with the
 * field named): a custom one needs both ends in order and at most the longest period; the others
 * take no dates.
 */
export function checkComparison(q: ComparisonInput, issue: (path: string, message: string) => void): void {
  const dates = q.cfrom !== undefined || q.cto !== undefined;
  if (q.compare !== 'custom') {
    if (dates) issue('compare', '`cfrom` and `cto` go with `compare=custom`');
    return;
  }
  if (q.cfrom === undefined) issue('cfrom', 'a custom comparison needs its first day, `cfrom`');
  if (q.cto === undefined) issue('cto', 'a custom comparison needs its last day, `cto`');
  if (q.cfrom === undefined || q.cto === undefined) return;
  const problem = periodProblem({ from: q.cfrom, to: q.cto });
  if (problem) issue('cto', `the comparison: ${problem}`);
}

/** `.superRefine(comparisonRefinement)` on a query schema that has the comparison fields. */
export function comparisonRefinement(q: ComparisonInput, ctx: z.RefinementCtx): void {
  checkComparison(q, (path, message) => ctx.addIssue({ code: 'custom', path: [path], message }));
}

/** The comparison asked for (a checked query), as the domain takes it. */
export function comparisonOf(q: ComparisonInput): Comparison {
  if (q.compare === 'custom' && q.cfrom && q.cto)
    return { kind: 'custom', period: { from: q.cfrom as LocalDate, to: q.cto as LocalDate } };
  if (q.compare === 'year' || q.compare === 'year_weekday') return { kind: q.compare };
  return { kind: 'previous' };
}
