import { z } from 'zod';
import type { AcquisitionQueries } from '../../customers/acquisition';
import type { Customer360 } from '../../customers/profiles/customer-360';
import type { CustomerReadModel } from '../../customers/read-model';
import type { Brand } from '../../domain/entities';
import { minorUnitExponent } from '../../domain/money';
import type { TenantContext } from '../../domain/tenancy';
import { addDays, type LocalDate, localDate } from '../../domain/time';
import type { OperationalStore } from '../../ports/operational-store';
import type { PerformanceQueries, Totals } from '../../reporting/read-model/performance-queries';

/** What every tool runs against: one tenant's brand, as of its latest data day. */
export interface ToolContext {
  ctx: TenantContext;
  brand: Brand;
  asOf: LocalDate;
  queries: PerformanceQueries;
  store: OperationalStore;
  /** Customer profiles (personal data); absent where the caller wired none. */
  customers?: Customer360;
  /** Customer analytics (segments, cohorts, predictions); absent where no warehouse was given. */
  customerAnalytics?: { read: CustomerReadModel; acquisition: AcquisitionQueries };
}

/** A tool as callers see it: `run` validates its input against `input` itself. */
export interface InsightTool {
  name: string;
  description: string;
  input: z.ZodObject;
  /** Returns personal data: offered to owners, admins and analysts only. */
  personalData?: boolean;
  run(tc: ToolContext, input: unknown): Promise<unknown>;
}

export function defineTool<S extends z.ZodObject>(spec: {
  name: string;
  description: string;
  input: S;
  personalData?: boolean;
  run(tc: ToolContext, input: z.infer<S>): Promise<unknown>;
}): InsightTool {
  return { ...spec, run: (tc, raw) => spec.run(tc, spec.input.parse(raw ?? {})) };
}

export const periodInput = {
  days: z.number().int().min(1).max(365).default(7).describe('Length of the period in days (default 7)'),
  end_date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional()
    .describe('Last day of the period, YYYY-MM-DD in the brand timezone (default: the latest day with data)'),
};

export interface Period {
  from: LocalDate;
  to: LocalDate;
  days: number;
}

export function periodOf(tc: ToolContext, input: { days: number; end_date?: string | undefined }): Period {
  const to = input.end_date ? localDate(input.end_date) : tc.asOf;
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
