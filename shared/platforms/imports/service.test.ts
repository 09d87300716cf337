import { describe, expect, it } from 'vitest';
import { fixture, importTestbeds } from '../../../test/support/imports';
import { formatProblem, ImportRejectedError } from '../../kernel/util/import-problems';
import type { ImportRequest } from './types';

const setup = importTestbeds();

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
