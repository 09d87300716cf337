import { describe, expect, it } from 'vitest';
import { fixture, importTestbeds, TESTBED_USD_PER_EUR } from '../../../test/support/imports';
import { convertMinor } from '../../domain/money';

const setup = importTestbeds();

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
        spend: eurMinor.reduce((s, m) => s + convertMinor(m, 'EUR', 'USD', TESTBED_USD_PER_EUR), 0),
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
