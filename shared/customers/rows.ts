/** The warehouse rows of one analysis run (tables in shared/ports/warehouse-tables-customers.ts). */

import type { CohortDimension, CohortRow } from '../domain/customers/cohorts';
import type { SegmentMovement } from '../domain/customers/segments/movement';
import { SEGMENTS, type Segment } from '../domain/customers/segments/rfm';
import type { WarehouseRow } from '../ports/warehouse';
import type { CustomerActivity } from './activity-query';
import type { BrandAnalysis } from './analysis';

export interface RunIdentity {
  readonly brandId: string;
  readonly modelId: string;
  readonly fittedAt: string;
  readonly currency: string;
  readonly annualDiscountRate: number;
}

const round6 = (v: number) => Math.round(v * 1e6) / 1e6;

export function modelRow(a: BrandAnalysis, id: RunIdentity, customers: number): WarehouseRow {
  const bg = a.model.bgNbd;
  const gg = a.model.gammaGamma;
  const h = a.holdout;
  const notes = [bg.reason, gg.reason && gg.reason !== bg.reason ? gg.reason : null, a.holdoutNote].filter(
    Boolean,
  );
  return {
    brand_id: id.brandId,
    date: a.asOf,
    model_id: id.modelId,
    fitted_at: id.fittedAt,
    training_from: a.trainingFrom ?? a.asOf,
    training_to: a.asOf,
    customers,
    repeat_customers: a.repeatCustomers,
    median_days_between_orders: a.repeat.medianDaysBetweenOrders,
    currency: id.currency,
    discount_rate: id.annualDiscountRate,
    bgnbd_source: bg.source,
    bgnbd_r: bg.params.r,
    bgnbd_alpha: bg.params.alpha,
    bgnbd_a: bg.params.a,
    bgnbd_b: bg.params.b,
    bgnbd_log_likelihood: bg.logLikelihood,
    gg_source: gg.source,
    gg_p: gg.params.p,
    gg_q: gg.params.q,
    gg_gamma: gg.params.gamma,
    gg_log_likelihood: gg.logLikelihood,
    notes: notes.length > 0 ? notes.join(' ') : null,
    holdout_from: h?.from ?? null,
    holdout_to: h?.to ?? null,
    holdout_customers: h?.metrics.customers ?? null,
    holdout_predicted: h ? round6(h.metrics.predictedRepeatPurchases) : null,
    holdout_actual: h?.metrics.actualRepeatPurchases ?? null,
    holdout_mae: h ? round6(h.metrics.mae) : null,
    holdout_auc: h?.metrics.aucPAlive ?? null,
    holdout_auc_expected: h?.metrics.aucExpectedPurchases ?? null,
  };
}

export function predictionRows(
  a: BrandAnalysis,
  activity: readonly CustomerActivity[],
  id: RunIdentity,
): WarehouseRow[] {
  const asOfDay = Date.parse(`${a.asOf}T00:00:00Z`);
  return activity.map((c, i) => {
    const p = a.predictions[i]!;
    const s = a.scores[i]!;
    return {
      brand_id: id.brandId,
      date: c.first_date,
      customer_id: c.customer_id,
      model_id: id.modelId,
      first_order_id: c.first_order_id,
      first_order_minor: c.first_order_minor,
      orders: c.order_days,
      revenue_minor: c.revenue_minor,
      last_order_date: c.last_date,
      recency_days: Math.round((asOfDay - Date.parse(`${c.last_date}T00:00:00Z`)) / 86_400_000),
      r_score: s.r,
      f_score: s.f,
      m_score: s.m,
      segment: s.segment,
      p_alive: round6(p.pAlive),
      purchases_90: round6(p.purchases90),
      purchases_365: round6(p.purchases365),
      value_90_minor: p.value90Minor,
      value_365_minor: p.value365Minor,
      value_365_low_minor: p.value365LowMinor,
      value_365_high_minor: p.value365HighMinor,
      acquisition_channel: c.acquisition_channel,
      acquisition_platform: c.acquisition_platform,
      acquisition_campaign_id: c.acquisition_campaign_id,
      currency: id.currency,
    };
  });
}

export function segmentRows(
  a: BrandAnalysis,
  activity: readonly CustomerActivity[],
  movement: SegmentMovement,
  id: RunIdentity,
): WarehouseRow[] {
  const revenue = new Map<Segment, number>();
  const value = new Map<Segment, number>();
  a.scores.forEach((s, i) => {
    revenue.set(s.segment, (revenue.get(s.segment) ?? 0) + activity[i]!.revenue_minor);
    value.set(s.segment, (value.get(s.segment) ?? 0) + a.predictions[i]!.value365Minor);
  });
  return SEGMENTS.map((segment) => {
    const size = movement.sizes.find((s) => s.segment === segment)!;
    return {
      brand_id: id.brandId,
      date: a.asOf,
      model_id: id.modelId,
      segment,
      customers: size.customers,
      previous_customers: size.previousCustomers,
      moved_in: size.movedIn,
      moved_out: size.movedOut,
      revenue_minor: revenue.get(segment) ?? 0,
      value_365_minor: value.get(segment) ?? 0,
      currency: id.currency,
    };
  });
}

export function moveRows(a: BrandAnalysis, movement: SegmentMovement, id: RunIdentity): WarehouseRow[] {
  return movement.moves.map((m) => ({
    brand_id: id.brandId,
    date: a.asOf,
    from_segment: m.from,
    to_segment: m.to,
    customers: m.customers,
  }));
}

export function cohortRows(
  asOf: string,
  dimension: CohortDimension,
  cohorts: readonly CohortRow[],
  id: RunIdentity,
): WarehouseRow[] {
  return cohorts.flatMap((c) =>
    c.retention.map((retention, k) => ({
      brand_id: id.brandId,
      date: asOf,
      dimension,
      cohort: c.cohort,
      cohort_customers: c.customers,
      month_offset: k,
      observed_customers: c.observedCustomers[k]!,
      active_customers: c.activeCustomers[k]!,
      retention: round6(retention),
      cumulative_revenue_per_customer_minor: c.cumulativeRevenuePerCustomerMinor[k]!,
      currency: id.currency,
    })),
  );
}
