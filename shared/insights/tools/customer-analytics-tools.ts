import { z } from 'zod';
import { COHORT_DIMENSIONS } from '../../domain/customers/cohorts';
import {
  DEFAULT_FUNNEL_STEPS,
  DEFAULT_WINDOW_DAYS,
  FUNNEL_BREAKDOWNS,
  MAX_WINDOW_DAYS,
  parseFunnelSteps,
} from '../../domain/customers/funnels';
import { SEGMENT_DEFINITIONS, SEGMENTS } from '../../domain/customers/segments/rfm';
import { humanize } from '../../domain/format';
import { channelName, cohortName, platformName } from '../../domain/names/names';
import { intervalLabel, month } from '../../domain/phrasing';
import { defineTool, major, PERIOD_UNITS, periodInput, periodOf, round, ToolInputError } from './types';

const NOT_READY = {
  error: 'Customer analytics have not run for this brand yet (the customer-analytics job runs nightly).',
};

const UNAVAILABLE = { error: 'Customer analytics are not available here.' };

export const getSegments = defineTool({
  name: 'get_segments',
  description:
    "Answers which customers are at risk of churning, lapsed, loyal or champions, and the customers' lifetime value and repeat rate. RFM segments of the brand's customers (champions, loyal, new, promising, needs attention, at risk, hibernating, lost), each with what puts a customer in it: size, revenue to date, predicted 365-day value and movement since the previous nightly run; the totals over all customers; the repeat rate and the lifetime-value model (fitted or prior) with its holdout score.",
  input: z.object({}),
  units: {
    currency: 'currency',
    customers: 'count',
    change_since_previous_run: 'count',
    revenue_to_date: 'money-major',
    predicted_value_365d: 'money-major',
    value_horizon_days: 'days',
    repeat_rate: 'fraction',
    median_days_between_orders: 'days',
    predicted_repeat_purchases: 'number',
    actual_repeat_purchases: 'count',
    mean_absolute_error: 'number',
    segment: 'label',
    'model.version': 'internal',
    purchases_model: 'label',
    spend_model: 'label',
  },
  async run(tc) {
    if (!tc.customerAnalytics) return UNAVAILABLE;
    const s = await tc.customerAnalytics.read.segments(tc.ctx, tc.brand);
    if (!s.model) return NOT_READY;
    const c = tc.brand.currency;
    return {
      as_of: s.asOf,
      currency: c,
      // "Predicted 365-day value" names its horizon: the 365 an answer writes is this, not a chance
      // difference of two other figures.
      value_horizon_days: 365,
      // The app's "Customers" and "Predicted 365-day value" figures, so an answer states them as given.
      totals: {
        customers: s.repeat.customers,
        revenue_to_date: major(
          s.segments.reduce((t, x) => t + x.revenueMinor, 0),
          c,
        ),
        predicted_value_365d: major(
          s.segments.reduce((t, x) => t + x.value365Minor, 0),
          c,
        ),
      },
      segments: s.segments.map((x) => ({
        segment: x.segment,
        definition: SEGMENT_DEFINITIONS[x.segment],
        customers: x.customers,
        change_since_previous_run: x.customers - x.previousCustomers,
        revenue_to_date: major(x.revenueMinor, c),
        predicted_value_365d: major(x.value365Minor, c),
      })),
      repeat_rate: round(s.repeat.repeatRate, 4),
      median_days_between_orders: s.repeat.medianDaysBetweenOrders,
      model: {
        version: s.model.modelId,
        purchases_model: s.model.bgNbd.source,
        spend_model: s.model.gammaGamma.source,
        notes: s.model.notes,
        holdout: s.model.holdout && {
          from: s.model.holdout.from,
          to: s.model.holdout.to,
          predicted_repeat_purchases: round(s.model.holdout.predictedRepeatPurchases, 1),
          actual_repeat_purchases: s.model.holdout.actualRepeatPurchases,
          mean_absolute_error: round(s.model.holdout.mae, 3),
        },
      },
    };
  },
});

export const getCohorts = defineTool({
  name: 'get_cohorts',
  description:
    'Answers retention questions (do customers come back, how cohorts retain). Customer cohorts by first-order month, acquisition channel or acquisition campaign, each by the name the app shows ("March 2026", "Google Ads", the campaign\'s name, "Unattributed"): share of each cohort buying again in each month after the first order, and cumulative revenue per customer.',
  input: z.object({
    dimension: z.enum(COHORT_DIMENSIONS).default('month'),
    months: z.number().int().min(1).max(24).default(6).describe('Months after the first order to include'),
  }),
  units: {
    currency: 'currency',
    customers: 'count',
    // The cohort's key (`2026-03`, `google_ads`, a campaign id); `name` says it in words.
    'cohorts[].cohort': 'internal',
    'cohorts[].months[].month': 'count',
    retention: 'fraction',
    cumulative_revenue_per_customer: 'money-major',
    dimension: 'label',
  },
  async run(tc, input) {
    if (!tc.customerAnalytics) return UNAVAILABLE;
    const r = await tc.customerAnalytics.read.cohorts(tc.ctx, tc.brand, input.dimension);
    if (!r.asOf) return NOT_READY;
    return {
      as_of: r.asOf,
      dimension: r.dimension,
      currency: tc.brand.currency,
      cohorts: r.cohorts.map((c) => ({
        // The cohort as the app names it, so an answer says "March 2026" and "Google Ads", never a key.
        name: cohortName(r.dimension, c, month),
        cohort: c.cohort,
        customers: c.customers,
        months: c.months.slice(0, input.months).map((m) => ({
          month: m.offset,
          retention: round(m.retention, 4),
          cumulative_revenue_per_customer: major(m.cumulativeRevenuePerCustomerMinor, tc.brand.currency),
        })),
      })),
    };
  },
});

export const getCustomerValue = defineTool({
  name: 'get_customer_value',
  description: `Answers which campaigns bring customers with the highest lifetime value, LTV by campaign, CAC and LTV to CAC, one customer's predicted value and the top customers by predicted value. With customer_id, one customer's segment, probability of still being active, expected purchases and discounted value over 90 and 365 days with an ${intervalLabel}; without, the top customers by predicted value (optionally in one segment) and, for the customers whose first order ever fell in the period, each acquiring campaign (credited with their first order under the brand's attribution model and window): customers acquired, their first order and predicted 365-day value per customer, CAC, LTV:CAC and LTV ROAS.`,
  input: z.object({
    customer_id: z.string().optional(),
    segment: z.enum(SEGMENTS).optional(),
    limit: z.number().int().min(1).max(50).default(10),
    ...periodInput,
    days: z
      .number()
      .int()
      .min(1)
      .max(365)
      .default(30)
      .describe(
        'First orders in the last N complete days, ending yesterday in the brand timezone (default 30)',
      ),
  }),
  units: {
    currency: 'currency',
    discount_rate: 'fraction',
    orders: 'count',
    revenue_to_date: 'money-major',
    p_alive: 'fraction',
    expected_purchases_90d: 'number',
    expected_purchases_365d: 'number',
    predicted_value_90d: 'money-major',
    predicted_value_365d: 'money-major',
    predicted_value_365d_interval_80: 'money-major',
    roas_target: 'ratio',
    attribution_model: 'label',
    attribution_window_days: 'days',
    value_horizon_days: 'days',
    'ltv_roas_by_campaign.period.days': 'days',
    spend: 'money-major',
    acquired_customers: 'count',
    first_order_value_per_customer: 'money-major',
    predicted_value_365d_per_customer: 'money-major',
    ltv_per_customer: 'money-major',
    cac: 'money-major',
    first_order_roas: 'ratio',
    ltv_roas: 'ratio',
    ltv_to_cac: 'ratio',
    customer_id: 'internal',
    campaign_id: 'internal',
    // The platform's key; `platform_name` says it in words.
    platform: 'internal',
    acquired_by_campaign: 'internal',
    model: 'internal',
    segment: 'label',
  },
  async run(tc, input) {
    if (!tc.customerAnalytics) return UNAVAILABLE;
    const { read, acquisition } = tc.customerAnalytics;
    const c = tc.brand.currency;
    const shape = (v: NonNullable<Awaited<ReturnType<typeof read.customerValue>>>) => ({
      customer_id: v.customerId,
      segment: v.segment,
      orders: v.orders,
      revenue_to_date: major(v.revenueMinor, c),
      p_alive: round(v.pAlive, 3),
      expected_purchases_90d: round(v.purchases90, 2),
      expected_purchases_365d: round(v.purchases365, 2),
      predicted_value_90d: major(v.value90Minor, c),
      predicted_value_365d: major(v.value365Minor, c),
      predicted_value_365d_interval_80: [major(v.value365LowMinor, c), major(v.value365HighMinor, c)],
      acquired_by_campaign: v.acquisition.campaignId,
    });
    if (input.customer_id) {
      const v = await read.customerValue(tc.ctx, tc.brand.id, input.customer_id);
      return v
        ? { currency: c, model: v.modelId, customer: shape(v) }
        : { error: `no prediction for customer ${input.customer_id}` };
    }
    const model = await read.latestModel(tc.ctx, tc.brand.id);
    if (!model) return NOT_READY;
    const period = periodOf(tc, input);
    const [top, campaigns] = await Promise.all([
      read.topCustomers(tc.ctx, tc.brand.id, {
        limit: input.limit,
        ...(input.segment ? { segment: input.segment } : {}),
      }),
      acquisition.ltvByCampaign(tc.ctx, tc.brand, period),
    ]);
    // Per acquired customer, as the campaign is credited with them (fractional credit sums).
    const per = (minor: number, customers: number) =>
      customers > 0 ? major(Math.round(minor / customers), c) : null;
    return {
      currency: c,
      model: model.modelId,
      discount_rate: model.discountRate,
      top_customers: top.map(shape),
      ltv_roas_by_campaign: {
        period,
        attribution_model: tc.brand.targets.attributionModel,
        attribution_window_days: tc.brand.targets.attributionWindowDays,
        value_horizon_days: 365,
        roas_target: tc.brand.targets.roasTarget,
        campaigns: campaigns
          .filter((x) => x.acquiredCustomers > 0 || x.spendMinor > 0)
          .map((x) => ({
            campaign_id: x.campaignId,
            name: x.campaignName ?? x.campaignId,
            platform: x.platform,
            platform_name: x.platform ? platformName(x.platform) : null,
            spend: major(x.spendMinor, c),
            acquired_customers: round(x.acquiredCustomers, 1),
            first_order_value_per_customer: per(x.firstOrderRevenueMinor, x.acquiredCustomers),
            predicted_value_365d_per_customer: per(x.predictedValue365Minor, x.acquiredCustomers),
            ltv_per_customer: x.ltvPerCustomerMinor === null ? null : major(x.ltvPerCustomerMinor, c),
            cac: x.cacMinor === null ? null : major(x.cacMinor, c),
            first_order_roas: x.firstOrderRoas === null ? null : round(x.firstOrderRoas),
            ltv_roas: x.ltvRoas === null ? null : round(x.ltvRoas),
            ltv_to_cac: x.ltvToCac === null ? null : round(x.ltvToCac),
          })),
      },
    };
  },
});

export const getNewCustomers = defineTool({
  name: 'get_new_customers',
  description:
    "Answers how many new customers the brand got in a period, and new vs returning customers. A new customer placed their first order with the brand ever in the period (not merely their first in the period); a returning customer ordered in the period and had ordered before it; orders naming no customer are counted apart. For each: customers, orders and revenue (the brand's revenue basis, net of refunds on those orders) and share of the period's orders; for new customers also their first orders' revenue and average first order.",
  input: z.object(periodInput),
  units: {
    ...PERIOD_UNITS,
    currency: 'currency',
    customers: 'count',
    orders: 'count',
    revenue: 'money-major',
    share_of_orders: 'fraction',
    first_order_revenue: 'money-major',
    first_order_aov: 'money-major',
  },
  async run(tc, input) {
    if (!tc.customerAnalytics) return UNAVAILABLE;
    const period = periodOf(tc, input);
    const r = await tc.customerAnalytics.newCustomers.newVsReturning(tc.ctx, tc.brand, period);
    const c = tc.brand.currency;
    const share = (orders: number) => (r.orders > 0 ? round(orders / r.orders, 4) : null);
    return {
      period,
      latest_day_with_data: tc.asOf,
      currency: c,
      orders: r.orders,
      new_customers: {
        customers: r.new.customers,
        orders: r.new.orders,
        revenue: major(r.new.revenueMinor, c),
        share_of_orders: share(r.new.orders),
        first_order_revenue: major(r.new.firstOrderRevenueMinor, c),
        first_order_aov: r.new.firstOrderAovMinor === null ? null : major(r.new.firstOrderAovMinor, c),
      },
      returning_customers: {
        customers: r.returning.customers,
        orders: r.returning.orders,
        revenue: major(r.returning.revenueMinor, c),
        share_of_orders: share(r.returning.orders),
      },
      orders_without_customer: {
        orders: r.withoutCustomer.orders,
        revenue: major(r.withoutCustomer.revenueMinor, c),
        share_of_orders: share(r.withoutCustomer.orders),
      },
    };
  },
});

export const getFunnel = defineTool({
  name: 'get_funnel',
  description:
    "Answers conversion-rate, add-to-cart and checkout questions. Conversion funnel over the store's first-party browsing events for a period: how many visitors (browsers) reached each step in order within the conversion window, the conversion from each step to the next, and the same split by the channel the visitor arrived from or by device (mobile, tablet, desktop, unknown; crawlers are never counted). Default steps: visited → viewed a product → added to cart → started checkout → completed checkout.",
  input: z.object({
    ...periodInput,
    steps: z
      .string()
      .optional()
      .describe(
        'Event types in order, comma-separated, `|` for alternatives in one step, e.g. "product_viewed,product_added_to_cart,checkout_completed"',
      ),
    window_days: z.number().int().min(1).max(MAX_WINDOW_DAYS).default(DEFAULT_WINDOW_DAYS),
    by: z
      .enum(FUNNEL_BREAKDOWNS)
      .default('channel')
      .describe('Split by the channel visitors arrived from (by_channel) or their device (by_device)'),
  }),
  units: {
    window_days: 'days',
    visitors: 'count',
    conversion_from_previous: 'fraction',
    conversion_from_start: 'fraction',
    event_types: 'label',
    // The channel's key; its `name` heads its row.
    channel: 'internal',
  },
  // A split by device has the device's key where the channel's was (`name` reads "Mobile"):
  // declared with the output, since every fixed declaration must be in the default split's.
  unitsOf: () => ({ device: 'internal' }),
  async run(tc, input) {
    if (!tc.customerAnalytics) return UNAVAILABLE;
    const steps =
      input.steps === undefined
        ? { ok: true as const, value: DEFAULT_FUNNEL_STEPS }
        : parseFunnelSteps(input.steps);
    if (!steps.ok) throw new ToolInputError(steps.reason);
    const period = periodOf(tc, input);
    const f = await tc.customerAnalytics.read.funnel(tc.ctx, {
      brandId: tc.brand.id,
      from: period.from,
      to: period.to,
      steps: steps.value,
      windowDays: input.window_days,
      by: input.by,
    });
    const shape = (s: (typeof f.steps)[number]) => ({
      step: s.label,
      event_types: s.types,
      visitors: s.visitors,
      conversion_from_previous: s.conversionFromPrevious === null ? null : round(s.conversionFromPrevious, 4),
      conversion_from_start: s.conversionFromStart === null ? null : round(s.conversionFromStart, 4),
    });
    return {
      period: { from: period.from, to: period.to },
      window_days: input.window_days,
      counted: 'visitors (browsers), each once at the deepest step any of its visits reached',
      steps: f.steps.map(shape),
      // Each row by name ("Google Ads", "Mobile"), its key kept for the model.
      [`by_${f.by}`]: f.breakdown.map((row) => ({
        [f.by]: row.key,
        name: f.by === 'channel' ? channelName(row.key) : humanize(row.key),
        steps: row.steps.map(shape),
      })),
    };
  },
});
