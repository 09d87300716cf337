import { creditAllModels, type ModelSettings } from '../../domain/attribution/attribute';
import { ATTRIBUTION_MODELS, type AttributionModel } from '../../domain/entities/brand';
import type { DatedAmount } from '../../domain/performance/reconciliation';
import type { AttributedOrder, OrderShare } from '../../domain/performance/types';
import type { WarehouseRow } from '../../ports/warehouse';
import type { AttributionColumn } from '../../ports/warehouse-tables';
import type { PreparedOrder } from './journeys';

export interface CreditedChunk {
  /** Rows for `attributions`: one per order and destination, every model's credit on it. */
  readonly rows: WarehouseRow[];
  /** The chosen model's view of each order, for unified performance. */
  readonly orders: AttributedOrder[];
  /** Gross attributed revenue per paid platform and order day, for reconciliation. */
  readonly platformRevenue: DatedAmount[];
}

/** Each model's index in `ATTRIBUTION_MODELS` (the order of a destination's credit arrays). */
const M = Object.fromEntries(ATTRIBUTION_MODELS.map((m, i) => [m, i])) as Record<AttributionModel, number>;

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
