import { afterEach, describe, expect, it } from 'vitest';
import { createTestApi } from '../../../test/support/api';
import { fixedFxRates, fixture, recordingAttribution } from '../../../test/support/imports';
import { convertMinor } from '../../domain/money';
import { formatProblem, ImportRejectedError } from '../../kernel/util/import-problems';
import { createImportService } from './service';
import type { ImportRequest } from './types';

const USD_PER_EUR = 1.1;
const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0)) await c();
});

async function setup() {
  const api = await createTestApi({ now: '2026-04-20T12:00:00Z' });
  cleanup.push(() => api.embedded.close(100));
  const ctx = await api.seedTenant('t1', [{ id: 'b1' }]);
  await api.deps.warehouse.ensureTenant(ctx);
  const attribution = recordingAttribution();
  const service = createImportService({
    ...api.deps,
    requestAttribution: attribution.requestAttribution,
    fxRates: fixedFxRates({ USD: USD_PER_EUR }),
  });
  const run = (request: ImportRequest) => service.run(ctx, 'b1', request);
  const preview = (request: ImportRequest) => service.preview(ctx, 'b1', request);
  const query = <T>(sql: string) => api.deps.warehouse.query<T>(ctx, sql);
  const count = async (table: string) =>
    (await query<{ n: number }>(`SELECT COUNT(*) AS n FROM {{${table}}}`))[0]!.n;
  return { api, ctx, attribution, run, preview, query, count };
}

describe('Shopify bulk-operation JSONL', () => {
  it('reads two monthly part files together: line items before their orders, minimal orders, totalRefundedSet, countryCodeV2', async () => {
    const { run, query, attribution } = await setup();
    const result = await run({
      source: 'shopify',
      files: [fixture('valid/shopify-orders-2026-03.jsonl'), fixture('valid/shopify-orders-2026-04.jsonl')],
    });
    expect(result.preview).toMatchObject({
      valid: true,
      counts: { orders: 5, lineItems: 4, refunds: 2 },
      range: { from: '2026-03-02', to: '2026-04-10' },
    });
    expect(result.preview.notes).toContain(
      '1 nested lines of other kinds (not line items or variants) are not used',
    );
    expect(
      await query(
        'SELECT order_id, date, total_minor, subtotal_minor, shipping_minor, tax_minor, country, region, financial_status, cancelled_at IS NOT NULL AS cancelled FROM {{orders}} ORDER BY order_id',
      ),
    ).toEqual([
      {
        order_id: 'gid://shopify/Order/5001',
        date: '2026-03-02',
        total_minor: 12840,
        subtotal_minor: 11000,
        shipping_minor: 960,
        tax_minor: 880,
        country: 'US',
        region: 'US-CA',
        financial_status: 'paid',
        cancelled: false,
      },
      {
        order_id: 'gid://shopify/Order/5002',
        date: '2026-03-05',
        total_minor: 5400,
        subtotal_minor: 4400,
        shipping_minor: 600,
        tax_minor: 400,
        country: 'US',
        region: 'US-NY',
        financial_status: 'partially_refunded',
        cancelled: false,
      },
      // Only id, createdAt and a total: the rest means what Shopify means by its absence.
      {
        order_id: 'gid://shopify/Order/5003',
        date: '2026-03-09',
        total_minor: 1999,
        subtotal_minor: 1999,
        shipping_minor: 0,
        tax_minor: 0,
        country: null,
        region: null,
        financial_status: null,
        cancelled: false,
      },
      {
        order_id: 'gid://shopify/Order/5004',
        date: '2026-04-03',
        total_minor: 7500,
        subtotal_minor: 7500,
        shipping_minor: 0,
        tax_minor: 0,
        country: 'US',
        region: 'US-TX',
        financial_status: 'voided',
        cancelled: true,
      },
      {
        order_id: 'gid://shopify/Order/5005',
        date: '2026-04-10',
        total_minor: 6000,
        subtotal_minor: 6000,
        shipping_minor: 0,
        tax_minor: 0,
        country: 'CA',
        region: 'CA-ON',
        financial_status: 'partially_refunded',
        cancelled: false,
      },
    ]);
    // No refunds list: totalRefundedSet becomes one refund on the order's last update (New York day).
    expect(await query('SELECT order_id, date, amount_minor FROM {{refunds}} ORDER BY order_id')).toEqual([
      { order_id: 'gid://shopify/Order/5002', date: '2026-03-07', amount_minor: 2000 },
      { order_id: 'gid://shopify/Order/5005', date: '2026-04-12', amount_minor: 1000 },
    ]);
    expect(
      await query(
        'SELECT order_id, quantity, price_minor, variant_id FROM {{order_lines}} ORDER BY order_id',
      ),
    ).toEqual([
      {
        order_id: 'gid://shopify/Order/5001',
        quantity: 1,
        price_minor: 11000,
        variant_id: 'gid://shopify/ProductVariant/7001',
      },
      {
        order_id: 'gid://shopify/Order/5002',
        quantity: 2,
        price_minor: 2200,
        variant_id: 'gid://shopify/ProductVariant/7003',
      },
      {
        order_id: 'gid://shopify/Order/5004',
        quantity: 3,
        price_minor: 2500,
        variant_id: 'gid://shopify/ProductVariant/7003',
      },
      {
        order_id: 'gid://shopify/Order/5005',
        quantity: 1,
        price_minor: 6000,
        variant_id: 'gid://shopify/ProductVariant/7002',
      },
    ]);
    expect(
      await query(
        'SELECT order_id, kind, utm_source, utm_campaign, click_id_type FROM {{touchpoints}} ORDER BY order_id',
      ),
    ).toEqual([
      {
        order_id: 'gid://shopify/Order/5001',
        kind: 'last_visit',
        utm_source: 'facebook',
        utm_campaign: 'Spring Sale',
        click_id_type: 'fbclid',
      },
      {
        order_id: 'gid://shopify/Order/5005',
        kind: 'first_visit',
        utm_source: 'google',
        utm_campaign: 'Search - Brand',
        click_id_type: 'gclid',
      },
    ]);
    expect(attribution.requested).toEqual([{ tenantId: 't1', brandId: 'b1' }]);
  });

  it('a re-import of the same files changes nothing', async () => {
    const { run, count } = await setup();
    const files = [
      fixture('valid/shopify-orders-2026-04.jsonl'),
      fixture('valid/shopify-orders-2026-03.jsonl'),
    ];
    await run({ source: 'shopify', files });
    await run({ source: 'shopify', files });
    expect([await count('orders'), await count('order_lines'), await count('refunds')]).toEqual([5, 4, 2]);
  });
});

describe('Shopify catalog CSV exports', () => {
  const view = (p: {
    title: string;
    variantTitle?: string;
    sku?: string;
    priceMinor: number;
    unitCostMinor?: number;
    status: string;
  }) => [p.title, p.variantTitle ?? null, p.sku, p.priceMinor, p.unitCostMinor, p.status];

  it.each([['valid/shopify-products-classic.csv'], ['valid/shopify-products-2025.csv']])(
    '%s: the classic and the 2025 header sets give the same variants',
    async (file) => {
      const { api, ctx, run } = await setup();
      await run({ source: 'shopify', files: [fixture(file)] });
      const products = await api.deps.store.products.list(ctx, 'b1');
      expect(products.map(view).sort()).toEqual(
        [
          ['Camp Mug', null, 'CM-BLK', 2200, 610, 'draft'],
          ['Trail Runner', '42', 'TR-42', 11000, 4850, 'active'],
          ['Trail Runner', '43', 'TR-43', 11000, 4850, 'active'],
        ].sort(),
      );
    },
  );

  it('the 2024+ "All quantity types" export (BOM, CRLF) keeps On hand apart from Available and skips "not stocked"', async () => {
    const { api, ctx, run, query } = await setup();
    await run({ source: 'shopify', files: [fixture('valid/shopify-products-2025.csv')] });
    await run({ source: 'shopify', files: [fixture('valid/shopify-inventory-2024-all-quantities.csv')] });
    const levels = await api.deps.store.inventory.list(ctx, 'b1');
    expect(
      levels.map((l) => [l.locationName, l.available, l.onHand, l.committed, l.incoming]).sort(),
    ).toEqual(
      [
        ['Main Warehouse', 10, 12, 2, 0],
        ['Main Warehouse', 3, 4, 0, 24],
        ['Main Warehouse', 135, 140, 5, 0],
      ].sort(),
    );
    expect(
      await query('SELECT date, SUM(on_hand) AS on_hand FROM {{inventory_snapshots}} GROUP BY date'),
    ).toEqual([{ date: '2026-04-20', on_hand: 156 }]);
  });

  it('the 2023 export reads the same quantities (and a zero level where the 2024 file says not stocked)', async () => {
    const { api, ctx, run } = await setup();
    await run({ source: 'shopify', files: [fixture('valid/shopify-inventory-2023.csv')] });
    const levels = await api.deps.store.inventory.list(ctx, 'b1');
    expect(levels.map((l) => [l.locationName, l.available, l.onHand]).sort()).toEqual(
      [
        ['Main Warehouse', 10, 12],
        ['Main Warehouse', 3, 4],
        ['Main Warehouse', 135, 140],
        ['Pop-up Store', 0, 0],
      ].sort(),
    );
  });
});

describe('ad platform exports and accounts', () => {
  type Spend = {
    account_id: string;
    original_currency: string;
    original: number;
    spend: number;
    rows: number;
  };
  const spendByAccount = (query: <T>(sql: string) => Promise<T[]>) =>
    query<Spend>(
      'SELECT account_id, original_currency, SUM(spend_original_minor) AS original, SUM(spend_minor) AS spend, COUNT(*) AS rows FROM {{ad_performance}} GROUP BY account_id, original_currency ORDER BY account_id',
    );

  it('a USD and a EUR Meta account live side by side; re-importing one never replaces the other', async () => {
    const { api, ctx, run, query } = await setup();
    const usd = {
      source: 'meta' as const,
      account: '1001',
      files: [fixture('valid/meta-usd-by-region-day.csv')],
    };
    const eur = {
      source: 'meta' as const,
      account: 'act_2002',
      timezone: 'Europe/Berlin',
      files: [fixture('valid/meta-eur-no-campaign-id.csv')],
    };
    const first = await run(usd);
    expect(first.preview.notes).toEqual(
      expect.arrayContaining([
        'amounts are in the currency stated by the "Amount spent (USD)" header',
        'region names kept as country only (not in the ISO 3166-2 table): Unknown',
      ]),
    );
    await run(eur);
    await run(usd);
    const eurMinor = [9000, 11040, 2500];
    expect(await spendByAccount(query)).toEqual([
      { account_id: 'act_1001', original_currency: 'USD', original: 148300, spend: 148300, rows: 5 },
      {
        account_id: 'act_2002',
        original_currency: 'EUR',
        original: 22540,
        spend: eurMinor.reduce((s, m) => s + convertMinor(m, 'EUR', 'USD', USD_PER_EUR), 0),
        rows: 3,
      },
    ]);
    expect(
      (await api.deps.store.adAccounts.list(ctx, 'b1')).map((a) => [a.id, a.currency, a.timezone]),
    ).toEqual([
      ['meta:act_1001', 'USD', 'America/New_York'],
      ['meta:act_2002', 'EUR', 'Europe/Berlin'],
    ]);
    // Without Campaign ID, a name is matched within its own account only.
    expect(
      await query(
        "SELECT DISTINCT campaign_id, campaign_name FROM {{ad_performance}} WHERE account_id = 'act_2002' ORDER BY campaign_name",
      ),
    ).toEqual([
      { campaign_id: 'meta:act_2002:name=fr%C3%BChling%20de', campaign_name: 'Frühling DE' },
      { campaign_id: 'meta:act_2002:name=spring%20sale', campaign_name: 'Spring Sale' },
    ]);
  });

  it('a Meta export without Campaign ID takes the id already stored for that name in the account', async () => {
    const { run, query } = await setup();
    await run({ source: 'meta', account: 'act_1001', files: [fixture('valid/meta-usd-by-region-day.csv')] });
    const noIds = fixture('valid/meta-eur-no-campaign-id.csv');
    const usdNoIds = { ...noIds, content: noIds.content.replace('Amount spent (EUR)', 'Amount spent (USD)') };
    await run({ source: 'meta', account: 'act_1001', files: [usdNoIds] });
    expect(
      await query(
        "SELECT DISTINCT campaign_id FROM {{ad_performance}} WHERE campaign_name = 'Spring Sale' AND account_id = 'act_1001'",
      ),
    ).toEqual([{ campaign_id: 'meta:act_1001:120210000000101' }]);
  });

  it('an export with Account ID and Account name columns creates each account with its name', async () => {
    const { api, ctx, run } = await setup();
    const csv = fixture('valid/meta-usd-by-region-day.csv');
    const lines = csv.content.trimEnd().split('\n');
    const content = [
      `Account ID,Account name,${lines[0]}`,
      ...lines.slice(1).map((l, i) => (i < 2 ? `1001,Acme US,${l}` : `3003,Acme Outlet,${l}`)),
    ].join('\n');
    await run({ source: 'meta', files: [{ name: 'meta-two-accounts.csv', content }] });
    expect(
      (await api.deps.store.adAccounts.list(ctx, 'b1')).map((a) => [a.accountId, a.name, a.currency]),
    ).toEqual([
      ['act_1001', 'Acme US', 'USD'],
      ['act_3003', 'Acme Outlet', 'USD'],
    ]);
  });

  it('a TikTok account the brand connected lends its currency and timezone to the import', async () => {
    const { api, ctx, run } = await setup();
    await api.deps.store.integrations.upsert(ctx, 'b1', {
      platform: 'tiktok',
      status: 'connected',
      accountIds: ['7000000001'],
      accountCurrency: 'USD',
      accountTimezone: 'Asia/Singapore',
      updatedAt: '2026-04-01T00:00:00Z',
    });
    const result = await run({
      source: 'tiktok',
      account: '7000000001',
      files: [fixture('valid/tiktok-custom-report.csv')],
    });
    expect(result.preview.valid).toBe(true);
    expect(
      (await api.deps.store.adAccounts.list(ctx, 'b1')).map((a) => [a.id, a.currency, a.timezone]),
    ).toEqual([['tiktok:7000000001', 'USD', 'Asia/Singapore']]);
  });

  it('an export in another currency than its account is refused, naming both', async () => {
    const { run, count } = await setup();
    await run({ source: 'meta', account: 'act_1001', files: [fixture('valid/meta-usd-by-region-day.csv')] });
    const before = await count('ad_performance');
    await expect(
      run({ source: 'meta', account: 'act_1001', files: [fixture('valid/meta-eur-no-campaign-id.csv')] }),
    ).rejects.toThrow(
      'meta-eur-no-campaign-id.csv:1:1: "Amount spent (EUR)" is in EUR but the account is in USD',
    );
    expect(await count('ad_performance')).toBe(before);
  });

  it('a Google Ads download: title lines and Total rows skipped, quoted thousands, fractional conversions, account from Customer ID', async () => {
    const { run, query } = await setup();
    await run({ source: 'google_ads', files: [fixture('valid/google-ads-campaign-report.csv')] });
    expect(
      await query(
        'SELECT account_id, campaign_id, region, spend_minor, impressions, platform_conversions, platform_conversion_value_minor FROM {{ad_performance}} ORDER BY spend_minor DESC',
      ),
    ).toEqual([
      {
        account_id: '1234567890',
        campaign_id: 'google_ads:1234567890:21736540913',
        region: 'US-CA',
        spend_minor: 120450,
        impressions: 12034,
        platform_conversions: 4.5,
        platform_conversion_value_minor: 102000,
      },
      {
        account_id: '1234567890',
        campaign_id: 'google_ads:1234567890:21736540913',
        region: 'US-TX',
        spend_minor: 31000,
        impressions: 2980,
        platform_conversions: 1.33,
        platform_conversion_value_minor: 21075,
      },
      {
        account_id: '1234567890',
        campaign_id: 'google_ads:1234567890:21736540999',
        region: 'US-NY',
        spend_minor: 9999,
        impressions: 40112,
        platform_conversions: 0.67,
        platform_conversion_value_minor: 0,
      },
    ]);
  });

  it('a TikTok report takes its currency from --currency, says so, and later from the account', async () => {
    const { run } = await setup();
    const first = await run({
      source: 'tiktok',
      account: '7000000001',
      currency: 'USD',
      files: [fixture('valid/tiktok-custom-report.csv')],
    });
    expect(first.preview.notes).toContain(
      'amounts are in the currency stated by the ad account (the file does not say)',
    );
    const again = await run({
      source: 'tiktok',
      account: '7000000001',
      files: [fixture('valid/tiktok-custom-report.csv')],
    });
    expect(again.preview).toMatchObject({ valid: true, counts: { adRows: 2, newAccounts: 0 } });
  });
});

describe('files with planted errors', () => {
  it.each<[string, Omit<ImportRequest, 'files'>, string[]]>([
    [
      'invalid/shopify-orders-bad.jsonl',
      { source: 'shopify' },
      [
        'shopify-orders-bad.jsonl:1:1: the order has no "createdAt" (when the order was placed); add it to the bulk query',
        'shopify-orders-bad.jsonl:2:60: "quantity" (how many were bought) should be a number, not "two"',
        'shopify-orders-bad.jsonl:4:1: this line is not valid JSON (was the file cut short or edited?)',
        'shopify-orders-bad.jsonl:5:136: this line belongs to gid://shopify/Order/6999, which is not in the files imported together with it',
        'shopify-orders-bad.jsonl:6:1: the order has no total: the query needs totalPriceSet (or currentTotalPriceSet)',
        'shopify-orders-bad.jsonl:7:36: "createdAt" (when the order was placed) should be a date and time like 2026-03-01T14:30:00Z, not "yesterday"',
      ],
    ],
    [
      'invalid/shopify-products-bad.csv',
      { source: 'shopify' },
      [
        'shopify-products-bad.csv:2:64: "Price" should be an amount like 29.00, not "free"',
        'shopify-products-bad.csv:3:35: "Cost per item" should be an amount like 12.00, not "about 50"',
        'shopify-products-bad.csv:4:1: "Title" is empty; it should be the product title (on the first row of each product)',
      ],
    ],
    [
      'invalid/shopify-inventory-bad.csv',
      { source: 'shopify' },
      [
        'shopify-inventory-bad.csv:2:62: "Available (not editable)" should be a whole number (or "not stocked"), not "lots"',
        'shopify-inventory-bad.csv:3:41: "Location" is empty; it should be a location name',
      ],
    ],
    [
      'invalid/meta-bad.csv',
      { source: 'meta', account: 'act_1001' },
      [
        'meta-bad.csv:3:68: "Amount spent (USD)" should be an amount like 1,234.50, not "twelve"',
        'meta-bad.csv:4:51: "Day" should be a date like 2026-03-01, not "2026-3-7"',
        'meta-bad.csv:4:71: "Impressions" should be a number, not "-5"',
        'meta-bad.csv:5:24: "Campaign ID" is empty',
      ],
    ],
    [
      'invalid/google-ads-bad.csv',
      { source: 'google_ads' },
      [
        'google-ads-bad.csv:4:52: "Currency code" should be a three-letter currency code like USD, not "US Dollar"',
        'google-ads-bad.csv:5:56: "Cost" should be an amount like 1,234.50, not "1.2.3"',
      ],
    ],
    [
      'invalid/tiktok-bad.csv',
      { source: 'tiktok' },
      [
        'tiktok-bad.csv:1:1: this TikTok Ads Manager report does not say its currency; TikTok shows it under Account settings; name it (the currency field, or --currency) or import into an account that has one',
        'tiktok-bad.csv:1:1: this TikTok Ads Manager report has no account column; name the ad account to file it under (the account field, or --account)',
      ],
    ],
  ])('%s lists every planted error and writes nothing', async (file, request, expected) => {
    const { api, ctx, run, preview, count } = await setup();
    const full = { ...request, files: [fixture(file)] } as ImportRequest;
    const shown = await preview(full);
    expect(shown.problems.map(formatProblem)).toEqual(expected);
    expect(shown).toMatchObject({ valid: false, problemCount: expected.length });
    const failed = await run(full).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(ImportRejectedError);
    expect((failed as ImportRejectedError).message).toContain(expected.join('\n'));
    for (const table of ['orders', 'order_lines', 'refunds', 'ad_performance', 'inventory_snapshots'])
      expect(await count(table)).toBe(0);
    expect(await api.deps.store.products.list(ctx, 'b1')).toEqual([]);
    expect(await api.deps.store.adAccounts.list(ctx, 'b1')).toEqual([]);
  });

  it('a file with one good and one bad part writes neither', async () => {
    const { run, count } = await setup();
    await expect(
      run({
        source: 'shopify',
        files: [fixture('valid/shopify-orders-2026-03.jsonl'), fixture('invalid/shopify-orders-bad.jsonl')],
      }),
    ).rejects.toBeInstanceOf(ImportRejectedError);
    expect(await count('orders')).toBe(0);
  });

  it('lists the first 50 problems and says how many there are in all', async () => {
    const { preview } = await setup();
    const header = 'Reporting starts,Reporting ends,Campaign name,Day,Amount spent (USD),Impressions';
    const rows = Array.from({ length: 60 }, (_, i) => `2026-03-01,2026-03-02,C${i},2026-03-01,lots,1`);
    const shown = await preview({
      source: 'meta',
      account: 'act_1',
      files: [{ name: 'many.csv', content: [header, ...rows].join('\n') }],
    });
    expect(shown.problemCount).toBe(60);
    expect(shown.problems).toHaveLength(50);
    expect(formatProblem(shown.problems[49]!)).toBe(
      'many.csv:51:38: "Amount spent (USD)" should be an amount like 1,234.50, not "lots"',
    );
  });
});
