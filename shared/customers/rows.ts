/** The warehouse rows of one analysis run (tables in shared/ports/warehouse-tables-customers.ts). */

import type { CohortDimension, CohortRow } from '../domain/customers/cohorts';
import type { LifetimeModel } from '../domain/customers/lifetime-value/model';
import type { SegmentMovement } from '../domain/customers/segments/movement';
import { SEGMENTS, type Segment } from '../domain/customers/segments/rfm';
import type { WarehouseRow } from '../ports/warehouse';
import { type ActivityColumns, dayNumber } from './activity-columns';
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
    notes: modelNotes(a.model, a.holdoutNote),
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

/**
 * The run's notes, each said once: why a prior stood in for a fit (the spend fit falls short of
 * everything the purchase fit does and may add its own shortfall, so the two lists are merged)
 * and why there is no holdout score. Which component used the prior the page says beside it.
 */
export function modelNotes(model: LifetimeModel, holdoutNote: string | null): string | null {
  const because = [...new Set([...model.bgNbd.priorBecause, ...model.gammaGamma.priorBecause])];
  const notes = [because.length > 0 ? `Prior used: ${because.join(', ')}.` : null, holdoutNote].filter(
    (n): n is string => n !== null,
  );
  return notes.length > 0 ? notes.join(' ') : null;
}

/** The prediction rows of customers [from, to): the job writes them a batch at a time. */
export function predictionRows(
  a: BrandAnalysis,
  activity: ActivityColumns,
  id: RunIdentity,
  from = 0,
  to = activity.size,
): WarehouseRow[] {
  const asOfDay = dayNumber(a.asOf);
  const p = a.predictions;
  const s = a.scores;
  const rows = new Array<WarehouseRow>(Math.max(0, to - from));
  for (let i = from; i < to; i++) {
    rows[i - from] = {
      brand_id: id.brandId,
      date: activity.firstDate[i]!,
      customer_id: activity.customerId[i]!,
      model_id: id.modelId,
      first_order_id: activity.firstOrderId[i]!,
      first_order_minor: activity.firstOrderMinor[i]!,
      orders: activity.orderDays[i]!,
      revenue_minor: activity.revenueMinor[i]!,
      last_order_date: activity.lastDate[i]!,
      recency_days: Math.round(asOfDay - activity.lastDay[i]!),
      r_score: s.r[i]!,
      f_score: s.f[i]!,
      m_score: s.m[i]!,
      segment: s.segment[i]!,
      p_alive: round6(p.pAlive[i]!),
      purchases_90: round6(p.purchases90[i]!),
      purchases_365: round6(p.purchases365[i]!),
      value_90_minor: p.value90Minor[i]!,
      value_365_minor: p.value365Minor[i]!,
      value_365_low_minor: p.value365LowMinor[i]!,
      value_365_high_minor: p.value365HighMinor[i]!,
      acquisition_channel: activity.acquisitionChannel[i]!,
      acquisition_platform: activity.acquisitionPlatform[i]!,
      acquisition_campaign_id: activity.acquisitionCampaignId[i]!,
      currency: id.currency,
    };
  }
  return rows;
}

export function segmentRows(
  a: BrandAnalysis,
  activity: ActivityColumns,
  movement: SegmentMovement,
  id: RunIdentity,
): WarehouseRow[] {
  const revenue = new Map<Segment, number>();
  const value = new Map<Segment, number>();
  for (let i = 0; i < activity.size; i++) {
    const segment = a.scores.segment[i]!;
    revenue.set(segment, (revenue.get(segment) ?? 0) + activity.revenueMinor[i]!);
    value.set(segment, (value.get(segment) ?? 0) + a.predictions.value365Minor[i]!);
  }
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
