import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WORLD, worldBrand } from '../../../test/support/world';
import { openWorld, recommendWorld, type World, worldAgent } from '../../../test/support/world-harness';
import { checkGroundedness } from '../../domain/ai/groundedness';
import { SEGMENT_DEFINITIONS } from '../../domain/customers/segments/rfm';
import { createFormat, humanize } from '../../domain/format';
import { channelName } from '../../domain/names/names';
import { addDays, localDate } from '../../domain/time';
import type { LlmMessage } from '../../ports/llm';
import type { AgentAnswer } from '../agent';
import { createLocalAnalyst } from '.';
import { CANNOT_ANSWER, compose, readResults } from './compose';
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

/** Tool results as the customer tools return them (customer-analytics-tools.ts, customer-tools.ts). */
const SEGMENTS_RESULT = {
  as_of: '2026-11-20',
  currency: 'USD',
  totals: { customers: 8012, revenue_to_date: 912345.67, predicted_value_365d: 210987.65 },
  segments: (
    [
      ['champions', 512, 201234.5, 80123.45],
      ['loyal', 904, 250123.25, 60234.1],
      ['new', 1803, 90321.75, 20111.11],
      ['promising', 601, 40123.5, 15000.25],
      ['needs_attention', 402, 30123.4, 9000.5],
      ['at_risk', 3665, 250000.27, 21518.24],
      ['hibernating', 80, 20000, 4000],
      ['lost', 45, 30419, 1010],
    ] as const
  ).map(([segment, customers, revenue, value]) => ({
    segment,
    definition: SEGMENT_DEFINITIONS[segment],
    customers,
    change_since_previous_run: 3,
    revenue_to_date: revenue,
    predicted_value_365d: value,
  })),
  repeat_rate: 0.2345,
  median_days_between_orders: 41.5,
  model: {
    version: 'clv-2026-11-20',
    purchases_model: 'fitted',
    spend_model: 'fitted',
    notes: null,
    holdout: null,
  },
};
const COHORTS_RESULT = {
  as_of: '2026-11-20',
  dimension: 'month',
  currency: 'USD',
  cohorts: [
    {
      name: 'August 2026',
      cohort: '2026-08',
      customers: 410,
      months: [m(0, 1, 80.5), m(1, 0.0732, 90.25), m(2, 0.05, 97.1)],
    },
    {
      name: 'September 2026',
      cohort: '2026-09',
      customers: 388,
      months: [m(0, 1, 79.1), m(1, 0.0644, 88.4), m(2, 0.0412, 92)],
    },
    { name: 'October 2026', cohort: '2026-10', customers: 402, months: [m(0, 1, 81), m(1, 0.0311, 84.2)] },
    { name: 'November 2026', cohort: '2026-11', customers: 250, months: [m(0, 1, 77)] },
  ],
};
function m(month: number, retention: number, revenue: number) {
  return { month, retention, cumulative_revenue_per_customer: revenue };
}
const FUNNEL_RESULT = {
  period: { from: '2026-10-22', to: '2026-11-20' },
  window_days: 7,
  counted: 'visitors (browsers), each once at the deepest step any of its visits reached',
  steps: [
    ['Visited the store', 20000, null, 1],
    ['Viewed a product', 12000, 0.6, 0.6],
    ['Added to cart', 3000, 0.25, 0.15],
    ['Started checkout', 1200, 0.4, 0.06],
    ['Completed checkout', 640, 0.5333, 0.032],
  ].map(([step, visitors, prev, start]) => ({
    step,
    event_types: [],
    visitors,
    conversion_from_previous: prev,
    conversion_from_start: start,
  })),
  by_channel: [],
};

/** Composes an answer from results and checks it the way the agent does: every number grounded. */
function answerFrom(question: string, outputs: Record<string, unknown>): string {
  const plan = planFor(question, '2026-11-21');
  const { results, errors } = readResults(
    Object.entries(outputs).map(([name, out]) => ({ name, content: JSON.stringify(out) })),
  );
  expect(errors).toEqual([]);
  const answer = compose(plan, results, question)!;
  const check = checkGroundedness(answer, {
    toolValues: [...plan.calls.map((c) => c.input), ...Object.values(outputs)],
    userText: [question],
  });
  expect(check.ungroundedNumbers, answer).toEqual([]);
  return answer;
}
const lead = (a: string) => a.split('\n')[0];

describe('the local analyst on customers', () => {
  it.each([
    ['Which customers are at risk of churning?', 'segments', ['get_segments']],
    ['Who are my loyal customers?', 'segments', ['get_segments']],
    ['Show me my customer segments', 'segments', ['get_segments']],
    ['What is my customers’ lifetime value?', 'customer_value', ['get_segments']],
    ['What is my LTV and repeat rate?', 'customer_value', ['get_segments']],
    ['How is my cohort retention?', 'cohorts', ['get_cohorts']],
    ['Do customers come back after their first order?', 'cohorts', ['get_cohorts']],
    ['What is my conversion rate over the last 30 days?', 'funnel', ['get_funnel']],
    ['How many visitors add to cart?', 'funnel', ['get_funnel']],
    ['Tell me about maya@example.com', 'customer', ['find_customer']],
  ])('"%s" is the %s intent, asking %j', (question, intent, tools) => {
    const plan = planFor(question);
    expect(plan.intent).toBe(intent);
    expect(plan.calls.map((c) => c.name)).toEqual(tools);
  });

  it('says how many customers are at risk, in the segment’s own definition, with what they spent', () => {
    const a = answerFrom('Which customers are at risk of churning?', { get_segments: SEGMENTS_RESULT });
    expect(lead(a)).toBe(
      `3,665 customers are at risk, the At risk segment as of Nov 20, 2026: they ${SEGMENT_DEFINITIONS.at_risk}; together they have spent $250,000.27 and are predicted to spend $21,518.24 in the next 365 days.`,
    );
    expect(a).toContain('- At risk: 3,665 customers, +3 since the last run · revenue to date $250,000.27');
    expect(a).toContain('- Needs attention: 402 customers');
    expect(a).not.toMatch(/needs_attention|at_risk|ROAS/);
  });

  it('answers a question about one segment by name, and one about all of them with the largest', () => {
    expect(lead(answerFrom('Who are my loyal customers?', { get_segments: SEGMENTS_RESULT }))).toMatch(
      /^904 customers are in the Loyal segment as of Nov 20, 2026: they rank in the top two fifths/,
    );
    expect(lead(answerFrom('Show me my customer segments', { get_segments: SEGMENTS_RESULT }))).toBe(
      `Your 8,012 customers fall into 8 segments as of Nov 20, 2026; the largest is At risk, with 3,665 customers: those who ${SEGMENT_DEFINITIONS.at_risk}.`,
    );
  });

  it('gives the customers’ predicted 365-day value, what they spent to date and the repeat rate', () => {
    const a = answerFrom('What is my customers’ lifetime value?', { get_segments: SEGMENTS_RESULT });
    expect(a.split('\n').slice(0, 2)).toEqual([
      'Your 8,012 customers are predicted to spend $210,987.65 in the next 365 days (discounted), on top of the $912,345.67 they have spent to date (as of Nov 20, 2026).',
      'Repeat rate: 23.5% of customers have ordered more than once, with a median of 41.5 days between orders.',
    ]);
    expect(a.split('\n')[3]).toMatch(/^- Champions: 512 customers · /);
  });

  it('gives the month-after retention of the latest cohort whose month after has ended', () => {
    const a = answerFrom('How is my cohort retention?', { get_cohorts: COHORTS_RESULT });
    expect(lead(a)).toBe(
      'Of the 388 customers who first ordered in September 2026, 6.4% came back and ordered again in the month after (as of Nov 20, 2026).',
    );
    expect(a).toContain(
      '- August 2026: 410 customers; bought again month 1 7.3%, month 2 5%; $97.10 per customer so far',
    );
    expect(a).toContain(
      '- November 2026: 250 customers; bought again (no later month yet); $77.00 per customer so far',
    );
  });

  it('gives the conversion rate to a completed checkout, or to the step the question names', () => {
    const q = 'What is my conversion rate over the last 30 days?';
    const a = answerFrom(q, { get_funnel: FUNNEL_RESULT });
    expect(lead(a)).toBe(
      'Over the last 30 days (Oct 22, 2026 – Nov 20, 2026), 3.2% of visitors completed checkout: 640 of 20,000 visitors, each step within 7 days.',
    );
    expect(a).toContain('3. Added to cart: 3,000 visitors · 25% of the step before · 15% of all visitors');
    const cart = answerFrom('How many visitors add to cart over the last 30 days?', {
      get_funnel: FUNNEL_RESULT,
    });
    expect(lead(cart)).toMatch(/, 15% of visitors added to cart: 3,000 of 20,000 visitors/);
  });

  it('finds a customer by email, then answers from their 360', async () => {
    const analyst = createLocalAnalyst();
    const question = 'Tell me about maya@example.com';
    const tools = ['find_customer', 'get_customer'].map((name) => ({
      name,
      description: '',
      inputSchema: {},
    }));
    const user = { role: 'user' as const, content: [{ type: 'text' as const, text: question }] };
    const turn = (messages: LlmMessage[]) =>
      analyst.createMessage({ system: '', messages, tools, maxTokens: 1500 }, {});
    const first = await turn([user]);
    const find = first.content.find((b) => b.type === 'tool_use')!;
    expect(find).toMatchObject({ name: 'find_customer', input: { email: 'maya@example.com' } });
    const result = (id: string, out: unknown): LlmMessage => ({
      role: 'user',
      content: [{ type: 'tool_result', toolUseId: id, content: JSON.stringify(out) }],
    });
    const found = { customers: [{ customer_id: 'cust_7', name: 'Maya Lin', emails: ['maya@example.com'] }] };
    const asked = [user, { role: 'assistant' as const, content: first.content }, result(find.id, found)];
    const second = await turn(asked);
    const get = second.content.find((b) => b.type === 'tool_use')!;
    expect(get).toMatchObject({ name: 'get_customer', input: { customer_id: 'cust_7' } });
    const profile = {
      name: 'Maya Lin',
      emails: ['maya@example.com'],
      order_count: 4,
      revenue: 312.5,
      currency: 'USD',
      first_order_at: '2026-03-02T15:00:00Z',
      last_order_at: '2026-10-30T15:00:00Z',
      journey_stage: 'repeat_customer',
      predictions: {
        segment: 'at_risk',
        p_alive: 0.62,
        churn_probability: 0.38,
        predicted_value_365d: 120.4,
      },
    };
    const third = await turn([
      ...asked,
      { role: 'assistant', content: second.content },
      result(get.id, profile),
    ]);
    expect(third.stopReason).toBe('end_turn');
    const text = third.content.find((b) => b.type === 'text')!.text;
    expect(lead(text)).toBe(
      'Maya Lin (maya@example.com) has placed 4 orders worth $312.50 net of refunds since Mar 2, 2026, the last on Oct 30, 2026. Maya Lin is in the At risk segment, with a 38% chance of having churned and a predicted 365-day value of $120.40.',
    );
    expect(text).toContain('- Journey stage: Repeat customer');
  });

  it('says plainly what it cannot answer, and what it can, instead of the store’s KPIs', () => {
    const question = 'What colour should my logo be?';
    const plan = planFor(question);
    expect(plan.intent).toBe('unknown');
    const kpis = {
      period: { from: '2026-11-14', to: '2026-11-20', days: 7 },
      currency: 'USD',
      latest_day_with_data: '2026-11-20',
      spend: 100,
      revenue: 400,
      profit: 50,
      orders: 9,
      roas: 4,
    };
    const a = answerFrom(question, { get_kpis: kpis });
    expect(a).toBe(CANNOT_ANSWER);
    expect(a).not.toMatch(/\$|ROAS of/);
    // A question about revenue still gets the totals.
    expect(planFor('How much revenue did I make last week?').intent).toBe('kpis');
    expect(planFor('How did we do yesterday?').intent).toBe('kpis');
    // …but a period alone does not make a question about people one about the totals.
    expect(planFor('How many visitors did I get last week?').intent).toBe('unknown');
  });
});

describe('the local analyst on "should I spend more or less"', () => {
  const TIKTOK_CUT = {
    type: 'reduce_spend',
    platform: 'tiktok',
    priority: 'medium',
    title: 'Cut "Daypack — Creators": ROAS 0.58× is below the 3.00× target',
    action: 'Lower the daily budget of the TikTok campaign "Daypack — Creators" from $211.73 to $169.38.',
    expected_impact: { description: 'About $90.12 more profit a week.' },
  };
  const META_CUT = {
    ...TIKTOK_CUT,
    platform: 'meta',
    title: 'Cut "Merino Tee — Summer": ROAS 0.71× is below the 3.00× target',
    action: 'Lower the daily budget of the Meta campaign "Merino Tee — Summer" from $177.30 to $73.32.',
  };
  const channels = {
    period: { from: '2026-11-14', to: '2026-11-20', days: 7 },
    latest_day_with_data: '2026-11-20',
    currency: 'USD',
    channels: [
      {
        channel: 'tiktok',
        name: 'TikTok',
        spend: 4850.46,
        revenue: 3038.56,
        profit: -2664.9,
        orders: 38,
        roas: 0.63,
        revenue_share_pct: 3.3,
      },
    ],
  };

  it.each([
    ['Should I spend more on TikTok?', 'advice'],
    ['Should we cut Meta spend?', 'advice'],
    ['Should I increase my Google Ads budget?', 'advice'],
    ['What should I do this week?', 'recommendations'],
    ['Which products should I reorder first?', 'stockout'],
  ])('"%s" is the %s intent', (question, intent) => {
    expect(planFor(question).intent).toBe(intent);
  });

  it('answers no to more spend when the channel’s open recommendations cut it, naming them, then its numbers', () => {
    const a = answerFrom('Should I spend more on TikTok?', {
      get_recommendations: { recommendations: [META_CUT, TIKTOK_CUT] },
      get_channel_performance: channels,
    });
    expect(lead(a)).toBe(
      'No: Pulsepoint recommends cutting TikTok, not raising it (1 open recommendation for its campaigns; the most important: Cut "Daypack — Creators": ROAS 0.58× is below the 3.00× target).',
    );
    expect(a).toContain('1. Medium: Cut "Daypack — Creators"');
    expect(a).not.toContain('Merino Tee');
    expect(a).toContain('TikTok had $4,850.46 of ad spend');
  });

  it('says yes to a cut the recommendations make, and says so when none is open for the channel', () => {
    expect(
      lead(
        answerFrom('Should we cut TikTok spend?', {
          get_recommendations: { recommendations: [TIKTOK_CUT] },
          get_channel_performance: channels,
        }),
      ),
    ).toMatch(/^Yes: Pulsepoint recommends cutting TikTok/);
    expect(
      lead(
        answerFrom('Should I spend more on TikTok?', {
          get_recommendations: { recommendations: [META_CUT] },
          get_channel_performance: channels,
        }),
      ),
    ).toBe("Pulsepoint has no open recommendation to change TikTok's budgets; its numbers are below.");
  });
});

describe('the local analyst on new customers and the campaigns that bring valuable ones', () => {
  const NEW_CUSTOMERS = {
    period: { from: '2026-11-09', to: '2026-11-15', days: 7 },
    latest_day_with_data: '2026-11-20',
    currency: 'USD',
    orders: 130,
    new_customers: {
      customers: 42,
      orders: 45,
      revenue: 3210,
      share_of_orders: 0.3462,
      first_order_revenue: 2995.86,
      first_order_aov: 71.33,
    },
    returning_customers: { customers: 60, orders: 80, revenue: 5000.5, share_of_orders: 0.6154 },
    orders_without_customer: { orders: 5, revenue: 120, share_of_orders: 0.0385 },
  };
  const campaign = (name: string, platform: string, over: Record<string, number | null>) => ({
    campaign_id: `id-${name}`,
    name,
    platform: platform.toLowerCase(),
    platform_name: platform,
    spend: 1000,
    acquired_customers: 10,
    first_order_value_per_customer: 60,
    predicted_value_365d_per_customer: 40,
    ltv_per_customer: 100,
    cac: 100,
    first_order_roas: 0.6,
    ltv_roas: 1,
    ltv_to_cac: 0.6,
    ...over,
  });
  const CUSTOMER_VALUE = {
    currency: 'USD',
    model: 'ltv-2026-11-20',
    discount_rate: 0.1,
    top_customers: [],
    ltv_roas_by_campaign: {
      period: { from: '2026-08-23', to: '2026-11-20', days: 90 },
      attribution_model: 'last_touch',
      attribution_window_days: 7,
      value_horizon_days: 365,
      roas_target: 3,
      campaigns: [
        campaign('Search — Brand', 'Google Ads', {
          acquired_customers: 12.5,
          first_order_value_per_customer: 70,
          predicted_value_365d_per_customer: 113.09,
          ltv_per_customer: 183.09,
          cac: 45.1,
          ltv_to_cac: 2.44,
          spend: 563.75,
        }),
        campaign('Velocity Runner — Prospecting', 'Meta', {
          acquired_customers: 30,
          ltv_per_customer: 150,
          cac: 20,
          ltv_to_cac: 4.5,
          spend: 600,
        }),
        // A fraction of one customer is not ranked, however high its value.
        campaign('Daypack — Creators', 'TikTok', { acquired_customers: 0.4, ltv_per_customer: 900 }),
        campaign('Retargeting — All Products', 'Meta', { acquired_customers: 0, ltv_per_customer: null }),
      ],
    },
  };

  it.each([
    [
      'How many new customers did I get last week?',
      'new_customers',
      'get_new_customers',
      { period: 'last_week' },
    ],
    ['New customers this month', 'new_customers', 'get_new_customers', { period: 'this_month' }],
    ['How many new customers in November?', 'new_customers', 'get_new_customers', { month: 'november' }],
    ['New vs returning customers last month', 'new_customers', 'get_new_customers', { period: 'last_month' }],
    [
      'Which campaigns bring customers with the highest lifetime value?',
      'campaigns_ltv',
      'get_customer_value',
      { days: 90, limit: 1 },
    ],
    ['LTV by campaign', 'campaigns_ltv', 'get_customer_value', { days: 90, limit: 1 }],
    [
      'What is my LTV to CAC this month?',
      'campaigns_ltv',
      'get_customer_value',
      { period: 'this_month', limit: 1 },
    ],
  ])('"%s" is the %s intent, asking %s with %j', (question, intent, tool, input) => {
    const plan = planFor(question, '2026-11-21');
    expect(plan.intent).toBe(intent);
    expect(plan.calls).toEqual([{ name: tool, input }]);
  });

  it('keeps lifetime value without a campaign, and retention, their own questions', () => {
    expect(planFor('What is my customers’ lifetime value?').intent).toBe('customer_value');
    expect(planFor('Do returning customers come back?').intent).toBe('cohorts');
  });

  it('gives the new customers of the period first, with their orders, revenue, share of orders and first order', () => {
    const a = answerFrom('How many new customers did I get last week?', { get_new_customers: NEW_CUSTOMERS });
    expect(lead(a)).toBe(
      'Last week (Nov 9, 2026 – Nov 15, 2026), you got 42 new customers: they placed 45 orders worth $3,210.00, 34.6% of your orders; their first orders averaged $71.33.',
    );
    expect(a).toContain(
      '- New customers (first order with you ever): 42 customers · 45 orders (34.6% of orders) · revenue $3,210.00 · first orders $2,995.86, $71.33 on average',
    );
    expect(a).toContain(
      '- Returning customers (ordered before): 60 customers · 80 orders (61.5% of orders) · revenue $5,000.50',
    );
    expect(a).toContain('- Orders without a customer: 5 orders (3.9% of orders) · revenue $120.00');
  });

  it('puts returning customers in the same sentence when asked new vs returning', () => {
    const a = answerFrom('New vs returning customers last week', { get_new_customers: NEW_CUSTOMERS });
    expect(lead(a)).toBe(
      'Last week (Nov 9, 2026 – Nov 15, 2026), 42 new customers and 60 returning customers ordered: new customers placed 45 orders (34.6% of orders, $3,210.00 of revenue) and returning customers 80 orders (61.5%, $5,000.50); their first orders averaged $71.33.',
    );
  });

  it('says so when the period brought no new customer', () => {
    const none = {
      ...NEW_CUSTOMERS,
      new_customers: {
        ...NEW_CUSTOMERS.new_customers,
        customers: 0,
        orders: 0,
        revenue: 0,
        share_of_orders: 0,
        first_order_revenue: 0,
        first_order_aov: null,
      },
    };
    expect(lead(answerFrom('How many new customers did I get last week?', { get_new_customers: none }))).toBe(
      'Last week (Nov 9, 2026 – Nov 15, 2026), no new customer placed a first order with you; 60 returning customers placed 80 orders.',
    );
  });

  it('names the campaign whose customers are worth most, with its CAC, LTV:CAC and the attribution model and window', () => {
    const a = answerFrom('Which campaigns bring customers with the highest lifetime value?', {
      get_customer_value: CUSTOMER_VALUE,
    });
    expect(a.split('\n').slice(0, 2)).toEqual([
      'Over the last 90 days (Aug 23, 2026 – Nov 20, 2026), Search — Brand (Google Ads) brought the customers with the highest lifetime value: 12.5 new customers worth $183.09 each, at a CAC of $45.10, an LTV:CAC of 2.44×.',
      'Each customer is credited to the campaigns of their first order with you under the last touch attribution model (7-day window); lifetime value is that first order plus the predicted, discounted value of the next 365 days.',
    ]);
    expect(a).toContain(
      '1. Search — Brand (Google Ads): 12.5 new customers · LTV $183.09 per customer (first order $70.00 + predicted $113.09) · CAC $45.10 · LTV:CAC 2.44× · spend $563.75',
    );
    expect(a).toContain(
      '2. Velocity Runner — Prospecting (Meta): 30 new customers · LTV $150.00 per customer',
    );
    expect(a).toContain('- Credited with less than one new customer: Daypack — Creators (TikTok).');
    expect(a).not.toContain('Retargeting');
  });

  it('ranks by LTV:CAC when CAC is asked about', () => {
    const a = answerFrom('What is my LTV to CAC by campaign?', { get_customer_value: CUSTOMER_VALUE });
    expect(lead(a)).toBe(
      'Over the last 90 days (Aug 23, 2026 – Nov 20, 2026), Velocity Runner — Prospecting (Meta) had the best LTV:CAC, 4.50×: 30 new customers at a CAC of $20.00, each worth $150.00 in lifetime value.',
    );
  });

  it('says the customer model has not run yet rather than failing', () => {
    const error = {
      error: 'Customer analytics have not run for this brand yet (the customer-analytics job runs nightly).',
    };
    expect(answerFrom('LTV by campaign', { get_customer_value: error })).toBe(
      "I can't answer that yet: Customer analytics have not run for this brand yet (the customer-analytics job runs nightly).",
    );
  });
});
