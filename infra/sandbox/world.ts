/**
 * The demo world every sandbox serves from: one store, its products and regions, and the ad
 * campaigns that drive its traffic. Deterministic (seeded PRNG, no clock), so the Shopify sandbox's
 * UTMs and click ids match the ad sandboxes' campaign ids, and tests can predict what they see.
 *
 * Planted situations the analytics must find:
 * - FAST_LOW_STOCK: a fast seller with a few days of cover that Meta spends heavily on;
 * - OVERSTOCK: a slow seller with years of cover and no campaign promoting it;
 * - STOCKED_OUT: a SKU with zero stock that TikTok and Google still advertise.
 */
import type { AdPlatform } from '../../shared/domain/entities';
import { PLATFORM_MINIMUM_MINOR } from '../../shared/domain/recommendations/budget-plan';
import { seededRandom } from '../../shared/kernel/util/random';

/** A stable hash of a string to a 32-bit seed (FNV-1a), so per-key randomness is reproducible. */
export function seedOf(...parts: (string | number)[]): number {
  let h = 0x811c9dc5;
  for (const ch of parts.join('|')) {
    h ^= ch.charCodeAt(0);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

export const STORE = {
  shopDomain: 'demo-brand.myshopify.com',
  name: 'Demo Brand',
  currency: 'USD',
  timezone: 'America/New_York',
  /**
   * The world covers this many days up to and including its last day: 181, so that on the demo
   * the nightly customer model (as of yesterday) has the 180 days of history a fit needs.
   */
  days: 181,
} as const;

export interface Region {
  code: string;
  country: string;
  /** How platforms name it in reports. */
  name: string;
  weight: number;
}
export const REGIONS: readonly Region[] = [
  { code: 'US-CA', country: 'US', name: 'California', weight: 0.2 },
  { code: 'US-NY', country: 'US', name: 'New York', weight: 0.14 },
  { code: 'US-TX', country: 'US', name: 'Texas', weight: 0.12 },
  { code: 'US-FL', country: 'US', name: 'Florida', weight: 0.09 },
  { code: 'US-WA', country: 'US', name: 'Washington', weight: 0.07 },
  { code: 'US-IL', country: 'US', name: 'Illinois', weight: 0.07 },
  { code: 'CA-ON', country: 'CA', name: 'Ontario', weight: 0.09 },
  { code: 'GB-ENG', country: 'GB', name: 'England', weight: 0.1 },
  { code: 'DE-BE', country: 'DE', name: 'Berlin', weight: 0.04 },
  // Among the eight regions the dashboard charts (by spend), so its longest label is drawn there.
  { code: 'AU-NSW', country: 'AU', name: 'New South Wales', weight: 0.08 },
];

/** Presentment currency by country (the shop currency stays USD). */
export const PRESENTMENT_CURRENCY: Readonly<Record<string, string>> = {
  US: 'USD',
  CA: 'CAD',
  GB: 'GBP',
  DE: 'EUR',
  AU: 'AUD',
};

export interface Variant {
  variantId: string;
  productId: string;
  inventoryItemId: string;
  sku: string;
  productTitle: string;
  variantTitle: string;
  priceMinor: number;
  unitCostMinor: number;
  /** Mean organic units per day (before campaign-driven demand). */
  baseDailyUnits: number;
  /** Stock available at the world's last day, per location. */
  stock: Readonly<Record<string, number>>;
}

export const LOCATIONS = [
  { id: 'gid://shopify/Location/1', name: 'Newark Warehouse' },
  { id: 'gid://shopify/Location/2', name: 'Reno Warehouse' },
] as const;

export const PLANTED = {
  FAST_LOW_STOCK: 'PP-VELOCITY-RUNNER-M',
  OVERSTOCK: 'PP-ALPINE-THROW-OS',
  STOCKED_OUT: 'PP-TRAIL-BOTTLE-OS',
} as const;

const FAMILIES = [
  { name: 'Velocity Runner', sizes: ['S', 'M', 'L', 'XL'], price: 12900, cost: 4100, units: 1.2 },
  { name: 'Trail Bottle', sizes: ['OS'], price: 3400, cost: 900, units: 2.2 },
  { name: 'Alpine Throw', sizes: ['OS'], price: 8900, cost: 3100, units: 0.6 },
  { name: 'Merino Tee', sizes: ['S', 'M', 'L', 'XL'], price: 5900, cost: 1900, units: 0.9 },
  { name: 'Storm Shell Jacket', sizes: ['S', 'M', 'L', 'XL'], price: 21900, cost: 8200, units: 0.35 },
  { name: 'Summit Beanie', sizes: ['OS'], price: 2900, cost: 700, units: 1.1 },
  { name: 'Camp Mug', sizes: ['OS'], price: 2400, cost: 600, units: 0.8 },
  { name: 'Daypack 22L', sizes: ['OS'], price: 11900, cost: 4300, units: 0.5 },
  { name: 'Trail Sock 3-Pack', sizes: ['S', 'M', 'L'], price: 2600, cost: 700, units: 1.0 },
  { name: 'Fleece Pullover', sizes: ['S', 'M', 'L', 'XL'], price: 8900, cost: 3000, units: 0.45 },
];
const COLOURS = [
  'Black',
  'Slate',
  'Moss',
  'Clay',
  'Ocean',
  'Sand',
  'Ember',
  'Fog',
  'Rust',
  'Pine',
  'Berry',
  'Stone',
];

const skuOf = (family: string, size: string, colour?: string) =>
  [
    'PP',
    ...family
      .toUpperCase()
      .replace(/[^A-Z0-9]+/g, '-')
      .split('-')
      .filter(Boolean),
    ...(colour ? [colour.toUpperCase()] : []),
    size,
  ].join('-');

/** A few hundred variants: the planted ones in their base colour, the rest in colourways. */
export function buildVariants(): Variant[] {
  const rand = seededRandom(seedOf('variants'));
  const out: Variant[] = [];
  let productNo = 1000;
  let variantNo = 50_000;
  for (const family of FAMILIES) {
    const colourways =
      family.name === 'Velocity Runner' || family.name === 'Trail Bottle' || family.name === 'Alpine Throw'
        ? [undefined, ...COLOURS.slice(0, 3)]
        : COLOURS;
    for (const colour of colourways) {
      productNo++;
      for (const size of family.sizes) {
        variantNo++;
        const sku = skuOf(family.name, size, colour);
        const units =
          family.units * (colour ? 0.25 + rand() * 0.5 : 1) * (size === 'M' || size === 'OS' ? 1.4 : 1);
        const cover = 30 + rand() * 50; // days of cover for ordinary SKUs: healthy
        let stock = Math.round(units * cover * 3);
        if (sku === PLANTED.FAST_LOW_STOCK) stock = 36;
        if (sku === PLANTED.OVERSTOCK) stock = 2600;
        if (sku === PLANTED.STOCKED_OUT) stock = 0;
        const east = Math.round(stock * 0.6);
        out.push({
          variantId: `gid://shopify/ProductVariant/${variantNo}`,
          productId: `gid://shopify/Product/${productNo}`,
          inventoryItemId: `gid://shopify/InventoryItem/${variantNo + 900_000}`,
          sku,
          productTitle: colour ? `${family.name} — ${colour}` : family.name,
          variantTitle: size,
          priceMinor: family.price,
          unitCostMinor: family.cost,
          baseDailyUnits: sku === PLANTED.OVERSTOCK ? 0.4 : units,
          stock: { [LOCATIONS[0].id]: east, [LOCATIONS[1].id]: stock - east },
        });
      }
    }
  }
  return out;
}

export interface Campaign {
  platform: AdPlatform;
  accountId: string;
  /** The platform's own id, as its API and UTMs carry it. */
  nativeId: string;
  /** Pulsepoint's prefixed id: `meta:act_1001:1202...`. */
  id: string;
  name: string;
  objective: string;
  accountCurrency: string;
  accountTimezone: string;
  /** Daily budget in the account currency's minor units. */
  dailyBudgetMinor: number;
  promotedSkus: readonly string[];
  /** Orders a day at the daily budget = k × (budget in USD)^0.7; response.ts plants a Hill curve through it. */
  efficiency: number;
  /** How much the platform over-reports conversions relative to what Shopify sees. */
  overClaim: number;
  /**
   * The share of the campaign's orders placed by someone who has never bought from the store: who
   * the campaign is aimed at (prospecting reaches strangers, retargeting past visitors and buyers).
   * The rest go to returning customers (shopify/customers.ts).
   */
  newCustomerShare: number;
}

const ACCOUNTS = {
  meta: {
    accountId: 'act_1001',
    currency: 'USD',
    timezone: 'America/New_York',
    source: 'facebook',
    medium: 'paid_social',
    clickParam: 'fbclid',
  },
  tiktok: {
    accountId: '7000000000002',
    currency: 'EUR',
    timezone: 'Europe/Berlin',
    source: 'tiktok',
    medium: 'paid_social',
    clickParam: 'ttclid',
  },
  google_ads: {
    accountId: '1234567890',
    currency: 'USD',
    timezone: 'America/Los_Angeles',
    source: 'google',
    medium: 'cpc',
    clickParam: 'gclid',
  },
} as const satisfies Record<AdPlatform, unknown>;

export { ACCOUNTS as AD_ACCOUNTS };

function campaign(
  platform: AdPlatform,
  nativeId: string,
  name: string,
  objective: string,
  budget: number,
  promotedSkus: string[],
  efficiency: number,
  overClaim: number,
  newCustomerShare: number,
): Campaign {
  const acct = ACCOUNTS[platform];
  return {
    platform,
    accountId: acct.accountId,
    nativeId,
    id: `${platform}:${acct.accountId}:${nativeId}`,
    name,
    objective,
    accountCurrency: acct.currency,
    accountTimezone: acct.timezone,
    dailyBudgetMinor: budget,
    promotedSkus,
    efficiency,
    overClaim,
    newCustomerShare,
  };
}

/**
 * The share of new customers among each kind of campaign's orders (Campaign.newCustomerShare), our
 * assumption of how the audiences differ: prospecting and creator ads reach people who have never
 * bought, shopping and Performance Max campaigns catch searchers old and new, someone searching the
 * brand's name has usually bought before, and retargeting reaches past visitors and buyers.
 */
export const AUDIENCE = { prospecting: 0.85, shopping: 0.6, brandSearch: 0.3, retargeting: 0.1 } as const;

export const CAMPAIGNS: readonly Campaign[] = [
  campaign(
    'meta',
    '120210000000101',
    'Velocity Runner — Prospecting',
    'OUTCOME_SALES',
    90_000,
    ['PP-VELOCITY-RUNNER-M', 'PP-VELOCITY-RUNNER-L', 'PP-VELOCITY-RUNNER-S'],
    0.06,
    1.35,
    AUDIENCE.prospecting,
  ),
  campaign(
    'meta',
    '120210000000102',
    'Retargeting — All Products',
    'OUTCOME_SALES',
    25_000,
    [],
    0.09,
    1.25,
    AUDIENCE.retargeting,
  ),
  campaign(
    'meta',
    '120210000000103',
    'Merino Tee — Summer',
    'OUTCOME_SALES',
    18_000,
    ['PP-MERINO-TEE-BLACK-M', 'PP-MERINO-TEE-SLATE-M'],
    0.05,
    1.3,
    AUDIENCE.prospecting,
  ),
  campaign(
    'meta',
    '120210000000104',
    'Storm Shell — Launch',
    'OUTCOME_SALES',
    30_000,
    ['PP-STORM-SHELL-JACKET-BLACK-M', 'PP-STORM-SHELL-JACKET-BLACK-L'],
    0.012,
    1.4,
    AUDIENCE.prospecting,
  ),
  campaign(
    'tiktok',
    '1790000000000201',
    'Trail Bottle — Spark Ads',
    'CONVERSIONS',
    20_000,
    ['PP-TRAIL-BOTTLE-OS'],
    0.05,
    1.5,
    AUDIENCE.prospecting,
  ),
  campaign(
    'tiktok',
    '1790000000000202',
    'Beanie — UGC',
    'CONVERSIONS',
    9_000,
    ['PP-SUMMIT-BEANIE-BLACK-OS', 'PP-SUMMIT-BEANIE-MOSS-OS'],
    0.07,
    1.45,
    AUDIENCE.prospecting,
  ),
  campaign(
    'tiktok',
    '1790000000000203',
    'Daypack — Creators',
    'CONVERSIONS',
    14_000,
    ['PP-DAYPACK-22L-SLATE-OS'],
    0.02,
    1.6,
    AUDIENCE.prospecting,
  ),
  campaign(
    'google_ads',
    '20000000301',
    'Search — Brand',
    'SEARCH',
    12_000,
    [],
    0.2,
    1.1,
    AUDIENCE.brandSearch,
  ),
  campaign(
    'google_ads',
    '20000000302',
    'Shopping — Footwear',
    'SHOPPING',
    40_000,
    ['PP-VELOCITY-RUNNER-M', 'PP-VELOCITY-RUNNER-XL'],
    0.05,
    1.2,
    AUDIENCE.shopping,
  ),
  campaign(
    'google_ads',
    '20000000303',
    'Shopping — Hydration',
    'SHOPPING',
    15_000,
    ['PP-TRAIL-BOTTLE-OS'],
    0.045,
    1.2,
    AUDIENCE.shopping,
  ),
  campaign(
    'google_ads',
    '20000000304',
    'PMax — Outerwear',
    'PERFORMANCE_MAX',
    22_000,
    ['PP-FLEECE-PULLOVER-MOSS-M', 'PP-STORM-SHELL-JACKET-SLATE-M'],
    0.025,
    1.3,
    AUDIENCE.shopping,
  ),
];

/** Dated FX rate: units of USD per unit of `currency` on `date` (deterministic, gently drifting). */
export function usdPer(currency: string, date: string): number {
  const base: Record<string, number> = { USD: 1, EUR: 1.08, GBP: 1.27, CAD: 0.73, AUD: 0.66 };
  const b = base[currency];
  if (b === undefined) throw new RangeError(`no sandbox rate for ${currency}`);
  if (currency === 'USD') return 1;
  const day = Math.floor(Date.parse(`${date}T00:00:00Z`) / 86_400_000);
  return Math.round(b * (1 + 0.02 * Math.sin(day / 17)) * 10_000) / 10_000;
}

/** ISO weekday 0 = Monday; stores sell more at the weekend. */
export const WEEKDAY_FACTOR = [0.9, 0.88, 0.92, 0.97, 1.08, 1.15, 1.1] as const;

/** The campaigns behind the stocked-out SKU were scaled up this many days before the world's last day. */
export const SCALE_UP_DAYS = 21;

/**
 * How far each budget test moves a campaign's budget: a step drawn between these, down one week
 * and up the next (0.05×–0.25× of its usual budget, then 1.75×–1.95×). Steps this large are what lets
 * a campaign's attributed revenue show its curve through the day-to-day noise of a few orders a
 * day (docs/decisions/996): with steps drawn anywhere between 0 and 0.6 the 90 days the curves are
 * fitted on were mostly small moves, and no demo campaign's curve explained its revenue; with steps
 * of 0.7–0.9 six to nine of eleven did, depending on the day, and at 0.75–0.95 eight to ten.
 * The down weeks would take TikTok's campaigns (€90–€200 a day) under TikTok's €50 campaign
 * minimum; holding them at it cost one to two explaining curves (decision 962), so they pause
 * instead (testWeeks, decision 969).
 */
export const BUDGET_TEST_STEP = { min: 0.75, max: 0.95 } as const;

/**
 * The merchant's budget tests: the store flights its campaigns, moving each one's budget once a
 * week (calendar weeks, so a day's spend never changes as the world's last day moves) — nearly
 * dark one week, nearly doubled the next (BUDGET_TEST_STEP; paused, then doubled, where the dark
 * week would be under the platform's minimum: testWeeks), as media buyers do to measure what a
 * campaign really drives and where it saturates, and what lets a response curve be fitted at all
 * (a budget that never moves says nothing about the curve's shape). Each test week is followed by
 * its mirror (m, then 2 − m), so any fortnight spends about the usual budget and the demo's
 * windows, sales velocities and days of cover stay where they were. The campaigns promoting the
 * planted stocked-out SKU were pushed to 1.5× for its last three weeks because it sold well —
 * until it sold out, which a curve fit must not mistake for saturation.
 */
export function budgetTestMultiplier(c: Campaign, date: string, endDate: string): number {
  if (c.promotedSkus.includes(PLANTED.STOCKED_OUT) && date > daysBefore(endDate, SCALE_UP_DAYS)) return 1.5;
  const week = Math.floor(Math.floor(Date.parse(`${date}T00:00:00Z`) / 86_400_000) / 7);
  const rand = seededRandom(seedOf('budget-test', c.id, week >> 1));
  const size = BUDGET_TEST_STEP.min + (BUDGET_TEST_STEP.max - BUDGET_TEST_STEP.min) * rand();
  const downFirst = rand() < 0.5;
  const { down, up } = testWeeks(c, size);
  return (week % 2 === 0) === downFirst ? down : up;
}

/**
 * A budget test's two weeks for a step m: down to 1 − m, then up to its mirror 1 + m, so the
 * fortnight spends the usual budget. A platform refuses a daily budget under its campaign minimum
 * (PLATFORM_MINIMUM_MINOR, in the account currency: TikTok's $50 a day, held at €50 for the EUR
 * account), so a down week that would go under it pauses the campaign instead, as a media buyer
 * would: nothing spent that week and twice the budget the next (a step of 1). Only TikTok's
 * campaigns (€90–€200 a day) reach it, in every down week (€200 × 0.25 is €50 at most); the
 * pause is also the sharper test (docs/decisions/969).
 */
export function testWeeks(c: Campaign, m: number): { down: number; up: number } {
  const down = c.dailyBudgetMinor * (1 - m) < PLATFORM_MINIMUM_MINOR[c.platform] ? 0 : 1 - m;
  return { down, up: 2 - down };
}

function daysBefore(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * The campaign's final (restated) spend on `date` in `region`, in account-currency minor units, in
 * a world whose last day is `endDate`.
 * Budget × budget test × weekday factor × region share × deterministic noise × a slow trend.
 */
export function dailySpendMinor(c: Campaign, date: string, region: Region, endDate: string): number {
  const day = Math.floor(Date.parse(`${date}T00:00:00Z`) / 86_400_000);
  const weekday = (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7;
  const rand = seededRandom(seedOf('spend', c.id, date, region.code));
  const noise = 0.85 + rand() * 0.3;
  const trend = 1 + 0.15 * Math.sin(day / 29 + c.nativeId.length);
  return Math.round(
    c.dailyBudgetMinor *
      budgetTestMultiplier(c, date, endDate) *
      WEEKDAY_FACTOR[weekday]! *
      region.weight *
      noise *
      trend,
  );
}

/** The stocked-out SKU sold its last unit this many days before the world's last day; campaigns kept spending. */
export const STOCKOUT_DAYS = 10;

/** Whether `sku` is out of stock on `date` in a world whose last day is `endDate`. */
export function isStockedOut(sku: string, date: string, endDate: string): boolean {
  return sku === PLANTED.STOCKED_OUT && date > daysBefore(endDate, STOCKOUT_DAYS);
}

/** Each platform restates its last few days: what it reports on `asOf` for `date`, as a share of the final figure. */
export function restatementFactor(date: string, asOf: string): number {
  const age = Math.round((Date.parse(`${asOf}T00:00:00Z`) - Date.parse(`${date}T00:00:00Z`)) / 86_400_000);
  if (age >= 3) return 1;
  return [0.9, 0.95, 0.98][Math.max(0, age)]!;
}
