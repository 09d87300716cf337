/**
 * What the API, the web app and the AI tools read of customer analytics: the latest model version,
 * its segments and movement, cohorts, the value distribution and one customer's prediction.
 */

import { type CohortDimension, UNATTRIBUTED_COHORT } from '../domain/customers/cohorts';
import { SEGMENT_LABELS, SEGMENTS, type Segment } from '../domain/customers/segments/rfm';
import type { Brand } from '../domain/entities/brand';
import type { TenantContext } from '../domain/tenancy';
import type { Warehouse, WarehouseRow } from '../ports/warehouse';
import { loadNameBook } from '../reporting/names';
import { customerOrdersSql } from './customer-key';
import { type FunnelQuery, readFunnel } from './funnel-query';
import type {
  CohortsResponse,
  Customer360Prediction,
  CustomerModel,
  CustomerValue,
  SegmentsResponse,
} from './schemas';

type Row = Record<string, string | number | null>;
const n = (v: unknown) => Number(v ?? 0);
const nn = (v: unknown) => (v === null || v === undefined ? null : Number(v));

export function modelOf(r: Row): CustomerModel {
  return {
    modelId: String(r.model_id),
    fittedAt: String(r.fitted_at),
    trainingFrom: String(r.training_from),
    trainingTo: String(r.training_to),
    customers: n(r.customers),
    repeatCustomers: n(r.repeat_customers),
    discountRate: n(r.discount_rate),
    bgNbd: {
      source: r.bgnbd_source === 'fitted' ? 'fitted' : 'prior',
      r: n(r.bgnbd_r),
      alpha: n(r.bgnbd_alpha),
      a: n(r.bgnbd_a),
      b: n(r.bgnbd_b),
      logLikelihood: nn(r.bgnbd_log_likelihood),
    },
    gammaGamma: {
      source: r.gg_source === 'fitted' ? 'fitted' : 'prior',
      p: n(r.gg_p),
      q: n(r.gg_q),
      gamma: n(r.gg_gamma),
      logLikelihood: nn(r.gg_log_likelihood),
    },
    notes: r.notes === null || r.notes === undefined ? null : String(r.notes),
    holdout:
      r.holdout_from === null || r.holdout_from === undefined
        ? null
        : {
            from: String(r.holdout_from),
            to: String(r.holdout_to),
            customers: n(r.holdout_customers),
            predictedRepeatPurchases: n(r.holdout_predicted),
            actualRepeatPurchases: n(r.holdout_actual),
            mae: n(r.holdout_mae),
            aucPAlive: nn(r.holdout_auc),
            aucExpectedPurchases: nn(r.holdout_auc_expected),
          },
  };
}

/** Value bands as multiples of the model's mean order value: "less than half an order", … */
const BAND_MULTIPLES = [0, 0.5, 1, 2, 4, 8] as const;

export function createCustomerReadModel(warehouse: Pick<Warehouse, 'query'>) {
  async function latestModelRow(ctx: TenantContext, brandId: string): Promise<Row | null> {
    const [row] = await warehouse.query<Row>(
      ctx,
      `SELECT * FROM {{customer_models}} WHERE brand_id = @brandId ORDER BY date DESC, fitted_at DESC LIMIT 1`,
      { brandId },
    );
    return row ?? null;
  }

  async function valueDistribution(ctx: TenantContext, brandId: string, model: CustomerModel) {
    const { p, q, gamma } = model.gammaGamma;
    const meanOrder = q > 1 ? (p * gamma) / (q - 1) : 0;
    const edges = BAND_MULTIPLES.map((m) => Math.round(m * meanOrder));
    const cases = edges
      .map((lo, i) => {
        const hi = edges[i + 1];
        return hi === undefined
          ? `WHEN value_365_minor >= ${lo} THEN ${i}`
          : `WHEN value_365_minor < ${hi} THEN ${i}`;
      })
      .join(' ');
    const rows = await warehouse.query<{ band: number; customers: number }>(
      ctx,
      `SELECT CASE ${cases} END AS band, COUNT(*) AS customers FROM {{customer_predictions}}
       WHERE brand_id = @brandId GROUP BY CASE ${cases} END`,
      { brandId },
    );
    const counts = new Map(rows.map((r) => [n(r.band), n(r.customers)]));
    return edges.map((fromMinor, i) => ({
      fromMinor,
      toMinor: edges[i + 1] ?? null,
      customers: counts.get(i) ?? 0,
    }));
  }

  return {
    /** A conversion funnel over the brand's first-party events (computed on read, not nightly). */
    funnel: (ctx: TenantContext, q: FunnelQuery) => readFunnel(warehouse, ctx, q),

    async latestModel(ctx: TenantContext, brandId: string): Promise<CustomerModel | null> {
      const row = await latestModelRow(ctx, brandId);
      return row ? modelOf(row) : null;
    },

    async segments(ctx: TenantContext, brand: Brand): Promise<SegmentsResponse> {
      const row = await latestModelRow(ctx, brand.id);
      const empty: SegmentsResponse = {
        currency: brand.currency,
        asOf: null,
        model: null,
        segments: [],
        moves: [],
        repeat: { customers: 0, repeatCustomers: 0, repeatRate: 0, medianDaysBetweenOrders: null },
        valueDistribution: [],
      };
      if (!row) return empty;
      const model = modelOf(row);
      const params = { brandId: brand.id, date: model.trainingTo };
      const [segments, moves, distribution] = await Promise.all([
        warehouse.query<Row>(
          ctx,
          'SELECT * FROM {{customer_segments}} WHERE brand_id = @brandId AND date = CAST(@date AS DATE)',
          params,
        ),
        warehouse.query<Row>(
          ctx,
          'SELECT from_segment, to_segment, customers FROM {{customer_segment_moves}} WHERE brand_id = @brandId AND date = CAST(@date AS DATE) ORDER BY customers DESC',
          params,
        ),
        valueDistribution(ctx, brand.id, model),
      ]);
      const bySegment = new Map(segments.map((s) => [String(s.segment), s]));
      return {
        currency: brand.currency,
        asOf: model.trainingTo,
        model,
        segments: SEGMENTS.map((segment: Segment) => {
          const s = bySegment.get(segment) ?? {};
          return {
            segment,
            label: SEGMENT_LABELS[segment],
            customers: n(s.customers),
            previousCustomers: n(s.previous_customers),
            movedIn: n(s.moved_in),
            movedOut: n(s.moved_out),
            revenueMinor: n(s.revenue_minor),
            value365Minor: n(s.value_365_minor),
          };
        }),
        moves: moves.map((m) => ({
          from: String(m.from_segment),
          to: String(m.to_segment),
          customers: n(m.customers),
        })),
        repeat: {
          customers: model.customers,
          repeatCustomers: model.repeatCustomers,
          repeatRate: model.customers > 0 ? model.repeatCustomers / model.customers : 0,
          medianDaysBetweenOrders: nn(row.median_days_between_orders),
        },
        valueDistribution: distribution,
      };
    },

    async cohorts(ctx: TenantContext, brand: Brand, dimension: CohortDimension): Promise<CohortsResponse> {
      const rows = await warehouse.query<Row>(
        ctx,
        `SELECT * FROM {{customer_cohorts}} WHERE brand_id = @brandId AND dimension = @dimension
           AND date = (SELECT MAX(date) FROM {{customer_cohorts}} WHERE brand_id = @brandId)
         ORDER BY cohort, month_offset`,
        { brandId: brand.id, dimension },
      );
      // A campaign cohort is named as every other page names the campaign.
      const names = dimension === 'campaign' ? await loadNameBook(warehouse, ctx, brand.id) : null;
      const nameOf = (key: string) => (names && key !== UNATTRIBUTED_COHORT ? names.campaign(key) : null);
      const cohorts = new Map<string, CohortsResponse['cohorts'][number]>();
      for (const r of rows) {
        const key = String(r.cohort);
        const c = cohorts.get(key) ?? {
          cohort: key,
          name: nameOf(key),
          customers: n(r.cohort_customers),
          months: [],
        };
        c.months.push({
          offset: n(r.month_offset),
          observedCustomers: n(r.observed_customers),
          activeCustomers: n(r.active_customers),
          retention: n(r.retention),
          cumulativeRevenuePerCustomerMinor: n(r.cumulative_revenue_per_customer_minor),
        });
        cohorts.set(key, c);
      }
      return {
        currency: brand.currency,
        asOf: rows[0] ? String(rows[0].date) : null,
        dimension,
        cohorts: [...cohorts.values()],
      };
    },

    async customerValue(
      ctx: TenantContext,
      brandId: string,
      customerId: string,
    ): Promise<CustomerValue | null> {
      const [r] = await warehouse.query<Row>(
        ctx,
        'SELECT * FROM {{customer_predictions}} WHERE brand_id = @brandId AND customer_id = @customerId',
        { brandId, customerId },
      );
      return r ? customerValueOf(r) : null;
    },

    /** Whether any order of the brand names this store customer (a real one, predicted or not yet). */
    async hasOrders(ctx: TenantContext, brandId: string, customerId: string): Promise<boolean> {
      const rows = await warehouse.query(
        ctx,
        `SELECT 1 AS found FROM (${customerOrdersSql('@brandId')}) o WHERE customer_id = @customerId LIMIT 1`,
        { brandId, customerId },
      );
      return rows.length > 0;
    },

    /**
     * The latest prediction for a profile's store customers. A merged person may hold several:
     * the one who ordered most recently speaks for the profile (docs/decisions/858).
     */
    async predictionForProfile(
      ctx: TenantContext,
      brandId: string,
      customerIds: readonly string[],
    ): Promise<Customer360Prediction> {
      const model = await latestModelRow(ctx, brandId);
      if (!model) return { status: 'not_computed', reason: 'no_model', asOf: null };
      const asOf = String(model.training_to);
      const rows =
        customerIds.length === 0
          ? []
          : await warehouse.query<Row>(
              ctx,
              `SELECT * FROM {{customer_predictions}}
                WHERE brand_id = @brandId AND customer_id IN (SELECT * FROM UNNEST(@customerIds))
                ORDER BY last_order_date DESC, orders DESC, customer_id`,
              { brandId, customerIds: [...customerIds] },
            );
      const r = rows[0];
      if (!r) return { status: 'not_computed', reason: 'no_prediction', asOf };
      const v = customerValueOf(r);
      return {
        status: 'computed',
        customerId: v.customerId,
        storeCustomers: rows.length,
        segment: v.segment,
        segmentLabel: SEGMENT_LABELS[v.segment] ?? v.segment,
        orders: v.orders,
        pAlive: v.pAlive,
        purchases90: v.purchases90,
        value90Minor: v.value90Minor,
        value365Minor: v.value365Minor,
        value365LowMinor: v.value365LowMinor,
        value365HighMinor: v.value365HighMinor,
        currency: String(r.currency),
        modelId: v.modelId,
        asOf: String(r.model_id) === String(model.model_id) ? asOf : null,
      };
    },

    /** The customers with the highest predicted 365-day value (or the given segment's). */
    async topCustomers(
      ctx: TenantContext,
      brandId: string,
      options: { segment?: Segment; limit: number },
    ): Promise<CustomerValue[]> {
      const rows = await warehouse.query<Row>(
        ctx,
        `SELECT * FROM {{customer_predictions}} WHERE brand_id = @brandId ${options.segment ? 'AND segment = @segment' : ''}
         ORDER BY value_365_minor DESC, customer_id LIMIT ${Math.max(1, Math.min(500, Math.floor(options.limit)))}`,
        { brandId, ...(options.segment ? { segment: options.segment } : {}) },
      );
      return rows.map(customerValueOf);
    },
  };
}
export type CustomerReadModel = ReturnType<typeof createCustomerReadModel>;

export function customerValueOf(r: WarehouseRow | Row): CustomerValue {
  return {
    customerId: String(r.customer_id),
    segment: String(r.segment) as Segment,
    rfm: { r: n(r.r_score), f: n(r.f_score), m: n(r.m_score) },
    orders: n(r.orders),
    revenueMinor: n(r.revenue_minor),
    firstOrderDate: String(r.date),
    lastOrderDate: String(r.last_order_date),
    pAlive: n(r.p_alive),
    purchases90: n(r.purchases_90),
    purchases365: n(r.purchases_365),
    value90Minor: n(r.value_90_minor),
    value365Minor: n(r.value_365_minor),
    value365LowMinor: n(r.value_365_low_minor),
    value365HighMinor: n(r.value_365_high_minor),
    acquisition: {
      channel: (r.acquisition_channel as string | null) ?? null,
      platform: (r.acquisition_platform as string | null) ?? null,
      campaignId: (r.acquisition_campaign_id as string | null) ?? null,
    },
    modelId: String(r.model_id),
  };
}
