import { creditAllModels, type ModelSettings } from '../../domain/attribution/attribute';
import { isModelled } from '../../domain/attribution/fallback';
import { UNATTRIBUTED_CHANNEL } from '../../domain/attribution/types';
import { ATTRIBUTION_MODELS, type AttributionModel } from '../../domain/entities/brand';
import type { DatedAmount } from '../../domain/performance/reconciliation';
import type { AttributedOrder, OrderShare } from '../../domain/performance/types';
import type { WarehouseRow } from '../../ports/warehouse';
import type { AttributionColumn } from '../../ports/warehouse-tables';
import type { PreparedOrder } from './journeys';

export interface CreditedChunk {
  /** Rows for `attributions`: one per order and destination, every model's credit on it. */
  readonly rows: WarehouseRow[];
  /** How many orders were credited. */
  readonly orders: number;
  /** Gross revenue attributed to each paid platform (its campaigns and its unidentified clicks) per order day, for reconciliation. */
  readonly platformRevenue: DatedAmount[];
}

/** Each model's index in `ATTRIBUTION_MODELS` (the order of a destination's credit arrays). */
const M = Object.fromEntries(ATTRIBUTION_MODELS.map((m, i) => [m, i])) as Record<AttributionModel, number>;

/**
 * Credits a chunk of prepared orders under all six models; each order's view under the chosen
 * model goes to `onOrder` (for unified performance) as soon as it is credited.
 */
export function creditChunk(
  prepared: Iterable<PreparedOrder>,
  brandId: string,
  currency: string,
  chosen: AttributionModel,
  settings: ModelSettings,
  onOrder: (order: AttributedOrder) => void,
): CreditedChunk {
  const rows: WarehouseRow[] = [];
  const byDay = new Map<string, Map<string, DatedAmount & { amountMinor: number }>>();
  const m = ATTRIBUTION_MODELS.indexOf(chosen);
  let orders = 0;
  for (const p of prepared) {
    orders++;
    const destinations = creditAllModels(p.facts, p.journey, settings);
    const shares: OrderShare[] = [];
    for (const d of destinations) {
      const c = d.credit;
      const r = d.revenueMinor;
      // One literal with every column (its type checks none is missing): rows by the million, so
      // no keys added one by one.
      const row: WarehouseRow = {
        brand_id: brandId,
        date: p.facts.date,
        order_id: p.facts.orderId,
        channel: d.channel,
        platform: d.platform,
        campaign_id: d.campaignId,
        touchpoint_id: d.touchId,
        method: d.method,
        confidence: d.confidence,
        currency,
        credit_first_touch: c[M.first_touch]!,
        revenue_first_touch_minor: r[M.first_touch]!,
        credit_last_touch: c[M.last_touch]!,
        revenue_last_touch_minor: r[M.last_touch]!,
        credit_linear: c[M.linear]!,
        revenue_linear_minor: r[M.linear]!,
        credit_time_decay: c[M.time_decay]!,
        revenue_time_decay_minor: r[M.time_decay]!,
        credit_position_based: c[M.position_based]!,
        revenue_position_based_minor: r[M.position_based]!,
        credit_data_driven: c[M.data_driven]!,
        revenue_data_driven_minor: r[M.data_driven]!,
      } satisfies Record<AttributionColumn, number> & WarehouseRow;
      rows.push(row);
      const credit = d.credit[m]!;
      const revenue = d.revenueMinor[m]!;
      if (credit === 0 && revenue === 0) continue;
      // A geo-and-time guess stays in `attributions` (method geo_time: the "modelled" figure) but
      // is unattributed in Shopify-truth revenue and in reconciliation.
      if (isModelled(d)) {
        shares.push({ channel: UNATTRIBUTED_CHANNEL, platform: null, campaignId: null, credit });
        continue;
      }
      shares.push({ channel: d.channel, platform: d.platform, campaignId: d.campaignId, credit });
      // The platform's own revenue: what a campaign of it earned, or a click it issued whose URL
      // named no campaign (the platform counts that purchase too; decision 981).
      if (!d.platform || !(d.campaignId || d.method === 'click_id_platform')) continue;
      let day = byDay.get(p.facts.date);
      if (!day) {
        day = new Map();
        byDay.set(p.facts.date, day);
      }
      const sum = day.get(d.platform);
      if (sum) sum.amountMinor += revenue;
      else day.set(d.platform, { date: p.facts.date, platform: d.platform, amountMinor: revenue });
    }
    onOrder({
      orderId: p.facts.orderId,
      date: p.facts.date,
      region: p.facts.region,
      lines: p.lines,
      shares,
      fulfillmentCostMinor: p.fulfillmentCostMinor,
    });
  }
  const platformRevenue: DatedAmount[] = [];
  for (const day of byDay.values()) for (const sum of day.values()) platformRevenue.push(sum);
  return { rows, orders, platformRevenue };
}
