import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WORLD, worldBrand } from '../../../test/support/world';
import { openWorld, recommendWorld, type World, worldAgent } from '../../../test/support/world-harness';
import { createFormat, humanize } from '../../domain/format';
import { channelName } from '../../domain/names/names';
import { addDays, localDate } from '../../domain/time';
import type { AgentAnswer } from '../agent';
import { createLocalAnalyst } from '.';
import { planFor } from './plan';

let w: World;
let ask: (q: string) => Promise<AgentAnswer>;
beforeAll(async () => {
  w = await openWorld();
  await recommendWorld(w);
  const agent = worldAgent(w, createLocalAnalyst());
  ask = async (q) => {
    const answer = await agent.ask(w.ctx, worldBrand(), q, 'ask');
    // Every canonical answer must pass the same groundedness check Claude's answers do.
    expect(answer.ungroundedNumbers, answer.answer).toEqual([]);
    if (process.env.SHOW_ANSWERS) process.stdout.write(`\n> ${q}\n${answer.answer}\n`);
    return answer;
  };
});
afterAll(async () => {
  await w.close();
});

const fmt = createFormat({ locale: 'en-US', currency: 'USD', timeZone: 'America/New_York' });
const usd = (minor: number) => fmt.money(minor);

/** Sums straight from the warehouse over the last `days` days ending at `to`. */
async function truth(
  days: number,
  groupBy?: 'campaign_id' | 'channel' | 'variant_id',
  to: string = WORLD.asOf,
) {
  const key = groupBy ?? "'all'";
  return w.warehouse.query<{ k: string; spend: number; revenue: number; profit: number }>(
    w.ctx,
    `SELECT ${key} AS k, SUM(spend_minor) AS spend, SUM(revenue_minor) AS revenue, SUM(profit_minor) AS profit
     FROM {{unified_performance}} WHERE date BETWEEN CAST(@from AS DATE) AND CAST(@to AS DATE) ${groupBy ? `AND ${groupBy} IS NOT NULL` : ''}
     GROUP BY 1`,
    { from: addDays(localDate(to), -(days - 1)), to },
  );
}

describe('local analyst answers the canonical questions from the warehouse', () => {
  it('which campaigns are most profitable', async () => {
    const a = await ask('Which campaigns are most profitable?');
    const best = (await truth(7, 'campaign_id')).sort((x, y) => y.profit - x.profit)[0]!;
    const name = Object.values(WORLD.campaigns).find((c) => c.id === best.k)!.name;
    expect(a.answer.split('\n')[0]).toContain(`was ${name} (Meta), with a profit of ${usd(best.profit)}`);
    expect(a.answer.split('\n')[2]).toContain(`1. ${name}`);
    expect(a.answer.split('\n')[2]).toContain(`profit ${usd(best.profit)}`);
    expect(a.toolCalls.map((c) => c.name)).toEqual(['get_campaigns']);
  });

  it('why did revenue drop over the last 7 days', async () => {
    const a = await ask('Why did revenue drop over the last 7 days?');
    const [now] = await truth(7);
    const [before] = await truth(7, undefined, addDays(WORLD.asOf, -7));
    expect(a.answer).toContain(`${usd(now!.revenue)} from Nov 14, 2026 – Nov 20, 2026`);
    expect(a.answer).toContain(`against ${usd(before!.revenue)}`);
    expect(a.answer).toContain(
      `Revenue ${now!.revenue < before!.revenue ? 'fell' : 'rose'} by ${usd(Math.abs(now!.revenue - before!.revenue))}`,
    );
  });

  it('which products will stock out', async () => {
    const a = await ask('Which products will stock out?');
    expect(a.answer.split('\n')[0]).toBe(
      '2 products are out of stock or below 14 days of cover (as of Nov 20, 2026): Trail Bottle — OS (PP-STOCKEDOUT) is out of stock and Velocity Runner — M (PP-FAST) has 6.2 days of cover left.',
    );
    expect(a.answer).toContain('Trail Bottle — OS (PP-STOCKEDOUT): out of stock (0 units)');
    expect(a.answer).toContain('Velocity Runner — M (PP-FAST): 40 units, 6.2 days of cover');
    expect(a.answer).toContain(`projected to stock out on ${fmt.day(addDays(WORLD.asOf, 6))}`);
  });

  it('what is my ROAS over the last 30 days', async () => {
    const a = await ask('What is my ROAS over the last 30 days?');
    const [t] = await truth(30);
    expect(a.answer.split('\n')[0]).toBe(
      `Over the last 30 days (Oct 22, 2026 – Nov 20, 2026), you had a ROAS of ${fmt.ratio(t!.revenue / t!.spend)}.`,
    );
    expect(a.answer).toContain(`spend ${usd(t!.spend)} · revenue ${usd(t!.revenue)}`);
  });

  it('how are my channels performing', async () => {
    const a = await ask('How are my channels performing?');
    for (const ch of await truth(7, 'channel'))
      expect(a.answer).toContain(`- ${channelName(ch.k)}: revenue ${usd(ch.revenue)}`);
  });

  it('what should I do next', async () => {
    const a = await ask('What should I do next?');
    const top = (await w.store.recommendations.listByStatus(w.ctx, WORLD.brandId, { status: 'open' })).sort(
      (x, y) => y.score - x.score,
    )[0]!;
    expect(a.answer).toContain(`1. ${humanize(top.priority)}: ${top.title}`);
    expect(a.answer).not.toMatch(/\[(critical|high|medium|low)\]/);
  });

  it('which campaigns are wasting money', async () => {
    const a = await ask('Which campaigns are wasting money?');
    const worst = (await truth(7, 'campaign_id')).sort(
      (x, y) => x.revenue / x.spend - y.revenue / y.spend,
    )[0]!;
    const name = Object.values(WORLD.campaigns).find((c) => c.id === worst.k)!.name;
    expect(a.answer.split('\n')[2]).toContain(`1. ${name}`);
    expect(a.answer.split('\n')[0]).toContain(`ROAS ${fmt.ratio(worst.revenue / worst.spend)}`);
  });

  it('what are my best-selling products this month', async () => {
    const a = await ask('What are my best-selling products this month?');
    // This month is November 1 to yesterday, the 20th: 20 days.
    const top = (await truth(20, 'variant_id')).sort((x, y) => y.revenue - x.revenue)[0]!;
    expect(a.answer.split('\n')[0]).toContain(`this month (Nov 1, 2026 – Nov 20, 2026)`);
    expect(a.answer.split('\n')[2]).toMatch(/^1\. /);
    expect(a.answer.split('\n')[2]).toContain(`revenue ${usd(top.revenue)}`);
  });

  it('do I have overstock I should promote', async () => {
    const a = await ask('Do I have overstock I should promote?');
    expect(a.answer).toContain(
      'Alpine Throw — OS (PP-OVERSTOCK): 2,600 units, more than a year of cover; $0.00 of ad spend',
    );
  });

  it('are there any alerts', async () => {
    const a = await ask('Are there any alerts?');
    const open = await w.store.alerts.listByStatus(w.ctx, WORLD.brandId, { status: 'open' });
    expect(open.length).toBeGreaterThan(0);
    for (const alert of open) expect(a.answer).toContain(alert.title);
  });

  it('compares exactly TikTok and Google profit this month', async () => {
    const a = await ask('Compare TikTok and Google profit this month');
    const rows = await truth(20, 'channel');
    const tiktok = rows.find((r) => r.k === 'tiktok')!;
    const google = rows.find((r) => r.k === 'google_ads')!;
    expect(a.answer.split('\n')[0]).toBe(
      `This month (Nov 1, 2026 – Nov 20, 2026), TikTok had a profit of ${usd(tiktok.profit)} and Google Ads had a profit of ${usd(google.profit)}.`,
    );
    expect(a.answer).not.toMatch(/Meta|Organic/);
    expect(a.toolCalls).toEqual([
      expect.objectContaining({ name: 'get_channel_performance', input: { period: 'this_month' } }),
    ]);
  });

  it("gives TikTok's spend in November, and Meta's ROAS yesterday", async () => {
    const november = await ask('How much did I spend on TikTok in November?');
    const tiktok = (await truth(20, 'channel')).find((r) => r.k === 'tiktok')!;
    expect(november.answer.split('\n')[0]).toBe(
      `In November (Nov 1, 2026 – Nov 20, 2026), TikTok had ${usd(tiktok.spend)} of ad spend.`,
    );
    const yesterday = await ask('What was my Meta ROAS yesterday?');
    const meta = (await truth(1, 'channel')).find((r) => r.k === 'meta')!;
    expect(yesterday.answer.split('\n')[0]).toBe(
      `Yesterday (Nov 20, 2026), Meta had a ROAS of ${fmt.ratio(meta.revenue / meta.spend)}.`,
    );
  });

  it("gives Meta's ROAS on a day named by date, and TikTok and Google profit over named dates", async () => {
    const day = await ask('What was my Meta ROAS on November 12?');
    const meta = (await truth(1, 'channel', '2026-11-12')).find((r) => r.k === 'meta')!;
    expect(day.answer.split('\n')[0]).toBe(
      `On Nov 12, 2026, Meta had a ROAS of ${fmt.ratio(meta.revenue / meta.spend)}.`,
    );
    expect(day.toolCalls).toEqual([
      expect.objectContaining({ input: { from: '2026-11-12', to: '2026-11-12' } }),
    ]);
    const range = await ask('Compare TikTok and Google profit from November 2 to November 15');
    const rows = await truth(14, 'channel', '2026-11-15');
    const tiktok = rows.find((r) => r.k === 'tiktok')!;
    const google = rows.find((r) => r.k === 'google_ads')!;
    expect(range.answer.split('\n')[0]).toBe(
      `From Nov 2, 2026 to Nov 15, 2026, TikTok had a profit of ${usd(tiktok.profit)} and Google Ads had a profit of ${usd(google.profit)}.`,
    );
  });

  it('answers for a campaign or a product named in the question', async () => {
    const a = await ask('What was the ROAS of Runner — Prospecting last week?');
    const c = (await truth(7, 'campaign_id', '2026-11-15')).find((r) => r.k === WORLD.campaigns.fast.id)!;
    expect(a.answer.split('\n')[0]).toBe(
      `Last week (Nov 9, 2026 – Nov 15, 2026), the campaign Runner — Prospecting (Meta) had a ROAS of ${fmt.ratio(c.revenue / c.spend)}.`,
    );
    const p = await ask('How much revenue did Merino Tee make yesterday?');
    const tee = (await truth(1, 'variant_id')).find((r) => r.k === WORLD.products.normal)!;
    expect(p.answer.split('\n')[0]).toBe(
      `Yesterday (Nov 20, 2026), Merino Tee — L had ${usd(tee.revenue)} of revenue.`,
    );
  });

  it('names only the products ads still spend on when asked "while still advertising"', async () => {
    const a = await ask("Which products are about to stock out while I'm still advertising them?");
    expect(a.answer.split('\n')[0]).toContain(
      '2 products are out of stock or below 14 days of cover while ads still spend on them',
    );
    expect(a.toolCalls[0]!.input).toEqual({ status: 'at_risk', advertised: true });
  });

  it("gives a named product's stock and days of cover", async () => {
    const a = await ask('How many days of cover does Velocity Runner have?');
    expect(a.answer.split('\n')[0]).toBe(
      'As of Nov 20, 2026, Velocity Runner — M (PP-FAST) has 40 units in stock, 6.2 days of cover.',
    );
  });

  it('says there is no data yet for a day after the latest one, rather than $0.00', async () => {
    const a = await ask('What was my revenue today?');
    expect(a.answer).toBe(
      'There is no data for today (Nov 21, 2026) yet: the latest day with data is Nov 20, 2026.',
    );
  });

  it("explains a named channel's change against the period before", async () => {
    const a = await ask('Why did TikTok revenue drop over the last 7 days?');
    const [now] = (await truth(7, 'channel')).filter((r) => r.k === 'tiktok');
    const [before] = (await truth(7, 'channel', addDays(WORLD.asOf, -7))).filter((r) => r.k === 'tiktok');
    expect(a.answer.split('\n')[0]).toBe(
      `Over the last 7 days (Nov 14, 2026 – Nov 20, 2026), against Nov 7, 2026 – Nov 13, 2026: TikTok's revenue fell by ${usd(before!.revenue - now!.revenue)}, from ${usd(before!.revenue)} to ${usd(now!.revenue)}.`,
    );
  });

  it('keeps every answer grounded and records every call in the ledger at zero cost', async () => {
    const a = await ask('Give me a weekly summary');
    expect(a).toMatchObject({
      grounded: true,
      ungroundedNumbers: [],
      model: 'local-analyst',
      costMicros: 0,
      complete: true,
    });
    expect(a.toolCalls.map((c) => c.name)).toEqual([
      'compare_periods',
      'get_inventory_risks',
      'get_recommendations',
    ]);
    const month = await w.store.aiUsage.month(w.ctx, '2026-11');
    expect(month).toEqual({ month: '2026-11', costMicros: 0, calls: 44 });
    const [ops] = await w.warehouse.queryOps<{ n: number }>(
      `SELECT COUNT(*) AS n FROM {{ai_token_usage}} WHERE tenant_id = @t`,
      { t: WORLD.tenantId },
    );
    expect(ops!.n).toBe(44);
  });
});

describe('reading a question', () => {
  it.each([
    ['What were my revenue and ROAS over the last 30 days?', ['revenue', 'roas'], { days: 30 }],
    ['What is my return on ad spend this month?', ['roas'], { period: 'this_month' }],
    ['How much did I spend on TikTok in November?', ['spend'], { month: 'november' }],
    ['What was my Meta ROAS yesterday?', ['roas'], { period: 'yesterday' }],
  ])('"%s" asks for %j over %j', (question, metrics, period) => {
    const plan = planFor(question);
    expect(plan.metrics).toEqual(metrics);
    expect(plan.period.input).toEqual(period);
  });
});

describe('reading the days a question names', () => {
  const today = '2026-03-20';
  it.each([
    ['What was my Meta ROAS on March 10?', { from: '2026-03-10', to: '2026-03-10' }],
    ['Meta ROAS on Mar 10th', { from: '2026-03-10', to: '2026-03-10' }],
    ['Compare TikTok and Google profit from March 2 to March 15', { from: '2026-03-02', to: '2026-03-15' }],
    ['Spend March 2 – 15', { from: '2026-03-02', to: '2026-03-15' }],
    ['Revenue 2026-03-02 to 2026-03-15', { from: '2026-03-02', to: '2026-03-15' }],
    ['Revenue on December 24', { from: '2025-12-24', to: '2025-12-24' }],
    ['Revenue from Dec 28 to Jan 3', { from: '2025-12-28', to: '2026-01-03' }],
    ['Revenue on March 25, 2025', { from: '2025-03-25', to: '2025-03-25' }],
  ])('"%s" asks for %j', (question, period) => {
    expect(planFor(question, today).period.input).toEqual(period);
  });

  it('keeps a month without a day, a day that does not exist, and a date without today as before', () => {
    expect(planFor('How much did I spend on TikTok in March 2026?', today).period.input).toEqual({
      month: 'march',
    });
    expect(planFor('Revenue on February 30', today).period.input).toEqual({ month: 'february' });
    expect(planFor('What was my Meta ROAS on March 10?').period.input).toEqual({ month: 'march' });
  });
});
