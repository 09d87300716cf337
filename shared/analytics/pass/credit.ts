import { creditOrder, type ModelSettings, mergeByDestination } from '../../domain/attribution/attribute';
import { ATTRIBUTION_MODELS, type AttributionModel } from '../../domain/entities/brand';
import type { DatedAmount } from '../../domain/performance/reconciliation';
import type { AttributedOrder, OrderShare } from '../../domain/performance/types';
import type { WarehouseRow } from '../../ports/warehouse';
import type { PreparedOrder } from './journeys';

export interface CreditedChunk {
  /** Rows for `attributions`: every order under every model, one per destination. */
  readonly rows: WarehouseRow[];
  /** The chosen model's view of each order, for unified performance. */
  readonly orders: AttributedOrder[];
  /** Gross attributed revenue per paid platform and order day, for reconciliation. */
  readonly platformRevenue: DatedAmount[];
}

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
  for (const p of prepared) {
    for (const model of ATTRIBUTION_MODELS) {
      const credits = mergeByDestination(creditOrder(p.facts, p.journey, model, settings));
      for (const c of credits)
        rows.push({
          brand_id: brandId,
          date: p.facts.date,
          order_id: p.facts.orderId,
          model,
          channel: c.channel,
          platform: c.platform,
          campaign_id: c.campaignId,
          touchpoint_id: c.touchId,
          credit: c.credit,
          revenue_minor: c.revenueMinor,
          currency,
          method: c.method,
          confidence: c.confidence,
        });
      if (model !== chosen) continue;
      const shares: OrderShare[] = credits.map((c) => ({
        channel: c.channel,
        platform: c.platform,
        campaignId: c.campaignId,
        credit: c.credit,
      }));
      orders.push({
        orderId: p.facts.orderId,
        date: p.facts.date,
        region: p.facts.region,
        lines: p.lines,
        shares,
        fulfillmentCostMinor: p.fulfillmentCostMinor,
      });
      for (const c of credits) {
        if (!c.platform || !c.campaignId) continue;
        const key = `${p.facts.date}|${c.platform}`;
        const day = byDay.get(key);
        if (day) day.amountMinor += c.revenueMinor;
        else byDay.set(key, { date: p.facts.date, platform: c.platform, amountMinor: c.revenueMinor });
      }
    }
  }
  return { rows, orders, platformRevenue: [...byDay.values()] };
}
