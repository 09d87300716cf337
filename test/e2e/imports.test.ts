import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandboxFixingDay } from '../../infra/sandbox/ads/serve';
import { type MetaSandbox, startMetaSandbox } from '../../infra/sandbox/meta';
import { usdPer } from '../../infra/sandbox/world';
import { createAttributeJob } from '../../shared/attribution/attribute-job';
import { convertMinor } from '../../shared/domain/money';
import { systemContext } from '../../shared/domain/tenancy';
import { addDays } from '../../shared/domain/time';
import { createTestApi, type TestApi } from '../support/api';
import { BRAND_TZ, DAYS, googleCsv, metaCsv, ordersJsonl, planStore, START, tiktokCsv } from './import-store';

/**
 * A small store imported through the API in the platforms' own layouts, then checked against
 * values computed here from the store's plan (import-store.ts), not by the code under test:
 * orders and their totals, refunds on their days, spend per account in its own currency and in the
 * brand's (with the reference rate of each day), and campaign names.
 */
const plan = planStore();
const ctx = systemContext('t_e2e', 'test');
let api: TestApi;
let fx: MetaSandbox;
let owner: string;

async function importFiles(body: Record<string, unknown>) {
  const res = await api.request('/api/brands/shop/imports', { method: 'POST', token: owner, json: body });
  expect(res.status, JSON.stringify(await res.clone().json())).toBe(201);
  return res.json();
}
const query = <T>(sql: string) => api.deps.warehouse.query<T>(ctx, sql);

beforeAll(async () => {
  fx = await startMetaSandbox({ endDate: '2026-03-20' });
  api = await createTestApi({
    now: '2026-03-20T12:00:00Z',
    env: { PULSEPOINT_FX_RATES_URL: `${fx.url}/service/data` },
  });
  await api.seedTenant('t_e2e', [{ id: 'shop', currency: 'USD', timezone: BRAND_TZ }]);
  owner = await api.token({ tenantId: 't_e2e', role: 'owner' });
  const [part1, part2] = ordersJsonl(plan.orders);
  await importFiles({
    source: 'shopify',
    files: [
      { name: 'orders-part-2.jsonl', content: part2 },
      { name: 'orders-part-1.jsonl', content: part1 },
    ],
  });
  const of = (account: string) => plan.spend.filter((s) => s.account === account);
  await importFiles({
    source: 'meta',
    account: 'act_1001',
    files: [{ name: 'meta-us.csv', content: metaCsv(of('act_1001'), 'USD', true) }],
  });
  await importFiles({
    source: 'meta',
    account: 'act_2002',
    timezone: 'Europe/Berlin',
    files: [{ name: 'meta-eu.csv', content: metaCsv(of('act_2002'), 'EUR', false) }],
  });
  await importFiles({
    source: 'google_ads',
    files: [{ name: 'Campaign report.csv', content: googleCsv(of('1234567890')) }],
  });
  await importFiles({
    source: 'tiktok',
    account: '7000000001',
    currency: 'USD',
    files: [{ name: 'tiktok.csv', content: tiktokCsv(of('7000000001')) }],
  });
}, 60_000);
afterAll(async () => {
  await api?.close();
  await fx?.close();
});

describe('a generated store imported in the platforms’ own layouts', () => {
  it('has every order with its total, and the voided cancellation as cancelled', async () => {
    const [row] = await query<{ n: number; total: number; cancelled: number }>(
      'SELECT COUNT(*) AS n, SUM(total_minor) AS total, SUM(CASE WHEN cancelled_at IS NULL THEN 0 ELSE 1 END) AS cancelled FROM {{orders}}',
    );
    expect(row).toEqual({
      n: plan.orders.length,
      total: plan.orders.reduce((s, o) => s + o.totalMinor, 0),
      cancelled: 1,
    });
  });

  it('has each refund on its own day, listed or from totalRefundedSet', async () => {
    expect(
      await query('SELECT date, SUM(amount_minor) AS amount FROM {{refunds}} GROUP BY date ORDER BY date'),
    ).toEqual(
      plan.orders
        .filter((o) => o.refund)
        .map((o) => ({ date: o.refund!.day, amount: o.refund!.minor }))
        .sort((a, b) => a.date.localeCompare(b.date)),
    );
  });

  it('after the attribution pass the imports queued, the dashboard over the files’ dates shows their spend', async () => {
    await createAttributeJob(api.deps).runPass({ tenantId: 't_e2e', brandId: 'shop', idempotencyKey: 'e2e' });
    const res = await api.request(`/api/brands/shop/dashboard?from=${START}&to=${addDays(START, DAYS - 1)}`, {
      token: owner,
    });
    expect(res.status).toBe(200);
    const usd = plan.spend.reduce(
      (s, r) =>
        s +
        (r.currency === 'USD'
          ? r.spendMinor
          : convertMinor(r.spendMinor, r.currency, 'USD', usdPer(r.currency, sandboxFixingDay(r.day)))),
      0,
    );
    expect((await res.json()).kpis.spendMinor).toBe(usd);
  });

  it('has spend per account in its own currency and in the brand’s at each day’s reference rate', async () => {
    const expected = ['1234567890', '7000000001', 'act_1001', 'act_2002'].map((account) => {
      const rows = plan.spend.filter((s) => s.account === account);
      return {
        account_id: account,
        original_currency: rows[0]!.currency,
        original: rows.reduce((s, r) => s + r.spendMinor, 0),
        usd: rows.reduce(
          (s, r) =>
            s +
            (r.currency === 'USD'
              ? r.spendMinor
              : convertMinor(r.spendMinor, r.currency, 'USD', usdPer(r.currency, sandboxFixingDay(r.day)))),
          0,
        ),
      };
    });
    expect(
      await query(
        'SELECT account_id, original_currency, SUM(spend_original_minor) AS original, SUM(spend_minor) AS usd FROM {{ad_performance}} GROUP BY account_id, original_currency ORDER BY account_id',
      ),
    ).toEqual(expected);
    expect(
      (await api.deps.store.adAccounts.list(ctx, 'shop')).map((a) => [a.id, a.currency, a.timezone]),
    ).toEqual([
      ['google_ads:1234567890', 'USD', BRAND_TZ],
      ['meta:act_1001', 'USD', BRAND_TZ],
      ['meta:act_2002', 'EUR', 'Europe/Berlin'],
      ['tiktok:7000000001', 'USD', BRAND_TZ],
    ]);
  });

  it('keeps every campaign’s name, including the one exported without its id', async () => {
    expect(
      await query(
        'SELECT DISTINCT campaign_id, campaign_name FROM {{ad_performance}} ORDER BY campaign_name',
      ),
    ).toEqual([
      { campaign_id: 'meta:act_2002:name=fr%C3%BChling%20de', campaign_name: 'Frühling DE' },
      { campaign_id: 'meta:act_1001:120210000000202', campaign_name: 'Retargeting' },
      { campaign_id: 'google_ads:1234567890:21736540913', campaign_name: 'Search - Brand' },
      { campaign_id: 'tiktok:7000000001:1790000000000001', campaign_name: 'Spark - Trail' },
      { campaign_id: 'meta:act_1001:120210000000101', campaign_name: 'Spring Sale' },
    ]);
  });

  it('keeps each order’s UTM campaign name and click id for attribution', async () => {
    const rows = await query<{ utm_campaign: string | null; click_id_type: string | null; n: number }>(
      'SELECT utm_campaign, click_id_type, COUNT(*) AS n FROM {{touchpoints}} GROUP BY utm_campaign, click_id_type ORDER BY utm_campaign, click_id_type',
    );
    const count = (kind: string) => plan.orders.filter((o) => o.kind === kind).length;
    const order = (a: (typeof rows)[number], b: (typeof rows)[number]) =>
      `${a.utm_campaign}|${a.click_id_type}`.localeCompare(`${b.utm_campaign}|${b.click_id_type}`);
    expect(rows.sort(order)).toEqual(
      [
        { utm_campaign: 'Frühling DE', click_id_type: null, n: count('meta-eur') },
        { utm_campaign: 'March Newsletter', click_id_type: null, n: count('email') },
        { utm_campaign: 'Search - Brand', click_id_type: 'gclid', n: count('google') },
        // The voided order came without a click id.
        { utm_campaign: 'Spring Sale', click_id_type: null, n: 1 },
        { utm_campaign: 'Spring Sale', click_id_type: 'fbclid', n: count('meta-usd') - 1 },
        { utm_campaign: null, click_id_type: null, n: count('organic') },
        { utm_campaign: null, click_id_type: 'ttclid', n: count('tiktok') },
      ].sort((a, b) =>
        `${a.utm_campaign}|${a.click_id_type}`.localeCompare(`${b.utm_campaign}|${b.click_id_type}`),
      ),
    );
  });
});
