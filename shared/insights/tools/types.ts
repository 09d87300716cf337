import { z } from 'zod';
import type { AcquisitionQueries } from '../../customers/acquisition';
import type { NewCustomerQueries } from '../../customers/new-customers';
import type { Customer360 } from '../../customers/profiles/customer-360';
import type { CustomerReadModel } from '../../customers/read-model';
import type { Brand } from '../../domain/entities';
import { minorUnitExponent } from '../../domain/money';
import {
  calendarMonth,
  lastCompleteDay,
  NAMED_PERIODS,
  type NamedPeriod,
  namedPeriod,
} from '../../domain/reporting/named-period';
import type { TenantContext } from '../../domain/tenancy';
import { addDays, daysBetween, type LocalDate, localDate } from '../../domain/time';
import type { ToolLabels, ToolUnits } from '../../domain/tool-units';
import type { OperationalStore } from '../../ports/operational-store';
import type { PerformanceQueries, Totals } from '../../reporting/read-model/performance-queries';

/** What every tool runs against: one tenant's brand, as of its latest data day. */
export interface ToolContext {
  ctx: TenantContext;
  brand: Brand;
  /** The latest day the brand has data for (today's partial day included). */
  asOf: LocalDate;
  /** Today in the brand's timezone: periods end the day before unless today is asked for. */
  today: LocalDate;
  /** The instant the question is asked (a snoozed alert is hidden until its snooze ends). */
  now: Date;
  queries: PerformanceQueries;
  store: OperationalStore;
  /** Customer profiles (personal data); absent where the caller wired none. */
  customers?: Customer360;
  /** Customer analytics (segments, cohorts, predictions); absent where no warehouse was given. */
  customerAnalytics?: {
    read: CustomerReadModel;
    acquisition: AcquisitionQueries;
    newCustomers: NewCustomerQueries;
  };
}

/** A tool as callers see it: `run` validates its input against `input` itself. */
export interface InsightTool {
  name: string;
  description: string;
  input: z.ZodObject;
  /** Returns personal data: offered to owners, admins and analysts only. */
  personalData?: boolean;
  /**
   * The unit of every number in the output (shared/domain/tool-units.ts), recorded with each call
   * so the app formats money as money and ratios as ratios without guessing from field names.
   */
  units: ToolUnits;
  /**
   * Units that depend on the output: the evidence maps of recommendations and alerts, whose keys
   * each record's rule declares (shared/domain/evidence.ts). Merged over `units` for each call.
   */
  unitsOf?: (output: unknown) => ToolUnits;
  /**
   * Labels that depend on the output, by leaf path: each evidence key as the rule that wrote it
   * labels it (shared/domain/evidence.ts). Recorded with each call beside its units.
   */
  labelsOf?: (output: unknown) => ToolLabels;
  run(tc: ToolContext, input: unknown): Promise<unknown>;
}

/** The units of one call's output: the tool's fixed declaration and what its output adds. */
export const callUnits = (tool: InsightTool, output: unknown): ToolUnits => ({
  ...tool.units,
  ...tool.unitsOf?.(output),
});

/** The labels of one call's output, if its tool writes any. */
export const callLabels = (tool: InsightTool, output: unknown): ToolLabels | undefined =>
  tool.labelsOf?.(output);

export function defineTool<S extends z.ZodObject>(spec: {
  name: string;
  description: string;
  input: S;
  personalData?: boolean;
  units: ToolUnits;
  unitsOf?: (output: unknown) => ToolUnits;
  labelsOf?: (output: unknown) => ToolLabels;
  run(tc: ToolContext, input: z.infer<S>): Promise<unknown>;
}): InsightTool {
  return { ...spec, run: (tc, raw) => spec.run(tc, spec.input.parse(raw ?? {})) };
}

export const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/**
 * The period every performance tool takes, resolved with the reports' own definitions
 * (domain/reporting/named-period.ts): complete brand-local days ending yesterday, today only when
 * asked for. The most specific given wins: from/to, then month, then period, then days.
 */
export const periodInput = {
  days: z
    .number()
    .int()
    .min(1)
    .max(365)
    .default(7)
    .describe('The last N complete days, ending yesterday in the brand timezone (default 7)'),
  period: z
    .enum(NAMED_PERIODS)
    .optional()
    .describe(
      'A named period instead of days: this_month and this_week run to yesterday; today only when asked',
    ),
  month: z
    .string()
    .min(3)
    .max(9)
    .optional()
    .describe('A calendar month: YYYY-MM, or its English name ("november" = its latest occurrence)'),
  from: day.optional().describe('First day, YYYY-MM-DD in the brand timezone (with `to`)'),
  to: day.optional().describe('Last day, YYYY-MM-DD in the brand timezone (with `from`)'),
  end_date: day.optional().describe('Last day of the `days` period, YYYY-MM-DD (default: yesterday)'),
};
type PeriodInput = {
  days: number;
  period?: NamedPeriod | undefined;
  month?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  end_date?: string | undefined;
};

export interface Period {
  from: LocalDate;
  to: LocalDate;
  days: number;
}

/** Input a tool cannot act on: the model is told why, as for input that fails its schema. */
export class ToolInputError extends Error {}

/**
 * The days a tool reports on. Without dates, the last complete day is yesterday — or the latest
 * day with data when the brand's data ends earlier (an imported store), so "the last 7 days" is
 * the last 7 days it has.
 */
export function periodOf(tc: ToolContext, input: PeriodInput): Period {
  const withDays = (p: { from: LocalDate; to: LocalDate }): Period => {
    if (p.from > p.to) throw new ToolInputError(`the period starts (${p.from}) after it ends (${p.to})`);
    return { ...p, days: daysBetween(p.from, p.to) + 1 };
  };
  if (input.from || input.to) {
    if (!input.from || !input.to) throw new ToolInputError('give both `from` and `to`, or neither');
    return withDays({ from: localDate(input.from), to: localDate(input.to) });
  }
  if (input.month) {
    const month = calendarMonth(input.month, tc.today);
    if (!month) throw new ToolInputError(`${input.month} is not a month that has begun`);
    return withDays(month);
  }
  if (input.period) return withDays(namedPeriod(input.period, tc.today));
  const yesterday = lastCompleteDay(tc.today);
  const earlier = [tc.asOf, yesterday].sort()[0]!;
  const to = input.end_date ? localDate(input.end_date) : earlier;
  return { from: addDays(to, -(input.days - 1)), to, days: input.days };
}

export const sliceOf = (tc: ToolContext, p: Period) => ({
  brandId: tc.brand.id,
  model: tc.brand.targets.attributionModel,
  from: p.from,
  to: p.to,
});

/** Money for people and models: major units of the brand currency, exact to the minor unit. */
export function major(minor: number, currency: string): number {
  const exp = minorUnitExponent(currency);
  return Number((minor / 10 ** exp).toFixed(exp));
}

export const round = (value: number, places = 2) => Number(value.toFixed(places));
export const ratioOf = (a: number, b: number) => (b > 0 ? round(a / b) : null);

/** The units of `kpisOf` and of a `Period`'s length. */
export const KPI_UNITS = {
  spend: 'money-major',
  revenue: 'money-major',
  profit: 'money-major',
  orders: 'count',
  roas: 'ratio',
} as const satisfies ToolUnits;
export const PERIOD_UNITS = { days: 'days' } as const satisfies ToolUnits;

/** The KPI block every performance tool returns, from a totals row. */
export function kpisOf(t: Totals, currency: string) {
  return {
    spend: major(t.spend_minor, currency),
    revenue: major(t.revenue_minor, currency),
    profit: major(t.profit_minor, currency),
    orders: round(t.orders, 1),
    roas: ratioOf(t.revenue_minor, t.spend_minor),
  };
}
