import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createOperationalStore } from '../../shared/adapters/document-store/document-store';
import { createDuckdbWarehouse } from '../../shared/adapters/embedded/duckdb-warehouse';
import { createSqliteDocumentDb } from '../../shared/adapters/embedded/sqlite-document-db';
import { type Brand, brandSchema } from '../../shared/domain/entities/brand';
import { systemContext } from '../../shared/domain/tenancy';
import { createMemoryLogger } from '../../shared/kernel/logging/logger';
import { fixedClock, sequentialIds } from '../../shared/ports/clock';
import type { WarehouseRow } from '../../shared/ports/warehouse';

/** A brand with a real embedded warehouse and store in a temp dir, for pass and job tests. */
export async function createTestBrand(now: string, over: Partial<Brand> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'pp-'));
  const warehouse = await createDuckdbWarehouse(join(dir, 'w.duckdb'));
  const documents = createSqliteDocumentDb(join(dir, 's.sqlite'));
  const store = createOperationalStore(documents);
  const ctx = systemContext('t_attr', 'test');
  const brand = brandSchema.parse({
    id: 'b1',
    name: 'Test Brand',
    shopDomain: 'test-brand.myshopify.com',
    currency: 'USD',
    timezone: 'America/New_York',
    createdAt: now,
    updatedAt: now,
    ...over,
  });
  await store.tenants.upsert(ctx, {
    id: 't_attr',
    name: 'T',
    plan: 'growth',
    aiMonthlyBudgetMicros: 0,
    createdAt: now,
    updatedAt: now,
  });
  await store.brands.upsert(ctx, brand);
  return {
    dir,
    ctx,
    brand,
    deps: {
      warehouse,
      store,
      documents,
      ids: sequentialIds('id'),
      clock: fixedClock(now),
      logger: createMemoryLogger('WARNING'),
    },
    async close() {
      await warehouse.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type TestBrand = Awaited<ReturnType<typeof createTestBrand>>;

let seq = 0;

/** Campaign ids are `<platform>:<account>:<native>`; rows about a campaign carry all three. */
const campaignKey = (date: string, platform: string, campaignId: string) => ({
  brand_id: 'b1',
  date,
  platform,
  account_id: campaignId.split(':')[1]!,
  campaign_id: campaignId,
});

/** Builders for warehouse rows with every required column filled. */
export const rows = {
  order(o: {
    id: string;
    at: string;
    date: string;
    region?: string | null;
    currency?: string;
    codes?: string;
    cancelledAt?: string;
    /** Order total (after discounts, with shipping and tax) and the shipping and tax in it. */
    total?: number;
    shipping?: number;
    tax?: number;
  }): WarehouseRow {
    const total = o.total ?? 0;
    const shipping = o.shipping ?? 0;
    const tax = o.tax ?? 0;
    return {
      brand_id: 'b1',
      order_id: o.id,
      date: o.date,
      created_at: o.at,
      updated_at: o.at,
      currency: o.currency ?? 'USD',
      subtotal_minor: total - shipping - tax,
      discount_minor: 0,
      shipping_minor: shipping,
      tax_minor: tax,
      total_minor: total,
      region: o.region ?? null,
      discount_codes: o.codes ?? null,
      cancelled_at: o.cancelledAt ?? null,
    };
  },
  line(
    orderId: string,
    date: string,
    variantId: string,
    quantity: number,
    totalMinor: number,
    unitCostMinor: number | null = null,
    currency = 'USD',
  ): WarehouseRow {
    return {
      brand_id: 'b1',
      order_id: orderId,
      line_id: `${orderId}:l${++seq}`,
      date,
      variant_id: variantId,
      product_id: `p-${variantId}`,
      quantity,
      price_minor: Math.round(totalMinor / quantity),
      discount_minor: 0,
      total_minor: totalMinor,
      unit_cost_minor: unitCostMinor,
      currency,
    };
  },
  refund(
    orderId: string,
    date: string,
    at: string,
    amountMinor: number,
    variantId: string | null,
    quantity: number,
  ): WarehouseRow {
    return {
      brand_id: 'b1',
      refund_id: `r${++seq}`,
      order_id: orderId,
      date,
      created_at: at,
      variant_id: variantId,
      quantity,
      amount_minor: amountMinor,
      currency: 'USD',
      kind: variantId ? 'line' : 'other',
    };
  },
  touch(t: {
    id: string;
    orderId: string | null;
    customerId?: string;
    at: string;
    date: string;
    source?: string;
    medium?: string;
    campaign?: string;
    clickType?: string;
  }): WarehouseRow {
    return {
      brand_id: 'b1',
      touchpoint_id: t.id,
      customer_id: t.customerId ?? null,
      order_id: t.orderId,
      date: t.date,
      occurred_at: t.at,
      utm_source: t.source ?? null,
      utm_medium: t.medium ?? null,
      utm_campaign: t.campaign ?? null,
      click_id: t.clickType ? `${t.clickType}-${t.id}` : null,
      click_id_type: t.clickType ?? null,
    };
  },
  spend(
    date: string,
    platform: string,
    campaignId: string,
    region: string | null,
    spendMinor: number,
    claimedMinor = 0,
    /** An account in another currency: what it spent there and the dated rate the connector used. */
    original: { currency: string; minor: number; rate: number } = {
      currency: 'USD',
      minor: spendMinor,
      rate: 1,
    },
  ): WarehouseRow {
    return {
      ...campaignKey(date, platform, campaignId),
      region,
      spend_minor: spendMinor,
      currency: 'USD',
      spend_original_minor: original.minor,
      original_currency: original.currency,
      fx_rate: original.rate,
      impressions: 0,
      clicks: 0,
      platform_conversions: 0,
      platform_conversion_value_minor: claimedMinor,
      synced_at: '2026-03-31T00:00:00Z',
    };
  },
  campaign(date: string, platform: string, campaignId: string, promoted: string[]): WarehouseRow {
    return {
      ...campaignKey(date, platform, campaignId),
      promoted_product_ids: promoted.join(','),
    };
  },
};
