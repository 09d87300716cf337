import { creditAllModels, type ModelSettings } from '../../domain/attribution/attribute';
import { ATTRIBUTION_MODELS, type AttributionModel } from '../../domain/entities/brand';
import type { DatedAmount } from '../../domain/performance/reconciliation';
import type { AttributedOrder, OrderShare } from '../../domain/performance/types';
import type { WarehouseRow } from '../../ports/warehouse';
import { attributionColumns } from '../../ports/warehouse-tables';
import type { PreparedOrder } from './journeys';

export interface CreditedChunk {
  /** Rows for `attributions`: one per order and destination, every model's credit on it. */
  readonly rows: WarehouseRow[];
  /** The chosen model's view of each order, for unified performance. */
  readonly orders: AttributedOrder[];
  /** Gross attributed revenue per paid platform and order day, for reconciliation. */
  readonly platformRevenue: DatedAmount[];
}

const COLUMNS = ATTRIBUTION_MODELS.map(attributionColumns);

/** Credits a chunk of prepared orders under all six models. */
export function creditChunk(
  prepared: readonly PreparedOrder[],
  brandId: string,
  currency: string,
  chosen: AttributionModel,
  settings: ModelSettings,
): CreditedChunk {
  const rows: WarehouseRow[] = [];
  const orders: AttributedOrder[] = [];
  const byDay = new Map<string, DatedAmount & { amountMinor: number }>();
  const m = ATTRIBUTION_MODELS.indexOf(chosen);
  for (const p of prepared) {
    const destinations = creditAllModels(p.facts, p.journey, settings);
    const shares: OrderShare[] = [];
    for (const d of destinations) {
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
      };
      for (let k = 0; k < COLUMNS.length; k++) {
        row[COLUMNS[k]!.credit] = d.credit[k]!;
        row[COLUMNS[k]!.revenue] = d.revenueMinor[k]!;
      }
      rows.push(row);
      const credit = d.credit[m]!;
      const revenue = d.revenueMinor[m]!;
      if (credit === 0 && revenue === 0) continue;
      shares.push({ channel: d.channel, platform: d.platform, campaignId: d.campaignId, credit });
      if (!d.platform || !d.campaignId) continue;
      const key = `${p.facts.date}|${d.platform}`;
      const day = byDay.get(key);
      if (day) day.amountMinor += revenue;
      else byDay.set(key, { date: p.facts.date, platform: d.platform, amountMinor: revenue });
    }
    orders.push({
      orderId: p.facts.orderId,
      date: p.facts.date,
      region: p.facts.region,
      lines: p.lines,
      shares,
      fulfillmentCostMinor: p.fulfillmentCostMinor,
    });
  }
  return { rows, orders, platformRevenue: [...byDay.values()] };
}
