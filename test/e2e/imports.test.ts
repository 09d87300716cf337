import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandboxFixingDay } from '../../infra/sandbox/ads/serve';
import { type MetaSandbox, startMetaSandbox } from '../../infra/sandbox/meta';
import { usdPer } from '../../infra/sandbox/world';
import { createAttributeJob } from '../../shared/attribution/attribute-job';
import { convertMinor } from '../../shared/domain/money';
import { systemContext } from '../../shared/domain/tenancy';
import { addDays, weekStart } from '../../shared/domain/time';
import { createTestApi, type TestApi } from '../support/api';
import {
  BRAND_TZ,
  DAYS,
  googleCsv,
  metaCsv,
  ordersJsonl,
  type PlannedOrder,
  type PlannedSpend,
  planStore,
  START,
  tiktokCsv,
} from './import-store';
import { textProblems } from './page-text';

/**
 * A small store imported through the API in the platforms' own layouts, then checked against
 * values computed here from the store's plan (import-store.ts), not by the code under test:
 * orders and their totals, refunds on their days, spend per account in its own currency and in the
 * brand's (with the reference rate of each day), campaign names, and — after the attribution pass —
 * net, attributed and unattributed revenue, each campaign's revenue, spend and ROAS, and each
 * platform's over-claim, all to the cent.
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
const PERIOD = `from=${START}&to=${addDays(START, DAYS - 1)}`;

/** An amount of a spend row in the brand's USD, at the sandbox's reference rate of its day. */
const usd = (r: PlannedSpend, minor: number) =>
  r.currency === 'USD'
    ? minor
    : convertMinor(minor, r.currency, 'USD', usdPer(r.currency, sandboxFixingDay(r.day)));

/**
 * Where last-touch attribution must put each kind of order, by the matching rules of decision 831:
 * a utm_campaign naming a campaign of the utm_source's platform credits that campaign; a ttclid
 * with no click-id mapping and no utm_campaign proves TikTok, so it credits TikTok's channel with
 * the campaign not identified (decision 981: method click_id_platform, TikTok's revenue in
 * reconciliation, not a campaign's); email, direct and organic orders are not paid channels.
 */
const CAMPAIGN_OF: Partial<Record<PlannedOrder['kind'], string>> = {
  'meta-usd': 'meta:act_1001:120210000000101',
  'meta-eur': 'meta:act_2002:name=fr%C3%BChling%20de',
  google: 'google_ads:1234567890:21736540913',
};
const CHANNEL_OF: Record<PlannedOrder['kind'], string> = {
  'meta-usd': 'meta',
  'meta-eur': 'meta',
  google: 'google_ads',
  tiktok: 'tiktok',
  direct: 'direct',
  organic: 'direct',
  email: 'email',
};
/** The campaign id each exported campaign is stored under (ids as exported; a name where the export had no id). */
const CAMPAIGN_ID_BY_NAME: Record<string, string> = {
  'Spring Sale': 'meta:act_1001:120210000000101',
  Retargeting: 'meta:act_1001:120210000000202',
  'Frühling DE': 'meta:act_2002:name=fr%C3%BChling%20de',
  'Search - Brand': 'google_ads:1234567890:21736540913',
  'Spark - Trail': 'tiktok:7000000001:1790000000000001',
};
const sold = () => plan.orders.filter((o) => !o.voided);
/** Orders a platform's click proves: its campaigns' and its clicks without a campaign tag (decision 981). */
const platformCredited = (o: PlannedOrder) => Boolean(CAMPAIGN_OF[o.kind]) || o.kind === 'tiktok';
/** Net revenue of some orders: totals (cancelled orders left out whole) less their refunds (decision 832). */
const net = (orders: readonly PlannedOrder[]) =>
  orders.reduce((s, o) => s + o.totalMinor - (o.refund?.minor ?? 0), 0);

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
  await createAttributeJob(api.deps).runPass({ tenantId: 't_e2e', brandId: 'shop', idempotencyKey: 'e2e' });
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

  it('after the attribution pass, the dashboard over the files’ dates shows their spend', async () => {
    const res = await api.request(`/api/brands/shop/dashboard?${PERIOD}`, { token: owner });
    expect(res.status).toBe(200);
    expect((await res.json()).kpis.spendMinor).toBe(plan.spend.reduce((s, r) => s + usd(r, r.spendMinor), 0));
  });

  it('splits net revenue into campaigns, TikTok’s ttclid orders (campaign not identified) and not attributed, to the cent', async () => {
    const body = await (await api.request(`/api/brands/shop/dashboard?${PERIOD}`, { token: owner })).json();
    const attributed = net(sold().filter((o) => CAMPAIGN_OF[o.kind]));
    const tiktok = net(sold().filter((o) => o.kind === 'tiktok'));
    const unattributed = net(sold().filter((o) => !platformCredited(o)));
    expect(tiktok).toBeGreaterThan(0);
    expect(body.kpis.revenueMinor).toBe(net(sold()));
    expect(body.kpis.orders).toBe(sold().length);
    expect(body.attribution).toMatchObject({
      attributedRevenueMinor: attributed,
      campaignNotIdentifiedRevenueMinor: tiktok,
      campaignNotIdentified: [
        {
          channel: 'tiktok',
          name: 'TikTok — campaign not identified',
          revenueMinor: tiktok,
          note: expect.stringContaining('utm_campaign=__CAMPAIGN_ID__'),
        },
      ],
      unattributedRevenueMinor: unattributed,
    });
    expect(attributed + tiktok + unattributed).toBe(net(sold()));
  });

  it('gives each campaign its orders’ revenue net of refunds, its spend and its ROAS', async () => {
    const res = await api.request(`/api/brands/shop/campaigns?${PERIOD}`, { token: owner });
    expect(res.status).toBe(200);
    const rows: Array<{
      channel: string;
      campaign_id: string | null;
      spend_minor: number;
      revenue_minor: number;
      orders: number;
      roas: number | null;
    }> = (await res.json()).rows;
    expect(
      rows
        .filter((r) => r.campaign_id)
        .map((r) => r.campaign_id)
        .sort(),
    ).toEqual(Object.values(CAMPAIGN_ID_BY_NAME).sort());
    for (const row of rows.filter((r) => r.campaign_id)) {
      const kinds = Object.entries(CAMPAIGN_OF).filter(([, id]) => id === row.campaign_id);
      const orders = sold().filter((o) => kinds.some(([k]) => k === o.kind));
      const spend = plan.spend
        .filter((r) => CAMPAIGN_ID_BY_NAME[r.campaignName] === row.campaign_id)
        .reduce((s, r) => s + usd(r, r.spendMinor), 0);
      expect(spend, row.campaign_id!).toBeGreaterThan(0);
      expect({
        id: row.campaign_id,
        spend: row.spend_minor,
        revenue: row.revenue_minor,
        orders: row.orders,
      }).toEqual({ id: row.campaign_id, spend, revenue: net(orders), orders: orders.length });
      expect(row.roas).toBeCloseTo(net(orders) / spend, 12);
    }
    // Revenue no campaign earned stays on its channel, without spend.
    const byChannel = (channel: string) =>
      net(sold().filter((o) => !CAMPAIGN_OF[o.kind] && CHANNEL_OF[o.kind] === channel));
    expect(
      rows
        .filter((r) => !r.campaign_id)
        .map((r) => [r.channel, r.revenue_minor, r.spend_minor])
        .sort(),
    ).toEqual(['direct', 'email', 'tiktok'].map((c) => [c, byChannel(c), 0]).sort());
  });

  it('credits TikTok’s channel with its ttclid orders, campaign not identified, and the channels add up to the store’s revenue to the cent', async () => {
    const tiktok = sold().filter((o) => o.kind === 'tiktok');
    expect(tiktok.length).toBeGreaterThan(0);
    // The pass's own record: TikTok proven by its click id, no campaign.
    expect(
      await query(
        "SELECT DISTINCT channel, platform, campaign_id, method FROM {{attributions}} WHERE order_id IN (SELECT order_id FROM {{touchpoints}} WHERE click_id_type = 'ttclid')",
      ),
    ).toEqual([{ channel: 'tiktok', platform: 'tiktok', campaign_id: null, method: 'click_id_platform' }]);
    const body = await (await api.request(`/api/brands/shop/dashboard?${PERIOD}`, { token: owner })).json();
    const byChannel = new Map<string, number>(
      body.byChannel.map((c: { key: string; revenueMinor: number }) => [c.key, c.revenueMinor]),
    );
    // TikTok's campaign earned nothing with a tag; its channel has every ttclid order, net of refunds.
    expect(byChannel.get('tiktok')).toBe(net(tiktok));
    const channelsTotal = [...byChannel.values()].reduce((s, v) => s + v, 0);
    expect(channelsTotal).toBe(net(sold()));
    // MER is the store's revenue over all spend, whatever the channels say.
    expect(body.kpis.revenueMinor).toBe(net(sold()));
  });

  it('shows TikTok’s revenue without a campaign as one explained row in its drill-down and the campaign list', async () => {
    const tiktok = sold().filter((o) => o.kind === 'tiktok');
    const drill = await (
      await api.request(`/api/brands/shop/drilldown/channel/tiktok?${PERIOD}`, { token: owner })
    ).json();
    expect(drill.totals.revenueMinor).toBe(net(tiktok));
    const unknown = drill.breakdown.rows.find((r: { key: string }) => r.key === 'unknown');
    expect(unknown).toMatchObject({
      name: 'TikTok — campaign not identified',
      revenueMinor: net(tiktok),
      orders: tiktok.length,
      spendMinor: 0,
    });
    expect(unknown.note).toContain('ttclid');
    expect(unknown.note).toContain('utm_campaign=__CAMPAIGN_ID__');
    const rows: Array<{
      channel: string;
      campaign_id: string | null;
      campaign_name: string;
      note: string | null;
    }> = (await (await api.request(`/api/brands/shop/campaigns?${PERIOD}`, { token: owner })).json()).rows;
    expect(
      rows.filter((r) => !r.campaign_id).map((r) => [r.channel, r.campaign_name, r.note !== null]),
    ).toEqual(
      expect.arrayContaining([
        ['tiktok', 'TikTok — campaign not identified', true],
        ['email', 'Email — no campaign', false],
        ['direct', 'Direct — no campaign', false],
      ]),
    );
    expect(rows.find((r) => r.campaign_id === CAMPAIGN_ID_BY_NAME['Spark - Trail'])?.campaign_name).toBe(
      'Spark - Trail',
    );
  });

  it('compares each platform’s claimed value with the gross revenue attributed to it, week by week', async () => {
    const res = await api.request(`/api/brands/shop/reconciliation?${PERIOD}`, { token: owner });
    expect(res.status).toBe(200);
    const expected = new Map<string, { a: number; c: number }>();
    const at = (week: string, platform: string) => {
      const key = `${week}|${platform}`;
      if (!expected.has(key)) expected.set(key, { a: 0, c: 0 });
      return expected.get(key)!;
    };
    // Platforms count purchase value when the purchase happens: attributed revenue before refunds.
    for (const o of sold().filter(platformCredited))
      at(weekStart(o.day), CHANNEL_OF[o.kind]).a += o.totalMinor;
    for (const r of plan.spend) at(weekStart(r.day), r.platform).c += usd(r, r.claimedMinor);
    type Row = {
      week_start: string;
      platform: string;
      attributed_revenue_minor: number;
      claimed_value_minor: number;
      over_claim_ratio: number | null;
    };
    const order = (x: Row, y: Row) =>
      `${x.week_start}${x.platform}`.localeCompare(`${y.week_start}${y.platform}`);
    const want: Row[] = [...expected.entries()]
      .map(([key, v]) => {
        const [week_start, platform] = key.split('|') as [string, string];
        return {
          week_start,
          platform,
          attributed_revenue_minor: v.a,
          claimed_value_minor: v.c,
          over_claim_ratio: v.a > 0 ? v.c / v.a : null,
        };
      })
      .sort(order);
    const got: Row[] = (await res.json()).rows.sort(order);
    const amounts = (rows: Row[]) =>
      rows.map((r) => ({ ...r, over_claim_ratio: r.over_claim_ratio === null }));
    expect(amounts(got)).toEqual(amounts(want));
    got.forEach((r, i) => {
      if (want[i]!.over_claim_ratio !== null)
        expect(r.over_claim_ratio).toBeCloseTo(want[i]!.over_claim_ratio!, 12);
    });
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

  it('names regions on the dashboard and in a region’s drilldown, the code kept as the key', async () => {
    const body = await (await api.request(`/api/brands/shop/dashboard?${PERIOD}`, { token: owner })).json();
    const byKey = Object.fromEntries(
      (body.byRegion as { key: string; name: string }[]).map((r) => [r.key, r.name]),
    );
    // Orders ship to New York (named by the orders themselves); the ad exports add the rest by name.
    expect(byKey).toEqual({
      'US-NY': 'New York, US',
      'US-CA': 'California, US',
      'US-TX': 'Texas, US',
      'DE-BY': 'Bavaria, Germany',
      unknown: 'Region not known',
    });
    expect(Object.values(byKey).flatMap(textProblems)).toEqual([]);
    expect(await query('SELECT DISTINCT region, region_name FROM {{orders}}')).toEqual([
      { region: 'US-NY', region_name: 'New York' },
    ]);
    const res = await api.request(`/api/brands/shop/drilldown/region/DE-BY?${PERIOD}`, { token: owner });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id: 'DE-BY', name: 'Bavaria, Germany' });
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
