import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convertMinor } from '../../../shared/domain/money';
import { systemContext } from '../../../shared/domain/tenancy';
import { loadConfig } from '../../../shared/kernel/config';
import { sandboxFixingDay } from '../../sandbox/ads/serve';
import { type MetaSandbox, startMetaSandbox } from '../../sandbox/meta';
import { usdPer } from '../../sandbox/world';
import { runCli } from '../cli';
import { createEmbeddedDeps } from '../embedded-deps';
import { DEMO_BRAND, DEMO_TENANT, seedDemo } from '../seed';

const csv = (rows: (string | number)[][]) =>
  `${rows.map((r) => r.map((v) => (/[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : v)).join(',')).join('\n')}\n`;

/** Meta Ads Manager "Export table data" with Day and Region breakdowns. */
function metaExport(
  rows: Array<[day: string, campaignId: string, region: string, spend: string, impressions: number]>,
) {
  return csv([
    [
      'Reporting starts',
      'Reporting ends',
      'Day',
      'Account ID',
      'Campaign name',
      'Campaign ID',
      'Region',
      'Amount spent (USD)',
      'Impressions',
      'Clicks (all)',
      'Purchases',
      'Purchases conversion value',
    ],
    ...rows.map(([day, id, region, spend, imp]) => [
      '2026-03-01',
      '2026-03-02',
      day,
      '1001',
      `Campaign ${id}`,
      id,
      region,
      spend,
      imp,
      10,
      '',
      '',
    ]),
  ]);
}

describe('pulsepoint import meta|tiktok|google-ads', () => {
  let dir: string;
  let env: Record<string, string>;
  let fxSandbox: MetaSandbox;
  const files: string[] = [];
  const write = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    files.push(path);
    return path;
  };
  async function query<T>(sql: string): Promise<T[]> {
    const embedded = await createEmbeddedDeps(loadConfig(env));
    try {
      return await embedded.deps.warehouse.query<T>(systemContext(DEMO_TENANT, 'test'), sql);
    } finally {
      await embedded.close(100);
    }
  }
  const importFile = (source: string, file: string) =>
    runCli(['import', source, file, '--brand', DEMO_BRAND], env);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pp-'));
    fxSandbox = await startMetaSandbox({ endDate: '2026-03-10' });
    env = {
      PULSEPOINT_DATA_DIR: dir,
      LOG_LEVEL: 'ERROR',
      PULSEPOINT_FX_RATES_URL: `${fxSandbox.url}/service/data`,
    };
    const embedded = await createEmbeddedDeps(loadConfig(env));
    await seedDemo(embedded.deps);
    await embedded.close(100);
  });
  afterAll(async () => {
    await fxSandbox?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('imports a Meta export with ISO regions, and a re-import changes nothing', async () => {
    const file = write(
      'meta.csv',
      metaExport([
        ['2026-03-01', '111', 'California', '1,234.50', 1000],
        ['2026-03-01', '111', 'England', '10.00', 80],
        ['2026-03-02', '111', 'Atlantis', '5.25', 12],
      ]),
    );
    expect(await importFile('meta', file)).toMatchObject({
      exitCode: 0,
      stdout: expect.stringContaining('imported 3 meta rows'),
    });
    expect(await importFile('meta', file)).toMatchObject({ exitCode: 0 });
    const rows = await query<{
      region: string | null;
      country: string | null;
      spend_minor: number;
      campaign_id: string;
    }>(
      `SELECT region, country, spend_minor, campaign_id FROM {{ad_performance}} WHERE platform = 'meta' ORDER BY spend_minor DESC`,
    );
    expect(rows).toEqual([
      { region: 'US-CA', country: 'US', spend_minor: 123_450, campaign_id: 'meta:act_1001:111' },
      { region: 'GB-ENG', country: 'GB', spend_minor: 1_000, campaign_id: 'meta:act_1001:111' },
      { region: null, country: null, spend_minor: 525, campaign_id: 'meta:act_1001:111' },
    ]);
  });

  it('rejects a file with a bad cell as file:line:column and writes nothing of it', async () => {
    const file = write(
      'meta-bad.csv',
      metaExport([
        ['2026-03-05', '222', 'Texas', '12.00', 100],
        ['2026-03-06', '222', 'Texas', 'twelve', 100],
        ['2026-3-7', '222', 'Texas', '1.00', 1],
      ]),
    );
    const result = await importFile('meta', file);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain(`${file}:3:62: spend: not an amount "twelve"`);
    expect(result.stderr).toContain(`${file}:4:23: date: expected a date YYYY-MM-DD, got "2026-3-7"`);
    expect(await query(`SELECT * FROM {{ad_performance}} WHERE campaign_id = 'meta:act_1001:222'`)).toEqual(
      [],
    );
  });

  it('converts a TikTok EUR export to the brand currency with each day’s rate', async () => {
    const file = write(
      'tiktok.csv',
      csv([
        [
          'Date',
          'Advertiser ID',
          'Campaign ID',
          'Campaign name',
          'Country/Region',
          'Region',
          'Currency',
          'Cost',
          'Impressions',
          'Clicks (destination)',
          'Complete payment',
          'Total complete payment value',
        ],
        [
          '2026-03-07 00:00:00',
          '7000000000002',
          '333',
          'Spark',
          'Germany',
          'Berlin',
          'EUR',
          '100.00',
          5000,
          40,
          3,
          '180.00',
        ],
        [
          '2026-03-09 00:00:00',
          '7000000000002',
          '333',
          'Spark',
          'Canada',
          'Ontario',
          'EUR',
          '50.00',
          2000,
          10,
          1,
          '60.00',
        ],
      ]),
    );
    expect(await importFile('tiktok', file)).toMatchObject({ exitCode: 0 });
    const rows = await query<{
      date: string;
      region: string;
      spend_minor: number;
      fx_rate: number;
      platform_conversion_value_minor: number;
    }>(
      `SELECT date, region, spend_minor, fx_rate, platform_conversion_value_minor FROM {{ad_performance}} WHERE platform = 'tiktok' ORDER BY date`,
    );
    // 2026-03-07 is a Saturday: Friday's fixing applies.
    const rate = (d: string) => usdPer('EUR', sandboxFixingDay(d as never));
    expect(rows).toEqual([
      {
        date: '2026-03-07',
        region: 'DE-BE',
        spend_minor: convertMinor(10_000, 'EUR', 'USD', rate('2026-03-07')),
        fx_rate: rate('2026-03-07'),
        platform_conversion_value_minor: convertMinor(18_000, 'EUR', 'USD', rate('2026-03-07')),
      },
      {
        date: '2026-03-09',
        region: 'CA-ON',
        spend_minor: convertMinor(5_000, 'EUR', 'USD', rate('2026-03-09')),
        fx_rate: rate('2026-03-09'),
        platform_conversion_value_minor: convertMinor(6_000, 'EUR', 'USD', rate('2026-03-09')),
      },
    ]);
  });

  it('reads a Google Ads download with its title lines, thousands separators and total rows', async () => {
    const file = write(
      'google.csv',
      [
        'Campaign report',
        'March 1, 2026 - March 2, 2026',
        csv([
          [
            'Day',
            'Customer ID',
            'Campaign ID',
            'Campaign',
            'Country/Territory (User location)',
            'Region (User location)',
            'Currency code',
            'Cost',
            'Impr.',
            'Clicks',
            'Conversions',
            'Conv. value',
          ],
          [
            '2026-03-01',
            '123-456-7890',
            '444',
            'Search — Brand',
            'United States',
            'New York',
            'USD',
            '2,000.10',
            '12,345',
            '300',
            '4.50',
            '--',
          ],
          ['Total: Account', '', '', '', '', '', '', '2,000.10', '12,345', '300', '4.50', '0.00'],
        ]),
      ].join('\n'),
    );
    expect(await importFile('google-ads', file)).toMatchObject({ exitCode: 0 });
    expect(
      await query(
        `SELECT account_id, region, spend_minor, impressions, platform_conversions FROM {{ad_performance}} WHERE platform = 'google_ads'`,
      ),
    ).toEqual([
      {
        account_id: '1234567890',
        region: 'US-NY',
        spend_minor: 200_010,
        impressions: 12_345,
        platform_conversions: 4.5,
      },
    ]);
  });
});
