/**
 * A store's orders drawn from a known BG/NBD + Gamma-Gamma population, as warehouse rows: the
 * customers suites and the bench load it into a real warehouse.
 */

import { simulateCustomer } from '../domain/customers/lifetime-value/simulate';
import { ATTRIBUTION_MODELS } from '../domain/entities/brand';
import { addDays, type LocalDate, localDate } from '../domain/time';
import { seededRandom } from '../kernel/util/random';
import type { WarehouseRow } from '../ports/warehouse';
import { attributionColumns } from '../ports/warehouse-tables';

export interface TestStoreOptions {
  readonly brandId: string;
  readonly customers: number;
  /** Customers first buy uniformly over this many days up to asOf. */
  readonly days: number;
  readonly asOf: LocalDate;
  readonly seed: number;
  /** Campaigns credited with first orders, round-robin; none leaves every first order unattributed. */
  readonly campaigns?: ReadonlyArray<{ channel: string; platform: string; campaignId: string }>;
  readonly currency?: string;
}

export const TEST_POPULATION = {
  bg: { r: 0.6, alpha: 60, a: 0.7, b: 3 },
  gg: { p: 5, q: 4, gamma: 1500 },
} as const;

export function orderRow(o: {
  brandId: string;
  orderId: string;
  customerId: string | null;
  date: LocalDate;
  totalMinor: number;
  currency?: string;
  cancelled?: boolean;
}): WarehouseRow {
  const at = `${o.date}T12:00:00.000Z`;
  return {
    brand_id: o.brandId,
    order_id: o.orderId,
    date: o.date,
    created_at: at,
    updated_at: at,
    customer_id: o.customerId,
    currency: o.currency ?? 'USD',
    subtotal_minor: o.totalMinor,
    discount_minor: 0,
    shipping_minor: 0,
    tax_minor: 0,
    total_minor: o.totalMinor,
    cancelled_at: o.cancelled ? at : null,
  };
}

export function attributionRow(a: {
  brandId: string;
  orderId: string;
  date: LocalDate;
  channel: string;
  platform: string | null;
  campaignId: string | null;
  credit: number;
  revenueMinor: number;
  currency?: string;
}): WarehouseRow {
  const row: WarehouseRow = {
    brand_id: a.brandId,
    date: a.date,
    order_id: a.orderId,
    channel: a.channel,
    platform: a.platform,
    campaign_id: a.campaignId,
    touchpoint_id: null,
    method: 'utm',
    confidence: 0.9,
    currency: a.currency ?? 'USD',
  };
  for (const m of ATTRIBUTION_MODELS) {
    row[attributionColumns(m).credit] = a.credit;
    row[attributionColumns(m).revenue] = Math.round(a.revenueMinor * a.credit);
  }
  return row;
}

/** Orders (and first-order attributions) of `customers` simulated customers. */
export function* testStoreRows(
  o: TestStoreOptions,
): Generator<{ table: 'orders' | 'attributions'; row: WarehouseRow }> {
  const rand = seededRandom(o.seed);
  const start = addDays(o.asOf, -(o.days - 1));
  for (let c = 0; c < o.customers; c++) {
    const firstOffset = Math.floor(rand() * o.days);
    const observed = o.days - 1 - firstOffset;
    const sim = simulateCustomer(rand, TEST_POPULATION.bg, TEST_POPULATION.gg, observed);
    const customerId = `cust-${c}`;
    for (let k = 0; k < sim.purchaseDays.length; k++) {
      const date = addDays(start, firstOffset + (sim.purchaseDays[k] as number));
      const orderId = `${customerId}-o${k}`;
      const totalMinor = sim.valuesMinor[k] as number;
      yield {
        table: 'orders',
        row: orderRow({ brandId: o.brandId, orderId, customerId, date, totalMinor, currency: o.currency }),
      };
      if (k === 0 && o.campaigns && o.campaigns.length > 0) {
        const camp = o.campaigns[c % o.campaigns.length]!;
        yield {
          table: 'attributions',
          row: attributionRow({
            brandId: o.brandId,
            orderId,
            date,
            channel: camp.channel,
            platform: camp.platform,
            campaignId: camp.campaignId,
            credit: 1,
            revenueMinor: totalMinor,
            currency: o.currency,
          }),
        };
      }
    }
  }
}

export const TEST_AS_OF = localDate('2026-11-30');

/** One ad_performance day of a campaign (brand currency). */
export function adSpendRow(a: {
  brandId: string;
  date: LocalDate;
  platform: string;
  campaignId: string;
  campaignName?: string;
  spendMinor: number;
  currency?: string;
}): WarehouseRow {
  const currency = a.currency ?? 'USD';
  return {
    brand_id: a.brandId,
    date: a.date,
    platform: a.platform,
    account_id: 'act_1',
    campaign_id: a.campaignId,
    campaign_name: a.campaignName ?? a.campaignId,
    country: null,
    region: null,
    spend_minor: a.spendMinor,
    currency,
    spend_original_minor: a.spendMinor,
    original_currency: currency,
    fx_rate: 1,
    impressions: 1000,
    clicks: 10,
    platform_conversions: 1,
    platform_conversion_value_minor: 0,
    synced_at: `${a.date}T23:00:00.000Z`,
  };
}
