import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WORLD, worldBrand } from '../../../test/support/world';
import { openWorld, recommendWorld, type World, worldAgent } from '../../../test/support/world-harness';
import { addDays, localDate } from '../../domain/time';
import type { AgentAnswer } from '../agent';
import { createLocalAnalyst } from '.';

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

const usd = (minor: number) =>
  `USD ${(minor / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

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
    expect(a.answer.split('\n')[1]).toContain(`1. ${name}`);
    expect(a.answer.split('\n')[1]).toContain(`profit ${usd(best.profit)}`);
    expect(a.toolCalls.map((c) => c.name)).toEqual(['get_campaigns']);
  });

  it('why did revenue drop this week', async () => {
    const a = await ask('Why did revenue drop this week?');
    const [now] = await truth(7);
    const [before] = await truth(7, undefined, addDays(WORLD.asOf, -7));
    expect(a.answer).toContain(`${usd(now!.revenue)} from ${addDays(WORLD.asOf, -6)} to ${WORLD.asOf}`);
    expect(a.answer).toContain(`against ${usd(before!.revenue)}`);
    expect(a.answer).toContain(
      `Revenue ${now!.revenue < before!.revenue ? 'fell' : 'rose'} by ${usd(Math.abs(now!.revenue - before!.revenue))}`,
    );
  });

  it('which products will stock out', async () => {
    const a = await ask('Which products will stock out?');
    expect(a.answer).toContain('Trail Bottle — OS (PP-STOCKEDOUT): out of stock (0 units)');
    expect(a.answer).toContain('Velocity Runner — M (PP-FAST): 40 units, 6.2 days of cover');
    expect(a.answer).toContain(`projected to stock out on ${addDays(WORLD.asOf, 6)}`);
  });

  it('what is my ROAS over the last 30 days', async () => {
    const a = await ask('What is my ROAS over the last 30 days?');
    const [t] = await truth(30);
    expect(a.answer).toContain(`ROAS ${Number((t!.revenue / t!.spend).toFixed(2))}`);
    expect(a.answer).toContain(`revenue ${usd(t!.revenue)} on ${usd(t!.spend)} of ad spend`);
  });

  it('how are my channels performing', async () => {
    const a = await ask('How are my channels performing?');
    for (const ch of await truth(7, 'channel'))
      expect(a.answer).toContain(`- ${ch.k}: revenue ${usd(ch.revenue)}`);
  });

  it('what should I do next', async () => {
    const a = await ask('What should I do next?');
    const top = (await w.store.recommendations.listByStatus(w.ctx, WORLD.brandId, { status: 'open' })).sort(
      (x, y) => y.score - x.score,
    )[0]!;
    expect(a.answer).toContain(`1. [${top.priority}] ${top.title}`);
  });

  it('which campaigns are wasting money', async () => {
    const a = await ask('Which campaigns are wasting money?');
    const worst = (await truth(7, 'campaign_id')).sort(
      (x, y) => x.revenue / x.spend - y.revenue / y.spend,
    )[0]!;
    const name = Object.values(WORLD.campaigns).find((c) => c.id === worst.k)!.name;
    expect(a.answer.split('\n')[1]).toContain(`1. ${name}`);
    expect(a.answer.split('\n')[1]).toContain(`ROAS ${Number((worst.revenue / worst.spend).toFixed(2))}`);
  });

  it('what are my best-selling products this month', async () => {
    const a = await ask('What are my best-selling products this month?');
    const top = (await truth(30, 'variant_id')).sort((x, y) => y.revenue - x.revenue)[0]!;
    expect(a.answer.split('\n')[1]).toMatch(
      new RegExp(`^1\\. .*revenue ${usd(top.revenue).replace('.', '\\.')}`),
    );
  });

  it('do I have overstock I should promote', async () => {
    const a = await ask('Do I have overstock I should promote?');
    expect(a.answer).toContain('Alpine Throw — OS (PP-OVERSTOCK): 2600 units, 6500 days of cover');
  });

  it('are there any alerts', async () => {
    const a = await ask('Are there any alerts?');
    const open = await w.store.alerts.listByStatus(w.ctx, WORLD.brandId, { status: 'open' });
    expect(open.length).toBeGreaterThan(0);
    for (const alert of open) expect(a.answer).toContain(alert.title);
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
    expect(month).toEqual({ month: '2026-11', costMicros: 0, calls: 22 });
    const [ops] = await w.warehouse.queryOps<{ n: number }>(
      `SELECT COUNT(*) AS n FROM {{ai_token_usage}} WHERE tenant_id = @t`,
      { t: WORLD.tenantId },
    );
    expect(ops!.n).toBe(22);
  });
});
