import { describe, expect, it } from 'vitest';
import { brandSchema } from '../../domain/entities/brand';
import type { UnifiedRow } from '../../domain/performance/types';
import { localDate } from '../../domain/time';
import { rowsOfBatch } from '../../ports/warehouse-columns';
import { unifiedBatches } from './write';

const brand = brandSchema.parse({
  id: 'b1',
  name: 'Brand',
  shopDomain: 'b.myshopify.com',
  currency: 'EUR',
  timezone: 'Etc/UTC',
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
});

const row = (i: number): UnifiedRow => ({
  date: localDate(`2026-01-0${i + 1}`),
  channel: 'paid_search',
  platform: i === 1 ? null : 'google_ads',
  campaignId: i === 1 ? null : `google:1:a campaign id past twelve bytes ${i}`,
  region: i === 2 ? null : 'US-CA',
  productId: 'p1',
  variantId: i === 0 ? null : `v${i}`,
  spendMinor: 2 ** 40 + i,
  revenueMinor: 1000 * i,
  orders: i / 3,
  units: i,
  cogsMinor: 10,
  fulfillmentCostMinor: i === 1 ? null : 5,
  profitMinor: -7 * i,
  roas: i === 0 ? null : 1.25,
  poas: null,
  stockAvailable: i === 2 ? null : 40,
  daysOfCover: i === 2 ? null : 12.5,
  spendAllocationMethod: i === 0 ? null : 'promoted_products',
});

describe('unified rows as column batches', () => {
  it('hold every unified_performance column of each row, NULLs kept, a new batch after each take', () => {
    const batches = unifiedBatches(brand, 2);
    batches.add(row(0));
    batches.add(row(1));
    expect(batches.length).toBe(2);
    const first = batches.take();
    expect(batches.length).toBe(0);
    batches.add(row(2));
    const second = batches.take();
    expect([first.rowCount, second.rowCount]).toEqual([2, 1]);
    expect(first.columns.spend_minor).toBeInstanceOf(Float64Array);
    expect(second.columns.spend_minor).toHaveLength(1);
    expect([...rowsOfBatch(first), ...rowsOfBatch(second)]).toEqual(
      [0, 1, 2].map((i) => {
        const r = row(i);
        return {
          brand_id: 'b1',
          date: r.date,
          channel: r.channel,
          platform: r.platform,
          campaign_id: r.campaignId,
          region: r.region,
          product_id: r.productId,
          variant_id: r.variantId,
          currency: 'EUR',
          spend_minor: r.spendMinor,
          revenue_minor: r.revenueMinor,
          orders: r.orders,
          units: r.units,
          cogs_minor: r.cogsMinor,
          fulfillment_cost_minor: r.fulfillmentCostMinor,
          profit_minor: r.profitMinor,
          roas: r.roas,
          poas: r.poas,
          stock_available: r.stockAvailable,
          days_of_cover: r.daysOfCover,
          spend_allocation_method: r.spendAllocationMethod,
          model: brand.targets.attributionModel,
        };
      }),
    );
  });
});
