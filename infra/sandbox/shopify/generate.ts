import { allocateMinor } from '../../../shared/domain/money';
import { addDays, isoWeekday, type LocalDate } from '../../../shared/domain/time';
import { seededRandom } from '../../../shared/kernel/util/random';
import { expectedConversions } from '../response';
import {
  buildVariants,
  CAMPAIGNS,
  type Campaign,
  isStockedOut,
  LOCATIONS,
  PLANTED,
  PRESENTMENT_CURRENCY,
  REGIONS,
  type Region,
  STORE,
  seedOf,
  usdPer,
  type Variant,
  WEEKDAY_FACTOR,
} from '../world';
import { createCustomerBase } from './customers';
import { journeyOf } from './journeys';
import type { SandboxInventory, SandboxLine, SandboxOrder, SandboxRefund } from './model';
import { poisson, weighted } from './random';

/**
 * The sandbox store's data as a pure function of its last day: 180 days of orders with weekly
 * seasonality (WEEKDAY_FACTOR), regions, presentment currencies, repeat customers who buy and drop
 * out as the lifetime-value model assumes (customers.ts), refunds and
 * cancellations; campaign-driven orders in proportion to expectedConversions(spend) with UTMs and
 * click ids; discount-code orders; and the planted situations of world.ts. Other areas reuse it as
 * ground truth (each order names the campaign that drove it).
 */
export interface GenerateOptions {
  endDate: LocalDate;
  /** Multiplies order volume (1 ≈ 30k orders; the backfill bench uses ~3.5 for 100k). */
  scale?: number;
}

export interface GeneratedStore {
  /** The sandbox's "now": the end of endDate in the store's timezone. */
  now: string;
  variants: Variant[];
  inventory: SandboxInventory[];
  orders: SandboxOrder[];
}

/** Discount codes in circulation; campaign codes let attribution map a code to its campaign. */
export const DISCOUNT_CODES: Readonly<Record<string, { pct: number; campaignId: string | null }>> = {
  WELCOME10: { pct: 10, campaignId: null },
  FB15: { pct: 15, campaignId: CAMPAIGNS[1]!.id },
  TT10: { pct: 10, campaignId: CAMPAIGNS[4]!.id },
};
const CODE_OF_CAMPAIGN = new Map(
  Object.entries(DISCOUNT_CODES).flatMap(([code, d]) =>
    d.campaignId ? [[d.campaignId, code] as const] : [],
  ),
);

export const TAX_RATE: Record<string, number> = { US: 0.07, CA: 0.13, GB: 0.2, DE: 0.19, AU: 0.1 };
const CITY: Record<string, string> = {
  'US-CA': 'Los Angeles',
  'US-NY': 'Brooklyn',
  'US-TX': 'Austin',
  'US-FL': 'Miami',
  'US-WA': 'Seattle',
  'US-IL': 'Chicago',
  'CA-ON': 'Toronto',
  'GB-ENG': 'London',
  'DE-BE': 'Berlin',
  'AU-NSW': 'Sydney',
};
export const FREE_SHIPPING_MINOR = 7500;
export const SHIPPING_MINOR = 695;

/** UTC offset (minutes) of `timeZone` at an instant, via Intl (pure: no clock, no env). */
function offsetMinutes(instantMs: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(new Date(instantMs));
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  return (
    (Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute')) - instantMs) / 60_000
  );
}

interface Demand {
  variant: Variant;
  region: Region;
  campaign: Campaign | null;
}

export function generateShopifyStore(options: GenerateOptions): GeneratedStore {
  const scale = options.scale ?? 1;
  const variants = buildVariants();
  const bySku = new Map(variants.map((v) => [v.sku, v]));
  // Broad campaigns (retargeting, brand search) drive any product except the planted overstock,
  // which must read as "no spend behind it".
  const advertisable = variants.filter((v) => v.sku !== PLANTED.OVERSTOCK);
  const start = addDays(options.endDate, -(STORE.days - 1));
  const endNoon = Date.parse(`${options.endDate}T12:00:00Z`);
  const nowMs = Date.parse(`${options.endDate}T23:59:59Z`) - offsetMinutes(endNoon, STORE.timezone) * 60_000;
  const now = new Date(nowMs).toISOString();
  const customers = createCustomerBase();
  const orders: SandboxOrder[] = [];
  let lineNo = 0;
  let refundNo = 0;

  for (let date = start; date <= options.endDate; date = addDays(date, 1)) {
    const rand = seededRandom(seedOf('orders', date, scale));
    const wf = WEEKDAY_FACTOR[isoWeekday(date)]!;
    const offset = offsetMinutes(Date.parse(`${date}T12:00:00Z`), STORE.timezone);
    const demands: Demand[] = [];
    for (const v of variants) {
      for (let n = poisson(v.baseDailyUnits * wf * 0.8 * scale, rand); n > 0; n--)
        demands.push({ variant: v, region: weighted(REGIONS, (r) => r.weight, rand()), campaign: null });
    }
    for (const c of CAMPAIGNS) {
      for (const region of REGIONS) {
        for (
          let n = poisson(expectedConversions(c, date, region, options.endDate) * scale, rand);
          n > 0;
          n--
        ) {
          const sku = c.promotedSkus.length
            ? rand() < 0.5
              ? c.promotedSkus[0]!
              : c.promotedSkus[Math.floor(rand() * c.promotedSkus.length)]!
            : undefined;
          const variant = (sku && bySku.get(sku)) || weighted(advertisable, (v) => v.baseDailyUnits, rand());
          demands.push({ variant, region, campaign: c });
        }
      }
    }
    const dayOrders: Array<{ order: Omit<SandboxOrder, 'customer'>; region: string; newShare?: number }> = [];
    for (const d of demands) {
      if (isStockedOut(d.variant.sku, date, options.endDate)) continue;
      // Local 06:00–23:59 only, so the noon offset is the day's offset even on DST change days.
      const minute = 360 + Math.floor(rand() ** 0.7 * 1080);
      const createdMs =
        Date.parse(`${date}T00:00:00Z`) + (minute - offset) * 60_000 + Math.floor(rand() * 60) * 1000;
      dayOrders.push({
        order: buildOrder(d, date, createdMs, rand),
        region: d.region.code,
        newShare: d.campaign?.newCustomerShare,
      });
    }
    dayOrders.sort((a, b) => a.order.createdAt.localeCompare(b.order.createdAt));
    // Who places each order is decided in order of time, once the day's orders are known.
    for (const { order, region, newShare } of dayOrders)
      orders.push({
        ...order,
        customer: customers.customerFor(region, Date.parse(order.createdAt), newShare),
      });
  }

  function buildOrder(
    d: Demand,
    date: LocalDate,
    createdMs: number,
    rand: () => number,
  ): Omit<SandboxOrder, 'customer'> {
    const createdAt = new Date(createdMs).toISOString();
    const lines: SandboxLine[] = [
      {
        legacyId: 13_000_000_000 + ++lineNo,
        variant: d.variant,
        quantity: rand() < 0.85 ? 1 : 2,
        priceMinor: d.variant.priceMinor,
        discountMinor: 0,
      },
    ];
    if (rand() < 0.2) {
      const extra = weighted(variants, (v) => v.baseDailyUnits, rand());
      if (extra !== d.variant && extra.sku !== PLANTED.STOCKED_OUT)
        lines.push({
          legacyId: 13_000_000_000 + ++lineNo,
          variant: extra,
          quantity: 1,
          priceMinor: extra.priceMinor,
          discountMinor: 0,
        });
    }
    const subtotal = lines.reduce((s, l) => s + l.priceMinor * l.quantity, 0);
    const campaignCode = d.campaign ? CODE_OF_CAMPAIGN.get(d.campaign.id) : undefined;
    const code =
      campaignCode && rand() < 0.15 ? campaignCode : !d.campaign && rand() < 0.05 ? 'WELCOME10' : undefined;
    const discount = code ? Math.round((subtotal * DISCOUNT_CODES[code]!.pct) / 100) : 0;
    allocateMinor(
      discount,
      lines.map((l) => l.priceMinor * l.quantity),
    ).forEach((part, i) => {
      lines[i]!.discountMinor = part;
    });
    const country = d.region.country;
    const shippingMinor = subtotal - discount >= FREE_SHIPPING_MINOR ? 0 : SHIPPING_MINOR;
    const taxMinor = Math.round((subtotal - discount) * (TAX_RATE[country] ?? 0));
    const totalMinor = subtotal - discount + shippingMinor + taxMinor;
    const presentment = PRESENTMENT_CURRENCY[country] ?? 'USD';
    const journey = journeyOf(d.campaign, d.variant.productTitle, createdMs, rand, code !== undefined);
    const refunds: SandboxRefund[] = [];
    let cancelledAt: string | null = null;
    const roll = rand();
    if (roll < 0.015) {
      cancelledAt = new Date(createdMs + (1 + Math.floor(rand() * 10)) * 3_600_000).toISOString();
      refunds.push(refundOf(lines, totalMinor, cancelledAt, true));
    } else if (roll < 0.075) {
      const at = new Date(createdMs + (2 + rand() * 18) * 86_400_000).toISOString();
      refunds.push(refundOf(rand() < 0.5 ? lines : [lines[lines.length - 1]!], totalMinor, at, rand() < 0.5));
    }
    const kept = refunds.filter((r) => r.createdAt <= now);
    if (cancelledAt && cancelledAt > now) cancelledAt = null;
    const fulfilledMs = createdMs + (1 + rand()) * 86_400_000;
    const fulfilledAt = !cancelledAt && fulfilledMs <= nowMs ? new Date(fulfilledMs).toISOString() : null;
    const updatedAt = [createdAt, fulfilledAt, cancelledAt, ...kept.map((r) => r.createdAt)]
      .filter((x): x is string => x !== null)
      .sort()
      .at(-1)!;
    return {
      // Ids and names follow creation order; they are assigned once every day is sorted.
      legacyId: 0,
      name: '',
      date,
      createdAt,
      updatedAt,
      cancelledAt,
      presentmentCurrency: presentment,
      presentmentRate: usdPer(presentment, date),
      discountCodes: code ? [code] : [],
      subtotalMinor: subtotal,
      discountMinor: discount,
      shippingMinor,
      taxMinor,
      totalMinor,
      shipping: {
        countryCode: country,
        provinceCode: d.region.code.split('-')[1]!,
        province: d.region.name,
        city: CITY[d.region.code] ?? '',
      },
      journey,
      lines,
      refunds: kept,
      fulfilledAt,
      campaignId: d.campaign?.id ?? null,
    };
  }

  function refundOf(lines: SandboxLine[], orderTotal: number, at: string, full: boolean): SandboxRefund {
    const refundLines = lines.map((l) => ({
      lineLegacyId: l.legacyId,
      quantity: l.quantity,
      subtotalMinor: l.priceMinor * l.quantity - l.discountMinor,
    }));
    const linesTotal = refundLines.reduce((s, l) => s + l.subtotalMinor, 0);
    return {
      legacyId: 900_000_000 + ++refundNo,
      createdAt: at,
      lines: refundLines,
      totalMinor: full ? orderTotal : linesTotal,
    };
  }

  orders.forEach((o, i) => {
    o.legacyId = 5_000_000_000 + i + 1;
    o.name = `#${1001 + i}`;
  });
  return { now, variants, inventory: buildInventory(variants, now), orders };
}

function buildInventory(variants: Variant[], now: string): SandboxInventory[] {
  const rand = seededRandom(seedOf('inventory'));
  return variants.flatMap((variant) =>
    LOCATIONS.map((loc) => {
      const available = variant.stock[loc.id] ?? 0;
      return {
        variant,
        locationId: loc.id,
        available,
        committed: available > 0 ? Math.floor(rand() * 3) : 0,
        incoming: variant.sku === PLANTED.OVERSTOCK || available === 0 ? 0 : rand() < 0.2 ? 24 : 0,
        updatedAt: now,
      };
    }),
  );
}
