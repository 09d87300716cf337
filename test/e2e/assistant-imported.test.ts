import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MetaSandbox, startMetaSandbox } from '../../infra/sandbox/meta';
import { createAttributeJob } from '../../shared/attribution/attribute-job';
import { createFormat } from '../../shared/domain/format';
import { systemContext } from '../../shared/domain/tenancy';
import { addDays } from '../../shared/domain/time';
import { toolContextFor } from '../../shared/insights/tools/context';
import { getCampaigns } from '../../shared/insights/tools/performance-tools';
import { createPerformanceQueries } from '../../shared/reporting/read-model/performance-queries';
import { createTestApi, type TestApi } from '../support/api';
import { NO_RATE_LIMITS } from '../support/rate-limits';
import { BRAND_TZ, DAYS, importBodies, planStore, START } from './import-store';

/**
 * The assistant on an imported store (the platforms' own export files, test/e2e/import-store.ts),
 * whose data ends days before "yesterday": named periods still mean the reports' days, the last N
 * days end on the last day with data, and each number equals the dashboard's for the period the
 * answer states.
 */
const plan = planStore();
const fmt = createFormat({ locale: 'en-US', currency: 'USD', timeZone: BRAND_TZ });
const LAST = addDays(START, DAYS - 1);
let api: TestApi;
let fx: MetaSandbox;
let owner: string;

async function post(path: string, json: Record<string, unknown>) {
  const res = await api.request(path, { method: 'POST', token: owner, json });
  expect(res.status, JSON.stringify(await res.clone().json())).toBeLessThan(300);
  return res.json();
}

async function ask(question: string): Promise<string> {
  const a = (await post('/api/brands/shop/ask', { question })) as {
    answer: string;
    ungroundedNumbers: string[];
  };
  expect(a.ungroundedNumbers, a.answer).toEqual([]);
  expect(a.answer).not.toMatch(/\bUSD\b|_minor|google_ads|\bmeta\b|\btiktok\b/);
  return a.answer.split('\n')[0]!;
}

interface Breakdown {
  key: string;
  name?: string;
  spendMinor: number;
  profitMinor: number;
  roas: number | null;
}
async function dashboard(from: string, to: string) {
  const res = await api.request(`/api/brands/shop/dashboard?from=${from}&to=${to}`, { token: owner });
  expect(res.status).toBe(200);
  return (await res.json()) as { byChannel: Breakdown[] };
}

beforeAll(async () => {
  fx = await startMetaSandbox({ endDate: '2026-03-20' });
  api = await createTestApi({
    now: '2026-03-20T12:00:00Z',
    env: { PULSEPOINT_FX_RATES_URL: `${fx.url}/service/data` },
    // The suite asks more questions than the per-minute AI limit allows; it tests answers, not limits.
    rateLimits: NO_RATE_LIMITS,
  });
  await api.seedTenant('t_ask', [{ id: 'shop', currency: 'USD', timezone: BRAND_TZ }]);
  owner = await api.token({ tenantId: 't_ask', role: 'owner' });
  for (const body of importBodies(plan)) await post('/api/brands/shop/imports', body);
  await createAttributeJob(api.deps).runPass({ tenantId: 't_ask', brandId: 'shop', idempotencyKey: 'ask' });
}, 60_000);
afterAll(async () => {
  await api?.close();
  await fx?.close();
});

describe('the assistant on an imported store', () => {
  it('ends "the last 7 days" on the last day with data and gives Meta’s spend as the dashboard does', async () => {
    const from = addDays(LAST, -6);
    const meta = (await dashboard(from, LAST)).byChannel.find((c) => c.key === 'meta')!;
    expect(await ask('How much did I spend on Meta over the last 7 days?')).toBe(
      `Over the last 7 days (${fmt.day(from)} – ${fmt.day(LAST)}), Meta had ${fmt.money(meta.spendMinor)} of ad spend.`,
    );
  });

  it('reads "in March" as March to yesterday, and compares exactly TikTok and Google profit', async () => {
    const d = await dashboard('2026-03-01', '2026-03-19');
    const profit = (key: string) => fmt.money(d.byChannel.find((c) => c.key === key)!.profitMinor);
    expect(await ask('Compare TikTok and Google profit in March')).toBe(
      `In March (Mar 1, 2026 – Mar 19, 2026), TikTok had a profit of ${profit('tiktok')} and Google Ads had a profit of ${profit('google_ads')}.`,
    );
  });

  it('answers Meta’s ROAS on a named day, and TikTok and Google profit over named dates, as the dashboard does', async () => {
    const day = (await dashboard('2026-03-10', '2026-03-10')).byChannel.find((c) => c.key === 'meta')!;
    expect(await ask('What was my Meta ROAS on March 10?')).toBe(
      `On Mar 10, 2026, Meta had a ROAS of ${fmt.ratio(day.roas)}.`,
    );
    const d = await dashboard(START, LAST);
    const profit = (key: string) => fmt.money(d.byChannel.find((c) => c.key === key)!.profitMinor);
    expect(await ask('Compare TikTok and Google profit from March 2 to March 15')).toBe(
      `From Mar 2, 2026 to Mar 15, 2026, TikTok had a profit of ${profit('tiktok')} and Google Ads had a profit of ${profit('google_ads')}.`,
    );
  });

  it('says a store imported without inventory has no stock levels, rather than "nothing is low"', async () => {
    expect(await ask('Which products are about to stock out while I am still advertising them?')).toBe(
      'There are no stock levels for any product yet, so stock cover cannot be judged: sync Shopify or import its inventory export.',
    );
  });

  it('lists TikTok’s revenue without a campaign tag as one explained line among the campaigns (decision 981)', async () => {
    const res = await api.request(`/api/brands/shop/drilldown/channel/tiktok?from=${START}&to=${LAST}`, {
      token: owner,
    });
    const drill = (await res.json()) as {
      breakdown: { rows: Array<Breakdown & { revenueMinor: number; note?: string }> };
    };
    const row = drill.breakdown.rows.find((r) => r.key === 'unknown')!;
    expect(row.name).toBe('TikTok — campaign not identified');
    const a = (await post('/api/brands/shop/ask', {
      question: 'Which campaigns were most profitable from March 2 to March 15?',
    })) as { answer: string; ungroundedNumbers: string[] };
    expect(a.ungroundedNumbers, a.answer).toEqual([]);
    expect(a.answer.split('\n')).toContain(
      `TikTok — campaign not identified: revenue ${fmt.money(row.revenueMinor)}. ${row.note}`,
    );
  });

  it('names and explains TikTok’s revenue without a campaign in get_campaigns exactly as the channel drill-down’s row', async () => {
    const res = await api.request(`/api/brands/shop/drilldown/channel/tiktok?from=${START}&to=${LAST}`, {
      token: owner,
    });
    const drill = (await res.json()) as {
      breakdown: { rows: Array<Breakdown & { revenueMinor: number; note?: string }> };
    };
    const row = drill.breakdown.rows.find((r) => r.key === 'unknown')!;
    const ctx = systemContext('t_ask', 'test');
    const brand = (await api.deps.store.brands.get(ctx, 'shop'))!;
    const tc = await toolContextFor(
      { queries: createPerformanceQueries(api.deps.warehouse), store: api.deps.store, clock: api.deps.clock },
      ctx,
      brand,
    );
    const out = (await getCampaigns.run(tc, { from: START, to: LAST })) as {
      campaign_not_identified: Array<{
        platform: string;
        name: string;
        why_and_what_to_do: string;
        revenue: number;
      }>;
    };
    const tool = out.campaign_not_identified.find((r) => r.platform === 'tiktok')!;
    expect(tool.name).toBe(row.name);
    expect(tool.why_and_what_to_do).toBe(row.note);
    expect(Math.round(tool.revenue * 100)).toBe(row.revenueMinor);
  });

  it('answers for a campaign named in the question', async () => {
    const from = addDays(LAST, -6);
    const res = await api.request(`/api/brands/shop/drilldown/channel/meta?from=${from}&to=${LAST}`, {
      token: owner,
    });
    const rows = ((await res.json()) as { breakdown: { rows: Breakdown[] } }).breakdown.rows;
    const spring = rows.find((r) => r.name === 'Spring Sale')!;
    expect(await ask('What was the ROAS of Spring Sale over the last 7 days?')).toBe(
      `Over the last 7 days (${fmt.day(from)} – ${fmt.day(LAST)}), the campaign Spring Sale (Meta) had a ROAS of ${fmt.ratio(spring.roas)}.`,
    );
  });
});
