import { addDays, type LocalDate } from '../../shared/domain/time';

/**
 * A small store written in the platforms' own export layouts (test/fixtures/imports/SOURCES.md),
 * generated from a plan this file states in plain numbers, so the end-to-end test can compute what
 * must come out without any of the code under test: two weeks of orders in two bulk-operation part
 * files (UTM campaign names, click ids, direct, organic and email orders, refunds with and without
 * a refunds list, a voided cancellation), Meta exports from a USD and a EUR account (the EUR one
 * without Campaign ID), a Google Ads download and a TikTok report without a currency.
 */
export const START: LocalDate = '2026-03-02' as LocalDate;
export const DAYS = 14;
export const BRAND_TZ = 'America/New_York';

export interface PlannedOrder {
  id: string;
  day: LocalDate;
  totalMinor: number;
  shippingMinor: number;
  taxMinor: number;
  kind: 'meta-usd' | 'meta-eur' | 'google' | 'tiktok' | 'direct' | 'organic' | 'email';
  utm?: { source: string; medium: string; campaign?: string };
  landing?: string;
  referrer?: string;
  refund?: { minor: number; day: LocalDate; listed: boolean };
  voided?: boolean;
}

export interface PlannedSpend {
  platform: 'meta' | 'google_ads' | 'tiktok';
  account: string;
  currency: 'USD' | 'EUR';
  campaignId?: string;
  campaignName: string;
  day: LocalDate;
  region: string;
  regionName: string;
  spendMinor: number;
  /** What the platform's own report claims its ads drove that day, in the account's currency. */
  claimedMinor: number;
}

const money = (minor: number) => (minor / 100).toFixed(2);
/** Google writes thousands with a comma inside a quoted cell. */
const googleMoney = (minor: number) =>
  `"${Number(money(minor)).toLocaleString('en-US', { minimumFractionDigits: 2 })}"`;

export function planStore() {
  const orders: PlannedOrder[] = [];
  const spend: PlannedSpend[] = [];
  let n = 7000;
  const order = (o: Omit<PlannedOrder, 'id'>) => orders.push({ id: `gid://shopify/Order/${++n}`, ...o });
  for (let d = 0; d < DAYS; d++) {
    const day = addDays(START, d);
    order({
      day,
      totalMinor: 10_000 + d * 100,
      shippingMinor: 500,
      taxMinor: 800,
      kind: 'meta-usd',
      utm: { source: 'facebook', medium: 'paid_social', campaign: 'Spring Sale' },
      landing: `/products/trail-runner?utm_source=facebook&utm_campaign=Spring%20Sale&fbclid=fb${d}`,
      ...(d === 2 ? { refund: { minor: 2_000, day: addDays(day, 1), listed: true } } : {}),
    });
    if (d % 2 === 0)
      order({
        day,
        totalMinor: 8_000,
        shippingMinor: 0,
        taxMinor: 0,
        kind: 'meta-eur',
        utm: { source: 'ig', medium: 'paid_social', campaign: 'Frühling DE' },
        landing: '/?utm_source=ig&utm_campaign=Fr%C3%BChling+DE',
        ...(d === 4 ? { refund: { minor: 8_000, day: addDays(day, 2), listed: false } } : {}),
      });
    if (d % 3 === 0)
      order({
        day,
        totalMinor: 6_000,
        shippingMinor: 400,
        taxMinor: 450,
        kind: 'google',
        utm: { source: 'google', medium: 'cpc', campaign: 'Search - Brand' },
        landing: `/?utm_source=google&utm_medium=cpc&utm_campaign=Search+-+Brand&gclid=Cj0${d}`,
      });
    if (d % 4 === 1)
      order({
        day,
        totalMinor: 4_000,
        shippingMinor: 0,
        taxMinor: 0,
        kind: 'tiktok',
        landing: `/?ttclid=tt${d}`,
      });
    if (d % 4 === 2) order({ day, totalMinor: 4_000, shippingMinor: 0, taxMinor: 0, kind: 'direct' });
    if (d % 5 === 2)
      order({
        day,
        totalMinor: 3_500,
        shippingMinor: 0,
        taxMinor: 0,
        kind: 'email',
        utm: { source: 'klaviyo', medium: 'email', campaign: 'March Newsletter' },
        landing: '/?utm_source=klaviyo&utm_medium=email&utm_campaign=March%20Newsletter',
      });
    if (d % 7 === 3)
      order({
        day,
        totalMinor: 4_500,
        shippingMinor: 0,
        taxMinor: 0,
        kind: 'organic',
        referrer: 'https://www.google.com/',
      });
    if (d === 6)
      order({
        day,
        totalMinor: 7_000,
        shippingMinor: 0,
        taxMinor: 0,
        kind: 'meta-usd',
        utm: { source: 'facebook', medium: 'paid_social', campaign: 'Spring Sale' },
        landing: '/?utm_source=facebook&utm_campaign=Spring%20Sale',
        voided: true,
      });

    spend.push(
      {
        platform: 'meta',
        account: 'act_1001',
        currency: 'USD',
        campaignId: '120210000000101',
        campaignName: 'Spring Sale',
        day,
        region: 'US-CA',
        regionName: 'California',
        spendMinor: 10_000 + d * 125,
        claimedMinor: 13_000 + d * 150,
      },
      {
        platform: 'meta',
        account: 'act_1001',
        currency: 'USD',
        campaignId: '120210000000202',
        campaignName: 'Retargeting',
        day,
        region: 'US-TX',
        regionName: 'Texas',
        spendMinor: 2_050,
        claimedMinor: 1_999,
      },
      {
        platform: 'meta',
        account: 'act_2002',
        currency: 'EUR',
        campaignName: 'Frühling DE',
        day,
        region: 'DE-BY',
        regionName: 'Bavaria',
        spendMinor: 4_000 + d * 100,
        claimedMinor: 6_123,
      },
      {
        platform: 'google_ads',
        account: '1234567890',
        currency: 'USD',
        campaignId: '21736540913',
        campaignName: 'Search - Brand',
        day,
        region: 'US-NY',
        regionName: 'New York',
        spendMinor: 105_555 + d * 10,
        claimedMinor: 9_876,
      },
      {
        platform: 'tiktok',
        account: '7000000001',
        currency: 'USD',
        campaignId: '1790000000000001',
        campaignName: 'Spark - Trail',
        day,
        region: '',
        regionName: '',
        spendMinor: 3_330,
        claimedMinor: 4_321,
      },
    );
  }
  return { orders, spend };
}

/** Local noon in New York as UTC (EST before 2026-03-08, EDT from then). */
const noon = (day: LocalDate) => `${day}T${day < '2026-03-08' ? '17' : '16'}:00:00Z`;
const bag = (minor: number) => ({ shopMoney: { amount: money(minor), currencyCode: 'USD' } });

/** The store's buyers: orders cycle through them, so most come back (repeat customers). */
export const BUYERS = [
  { first: 'Maya', last: 'Okafor' },
  { first: 'Jonas', last: 'Lindqvist' },
  { first: 'Priya', last: 'Raman' },
  { first: 'Tomás', last: 'Herrera' },
  { first: 'Grace', last: 'Whitfield' },
] as const;

/**
 * Who placed the i-th order: every fourth order is a guest checkout with neither (the field is
 * null, as Shopify returns it for an order without an email or customer); the others are the
 * buyers in turn, with the `email` and `customer { id firstName lastName }` the bulk query selects
 * (shopify.dev Order: `email`, `customer` — https://shopify.dev/docs/api/admin-graphql/latest/objects/Order).
 */
export function buyerOf(i: number) {
  if (i % 4 === 3) return null;
  const k = i % BUYERS.length;
  const b = BUYERS[k]!;
  return {
    email: `${b.first
      .normalize('NFD')
      .replace(/[^A-Za-z]/g, '')
      .toLowerCase()}.${b.last.toLowerCase()}@example.com`,
    customer: { id: `gid://shopify/Customer/${8100 + k}`, firstName: b.first, lastName: b.last },
  };
}

/** The orders as two bulk-operation result files; every other order's line item comes first. */
export function ordersJsonl(orders: readonly PlannedOrder[]): [string, string] {
  const parts: [string[], string[]] = [[], []];
  orders.forEach((o, i) => {
    const lines = parts[o.day < addDays(START, 7) ? 0 : 1];
    const buyer = buyerOf(i);
    const node: Record<string, unknown> = {
      id: o.id,
      name: `#${o.id.split('/').pop()}`,
      email: buyer?.email ?? null,
      customer: buyer?.customer ?? null,
      createdAt: noon(o.day),
      updatedAt: o.refund && !o.refund.listed ? noon(o.refund.day) : noon(o.day),
      displayFinancialStatus: o.voided ? 'VOIDED' : o.refund ? 'PARTIALLY_REFUNDED' : 'PAID',
      totalPriceSet: bag(o.totalMinor),
      totalShippingPriceSet: bag(o.shippingMinor),
      totalTaxSet: bag(o.taxMinor),
      totalRefundedSet: bag(o.refund?.minor ?? 0),
      // `province` is the name Shopify writes beside the code (MailingAddress.province).
      shippingAddress: { countryCodeV2: 'US', provinceCode: 'NY', province: 'New York', city: 'New York' },
      ...(o.voided ? { cancelledAt: noon(o.day) } : {}),
      ...(o.refund?.listed
        ? { refunds: [{ createdAt: noon(o.refund.day), totalRefundedSet: bag(o.refund.minor) }] }
        : {}),
      ...(o.landing || o.referrer
        ? {
            customerJourneySummary: {
              lastVisit: {
                occurredAt: noon(o.day).replace('T1', 'T0'),
                landingPage: o.landing ?? '/',
                referrerUrl: o.referrer ?? null,
                utmParameters: o.utm ?? null,
              },
            },
          }
        : {}),
    };
    const item = {
      id: `gid://shopify/LineItem/${o.id.split('/').pop()}1`,
      title: 'Trail Runner',
      sku: 'TR-42',
      quantity: 1,
      originalUnitPriceSet: bag(o.totalMinor - o.shippingMinor - o.taxMinor),
      __parentId: o.id,
    };
    const json = [JSON.stringify(node), JSON.stringify(item)];
    lines.push(...(i % 2 ? json.reverse() : json));
  });
  return [`${parts[0].join('\n')}\n`, `${parts[1].join('\n')}\n`];
}

export function metaCsv(rows: readonly PlannedSpend[], currency: 'USD' | 'EUR', withIds: boolean): string {
  const header = [
    'Reporting starts',
    'Reporting ends',
    'Campaign name',
    ...(withIds ? ['Campaign ID'] : []),
    'Day',
    'Region',
    `Amount spent (${currency})`,
    'Impressions',
    'Link clicks',
    'Purchases',
    'Purchases conversion value',
  ];
  const end = addDays(START, DAYS - 1);
  return `${[
    header.join(','),
    ...rows.map((r) =>
      [
        START,
        end,
        r.campaignName,
        ...(withIds ? [r.campaignId] : []),
        r.day,
        r.regionName,
        money(r.spendMinor),
        '"1,000"',
        20,
        2,
        money(r.claimedMinor),
      ].join(','),
    ),
  ].join('\n')}\n`;
}

export function googleCsv(rows: readonly PlannedSpend[]): string {
  const total = rows.reduce((s, r) => s + r.spendMinor, 0);
  const claimed = rows.reduce((s, r) => s + r.claimedMinor, 0);
  return [
    'Campaign report',
    `"March 2, 2026 - March ${1 + DAYS}, 2026"`,
    'Day,Campaign,Campaign ID,Customer ID,Currency code,Region (User location),Cost,Impr.,Clicks,Conversions,Conv. value',
    ...rows.map((r) =>
      [
        r.day,
        r.campaignName,
        r.campaignId,
        '123-456-7890',
        'USD',
        r.regionName,
        googleMoney(r.spendMinor),
        '"2,000"',
        40,
        '1.50',
        googleMoney(r.claimedMinor),
      ].join(','),
    ),
    `Total: Account,,,,,,${googleMoney(total)},"${(2000 * rows.length).toLocaleString('en-US')}",${40 * rows.length},${(1.5 * rows.length).toFixed(2)},${googleMoney(claimed)}`,
    '',
  ].join('\n');
}

export function tiktokCsv(rows: readonly PlannedSpend[]): string {
  return `${[
    'Campaign name,Campaign ID,By Day,Cost,Impressions,Clicks (destination),Complete payment,Total complete payment value',
    ...rows.map((r) =>
      [
        r.campaignName,
        r.campaignId,
        `${r.day} 00:00:00`,
        money(r.spendMinor),
        500,
        9,
        1,
        money(r.claimedMinor),
      ].join(','),
    ),
  ].join('\n')}\n`;
}

/**
 * The import requests (`POST /api/brands/{brandId}/imports` bodies) that load the whole plan: the
 * orders' two part files, both Meta accounts (the EUR one in Berlin), Google Ads and TikTok.
 */
export function importBodies(plan: ReturnType<typeof planStore>): Record<string, unknown>[] {
  const [part1, part2] = ordersJsonl(plan.orders);
  const of = (account: string) => plan.spend.filter((s) => s.account === account);
  return [
    {
      source: 'shopify',
      files: [
        { name: 'orders-1.jsonl', content: part1 },
        { name: 'orders-2.jsonl', content: part2 },
      ],
    },
    {
      source: 'meta',
      account: 'act_1001',
      files: [{ name: 'meta.csv', content: metaCsv(of('act_1001'), 'USD', true) }],
    },
    {
      source: 'meta',
      account: 'act_2002',
      timezone: 'Europe/Berlin',
      files: [{ name: 'meta-eu.csv', content: metaCsv(of('act_2002'), 'EUR', false) }],
    },
    { source: 'google_ads', files: [{ name: 'google.csv', content: googleCsv(of('1234567890')) }] },
    {
      source: 'tiktok',
      account: '7000000001',
      currency: 'USD',
      files: [{ name: 'tiktok.csv', content: tiktokCsv(of('7000000001')) }],
    },
  ];
}
