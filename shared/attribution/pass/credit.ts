import { creditAllModels, type ModelSettings } from '../../domain/attribution/attribute';
import { isModelled } from '../../domain/attribution/fallback';
import { UNATTRIBUTED_CHANNEL } from '../../domain/attribution/types';
import { ATTRIBUTION_MODELS, type AttributionModel } from '../../domain/entities/brand';
import type { DatedAmount } from '../../domain/performance/reconciliation';
import type { AttributedOrder, OrderShare } from '../../domain/performance/types';
import type { WarehouseColumnBatch } from '../../ports/warehouse';
import { columnBatchBuilder } from '../../ports/warehouse-batch';
import { attributionColumns, TENANT_TABLES } from '../../ports/warehouse-tables';
import type { PreparedOrder } from './journeys';

export interface CreditedChunk {
  /**
   * Rows for `attributions`, as columns: one row per order and destination, every model's credit
   * on it (no object per row; decision 985).
   */
  readonly batch: WarehouseColumnBatch;
  /** How many orders were credited. */
  readonly orders: number;
  /** Gross revenue attributed to each paid platform (its campaigns and its unidentified clicks) per order day, for reconciliation. */
  readonly platformRevenue: DatedAmount[];
}

/** Each model's `attributions` columns, in `ATTRIBUTION_MODELS` order (a destination's credit arrays). */
const MODEL_COLUMNS = ATTRIBUTION_MODELS.map((m) => attributionColumns(m));

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
  // Every column of `attributions` from its definition, a value per row pushed in step; the brand
  // and currency are the same on every row.
  const batch = columnBatchBuilder(TENANT_TABLES.attributions, { brand_id: brandId, currency });
  // Taken into locals once (decision 1007: pushing through the columns object per row was slower).
  const c = batch.columns;
  const { date, order_id, channel, platform, campaign_id, touchpoint_id, method, confidence } = c;
  const credits = MODEL_COLUMNS.map((m) => c[m.credit]);
  const revenues = MODEL_COLUMNS.map((m) => c[m.revenue]);
  const byDay = new Map<string, Map<string, DatedAmount & { amountMinor: number }>>();
  const m = ATTRIBUTION_MODELS.indexOf(chosen);
  let orders = 0;
  for (const p of prepared) {
    orders++;
    const destinations = creditAllModels(p.facts, p.journey, settings);
    const shares: OrderShare[] = [];
    for (const d of destinations) {
      date.push(p.facts.date);
      order_id.push(p.facts.orderId);
      channel.push(d.channel);
      platform.push(d.platform);
      campaign_id.push(d.campaignId);
      touchpoint_id.push(d.touchId);
      method.push(d.method);
      confidence.push(d.confidence);
      for (let k = 0; k < credits.length; k++) {
        credits[k]!.push(d.credit[k]!);
        revenues[k]!.push(d.revenueMinor[k]!);
      }
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
  return {
    batch: batch.take(),
    orders,
    platformRevenue,
  };
}
