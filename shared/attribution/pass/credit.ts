import { creditAllModels, type ModelSettings } from '../../domain/attribution/attribute';
import { isModelled } from '../../domain/attribution/fallback';
import { UNATTRIBUTED_CHANNEL } from '../../domain/attribution/types';
import { ATTRIBUTION_MODELS, type AttributionModel } from '../../domain/entities/brand';
import type { DatedAmount } from '../../domain/performance/reconciliation';
import type { AttributedOrder, OrderShare } from '../../domain/performance/types';
import type { WarehouseColumnBatch } from '../../ports/warehouse';
import { attributionColumns } from '../../ports/warehouse-tables';
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

/** A numeric column grown by doubling, handed over as a view of its filled part. */
class NumberColumn {
  private values = new Float64Array(1024);
  length = 0;
  push(v: number): void {
    if (this.length === this.values.length) {
      const grown = new Float64Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.length++] = v;
  }
  filled(): Float64Array {
    return this.values.subarray(0, this.length);
  }
}

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
  // Every column of `attributions`, a value per row pushed in step (strings as they are, numbers
  // into typed arrays).
  const strings = {
    brand_id: [] as string[],
    date: [] as string[],
    order_id: [] as string[],
    channel: [] as string[],
    platform: [] as Array<string | null>,
    campaign_id: [] as Array<string | null>,
    touchpoint_id: [] as Array<string | null>,
    method: [] as string[],
    currency: [] as string[],
  };
  const confidence = new NumberColumn();
  const credits = MODEL_COLUMNS.map(() => new NumberColumn());
  const revenues = MODEL_COLUMNS.map(() => new NumberColumn());
  const byDay = new Map<string, Map<string, DatedAmount & { amountMinor: number }>>();
  const m = ATTRIBUTION_MODELS.indexOf(chosen);
  let orders = 0;
  for (const p of prepared) {
    orders++;
    const destinations = creditAllModels(p.facts, p.journey, settings);
    const shares: OrderShare[] = [];
    for (const d of destinations) {
      strings.brand_id.push(brandId);
      strings.date.push(p.facts.date);
      strings.order_id.push(p.facts.orderId);
      strings.channel.push(d.channel);
      strings.platform.push(d.platform);
      strings.campaign_id.push(d.campaignId);
      strings.touchpoint_id.push(d.touchId);
      strings.method.push(d.method);
      strings.currency.push(currency);
      confidence.push(d.confidence);
      for (let k = 0; k < MODEL_COLUMNS.length; k++) {
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
  const columns: Record<string, Float64Array | readonly (string | null)[]> = {
    ...strings,
    confidence: confidence.filled(),
  };
  MODEL_COLUMNS.forEach((c, k) => {
    columns[c.credit] = credits[k]!.filled();
    columns[c.revenue] = revenues[k]!.filled();
  });
  return {
    batch: { rowCount: confidence.length, columns },
    orders,
    platformRevenue,
  };
}
