import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../infra/local/runtime';
import { systemContext } from '../../shared/domain/tenancy';
import type { BudgetCurves } from '../../web/src/api/schemas';
import { createFormat } from '../../web/src/format';
import { aRecommendation } from '../support/builders';
import { launchChromium } from './browser';
import { textProblems } from './page-text';
import { PLANTED_BRAND, PLANTED_CAMPAIGNS, plantCurves } from './planted-curves';
import { shootBothSizes, signInToDemo, startWebRuntime, type WebRuntime } from './web-runtime';

/**
 * The Budget plan page over four campaigns with planted curves (one whose revenue is noise, so the
 * plan holds it): the page shows the same plan as the API, every campaign by name, its links open
 * their campaigns, and a budget typed above what the campaigns can take today shows what is
 * unplaced — budget − placed, the API's own amount — and stays in the URL.
 */
const fmt = createFormat({ locale: 'en-US', currency: 'USD', timeZone: 'UTC' });
const PLAN = `/brands/${PLANTED_BRAND}/budget-plan`;

/** Every amount in a text, in cents, in order ("$1,817.94" → 181794). */
/**
 * What the crawl would flag in the page's rendered text (page-text.ts), the planted campaigns' own
 * names left out: "Broad — Lookalike 2 %" is how the ad platform names that campaign, not our words.
 */
async function pageProblems(page: Page) {
  // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is the point, as in the crawl
  const text = await page.locator('body').evaluate((b) => (b as HTMLElement).innerText);
  return textProblems(PLANTED_CAMPAIGNS.reduce((t, c) => t.replaceAll(c.name, 'a campaign'), text));
}

const amounts = (text: string) =>
  [...text.matchAll(/-?\$[\d,]+\.\d{2}/g)].map((m) => Math.round(Number(m[0].replace(/[$,]/g, '')) * 100));

describe('the brand’s budget plan page in a browser', () => {
  let web: WebRuntime;
  let runtime: LocalRuntime;
  let browser: Browser;

  beforeAll(async () => {
    web = await startWebRuntime();
    runtime = web.runtime;
    await plantCurves(runtime);
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await web?.close();
  });

  const apiPlan = async (page: Page, query = '') => {
    const token = await page.evaluate(
      () => JSON.parse(sessionStorage.getItem('pulsepoint.session') ?? '{}').token as string,
    );
    const res = await fetch(`${runtime.url}/api/brands/${PLANTED_BRAND}/budget-curves${query}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
    return (await res.json()) as BudgetCurves;
  };

  const tableRows = (page: Page) =>
    page
      .getByRole('table', { name: 'Budget plan by campaign' })
      .locator('tbody tr')
      .evaluateAll((trs) =>
        // The campaign cell: its name (the link), without the platform beneath it.
        trs.map((tr) =>
          [...tr.querySelectorAll('td')].map((td, i) =>
            i === 0 ? (td.querySelector('a')?.textContent ?? '') : (td.textContent ?? ''),
          ),
        ),
      );

  it('shows today’s plan as the API computes it: every campaign by name, the held one with its reason, links that open each campaign', async () => {
    const { context, page, errors } = await signInToDemo(browser, runtime.url);
    // What the page asks the API for: the plan without the curve points it never draws.
    const asked: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/budget-curves')) asked.push(new URL(r.url()).search);
    });
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Budget plan' }).click();
    await page.waitForURL(new RegExp(`${PLAN}$`));
    await page.getByRole('table', { name: 'Budget plan by campaign' }).waitFor();
    expect(asked).toEqual(['?points=false']);
    const plan = await apiPlan(page);
    expect(plan.rows).toHaveLength(PLANTED_CAMPAIGNS.length);

    const rows = await tableRows(page);
    expect(rows.map((r) => r[0]).sort()).toEqual(PLANTED_CAMPAIGNS.map((c) => c.name).sort());
    for (const r of plan.rows) {
      const shown = rows.find((cells) => cells[0] === r.campaignName)!;
      // Planned, today, expected revenue today → planned: the API's own figures.
      expect(shown[1]).toBe(fmt.money(r.proposedSpendMinor));
      expect(shown[2]).toBe(fmt.money(r.currentSpendMinor));
      expect(amounts(shown[4]!)).toEqual([r.currentRevenueMinor, r.proposedRevenueMinor]);
    }
    const summary = (await page.locator('[data-plan-summary]').textContent()) ?? '';
    // Today's budget: placed in full it is named once; short by rounding, both figures are given.
    expect(plan.budgetMinor).toBe(plan.todayBudgetMinor);
    expect(summary).toContain(
      plan.allocatedMinor === plan.budgetMinor
        ? `The curves split today’s ${fmt.money(plan.budgetMinor)} daily budget across 4 campaigns.`
        : `The curves place ${fmt.money(plan.allocatedMinor)} of the ${fmt.money(plan.budgetMinor)} daily budget across 4 campaigns`,
    );
    // The noise campaign is held, and the page says why in the plan's own words.
    const held = plan.rows.find((r) => r.binding === 'held')!;
    expect(held.campaignName).toBe('Broad — Lookalike 2 %');
    const heldList = page.getByRole('region', { name: 'Held campaigns' });
    await expect(heldList.textContent()).resolves.toContain(held.heldReason!);
    // One sentence per reason: as many groups as reasons, each campaign listed once under its own.
    const groups = await heldList
      .locator('[data-held-group]')
      .evaluateAll((gs) => gs.map((g) => [...g.querySelectorAll('li a')].map((a) => a.textContent ?? '')));
    const heldRows = plan.rows.filter((r) => r.binding === 'held' || r.binding === 'stock');
    expect(groups.flat().sort()).toEqual(heldRows.map((r) => r.campaignName).sort());
    const reasons = new Set(
      heldRows.map((r) => (r.binding === 'held' ? 'held' : (r.stockProduct?.productId ?? 'stock'))),
    );
    expect(groups).toHaveLength(reasons.size);
    // The profit line says whose profit it is, and a loss in words, never as a bare minus.
    const profitWords = fmt.money(Math.abs(plan.totals.currentProfitMinor));
    expect(summary).toContain(
      plan.totals.currentProfitMinor < 0
        ? `a loss of ${profitWords} a day today`
        : `${profitWords} a day today`,
    );
    expect(summary).toContain('not the whole store’s');
    expect(summary).not.toMatch(/[-−]\$/);
    // Today's budget fits: nothing is unplaced.
    expect(plan.unplaced).toBeNull();
    await expect(page.locator('[data-unplaced-budget]').count()).resolves.toBe(0);
    // No campaign id on the page, only names.
    const text = (await page.locator('main').textContent()) ?? '';
    for (const c of PLANTED_CAMPAIGNS) expect(text).not.toContain(c.id);
    // Nothing the crawl would flag: no raw keys, NaN, undefined or unformatted figures (page-text.ts).
    expect(await pageProblems(page)).toEqual([]);

    // Every campaign link opens that campaign's page, its curve and name.
    const links = await page
      .getByRole('table', { name: 'Budget plan by campaign' })
      .getByRole('link')
      .evaluateAll((as) => as.map((a) => [a.textContent ?? '', a.getAttribute('href') ?? '']));
    expect(links).toHaveLength(PLANTED_CAMPAIGNS.length);
    // Each opens the campaign on the days the plan judged, as a drill-down carries its period.
    const days = plan.judgedDays!;
    expect(days.to).toBe(plan.asOf);
    for (const [, path] of links) expect(path).toMatch(new RegExp(`\\?from=${days.from}&to=${days.to}$`));
    for (const [name, path] of links) {
      await page.goto(`${runtime.url}${path}`);
      await page.getByRole('heading', { name: 'Response curve' }).waitFor();
      await expect(page.getByRole('heading', { level: 1 }).first().textContent()).resolves.toContain(name);
    }
    await page.goto(`${runtime.url}${PLAN}`);
    await shootBothSizes(page, 'budget-plan');
    expect(errors).toEqual([]);
    await context.close();
  }, 180_000);

  it('places a typed budget the campaigns cannot take today and says what is unplaced: budget − placed, as the API says, kept in the URL', async () => {
    const { context, page, errors } = await signInToDemo(browser, runtime.url);
    await page.goto(`${runtime.url}${PLAN}`);
    await page.getByRole('table', { name: 'Budget plan by campaign' }).waitFor();
    const today = await apiPlan(page);
    // Twice today's spend: above what the campaigns may rise to in a day.
    const typedMinor = 2 * today.todayBudgetMinor;
    await page.getByLabel(/^Daily budget/).fill((typedMinor / 100).toFixed(2));
    await page.getByRole('button', { name: 'Show plan' }).click();
    await page.waitForURL(
      new RegExp(`${PLAN}\\?budget=${(typedMinor / 100).toFixed(2).replace('.', '\\.')}$`),
    );
    const unplaced = page.locator('[data-unplaced-budget]');
    await unplaced.waitFor();

    const plan = await apiPlan(page, `?budget=${typedMinor}`);
    expect(plan.budgetMinor).toBe(typedMinor);
    expect(plan.unplaced).not.toBeNull();
    const words = (await unplaced.textContent()) ?? '';
    const [placed, budget, left] = amounts(words);
    expect(budget).toBe(typedMinor);
    expect(placed).toBe(plan.allocatedMinor);
    expect(left).toBe(budget! - placed!);
    expect(left).toBe(plan.unplaced!.amountMinor);
    // Each campaign holding it back, by name.
    for (const c of [
      ...plan.unplaced!.atStepLimit,
      ...plan.unplaced!.heldByFit,
      ...plan.unplaced!.heldByStock,
    ])
      expect(words).toContain(c.campaignName);
    expect(plan.unplaced!.atStepLimit.length).toBeGreaterThan(0);
    const rows = await tableRows(page);
    for (const r of plan.rows)
      expect(rows.find((cells) => cells[0] === r.campaignName)![1]).toBe(fmt.money(r.proposedSpendMinor));

    // A reload reads the budget from the URL; "Today’s budget" goes back to today's plan.
    await page.reload();
    await unplaced.waitFor();
    await expect(page.getByLabel(/^Daily budget/).inputValue()).resolves.toBe((typedMinor / 100).toFixed(2));
    expect(await pageProblems(page)).toEqual([]);
    await shootBothSizes(page, 'budget-plan-unplaced');
    await page.getByRole('button', { name: 'Today’s budget' }).click();
    await page.waitForURL(new RegExp(`${PLAN}$`));
    await expect(page.locator('[data-unplaced-budget]').count()).resolves.toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  }, 180_000);

  it('links the plan from a budget recommendation on the Recommendations page, where its campaign is in the plan by name', async () => {
    const { context, page, errors } = await signInToDemo(browser, runtime.url);
    await page.goto(`${runtime.url}${PLAN}`);
    await page.getByRole('table', { name: 'Budget plan by campaign' }).waitFor();
    const plan = await apiPlan(page);
    const row = plan.rows.find((r) => r.binding !== 'held')!;
    const { deps } = runtime.embedded;
    const now = deps.clock.now().toISOString();
    await deps.store.recommendations.upsertMany(systemContext('demo', 'e2e-seed'), PLANTED_BRAND, [
      aRecommendation(PLANTED_BRAND, {
        id: 'rec-plan-link',
        dedupeKey: `increase_spend:roas:${row.campaignId}`,
        type: 'increase_spend',
        title: `Scale "${row.campaignName}"`,
        action: `Set its daily budget to ${fmt.money(row.proposedSpendMinor)}`,
        reason: 'Its curve says more spend here still pays back.',
        change: {
          platform: 'meta',
          campaignId: row.campaignId,
          campaignName: row.campaignName,
          currentDailySpendMinor: row.currentSpendMinor,
          proposedDailySpendMinor: row.proposedSpendMinor,
          currency: 'USD',
        },
        createdAt: now,
        updatedAt: now,
      }),
    ]);
    try {
      await page
        .getByRole('navigation', { name: 'Main' })
        .getByRole('link', { name: 'Recommendations' })
        .click();
      const card = page.locator('article.rec', { hasText: row.campaignName });
      const link = card.getByRole('link', { name: /in the Budget plan$/ });
      await link.waitFor();
      await shootBothSizes(page, 'recommendations-plan-link');
      await link.click();
      await page.waitForURL(new RegExp(`${PLAN}$`));
      await page.getByRole('table', { name: 'Budget plan by campaign' }).waitFor();
      const shown = (await tableRows(page)).find((cells) => cells[0] === row.campaignName)!;
      // Today's daily spend on the plan is the recommendation's own "today".
      expect(shown[2]).toBe(fmt.money(row.currentSpendMinor));
      expect(errors).toEqual([]);
    } finally {
      // Decided, so no later test sees it open.
      await deps.store.recommendations.upsertMany(systemContext('demo', 'e2e-seed'), PLANTED_BRAND, [
        aRecommendation(PLANTED_BRAND, {
          id: 'rec-plan-link',
          dedupeKey: `increase_spend:roas:${row.campaignId}`,
          status: 'dismissed',
          createdAt: now,
          updatedAt: now,
        }),
      ]);
      await context.close();
    }
  }, 180_000);

  it('keeps the revenue objective and its ROAS target in the URL and sends them to the plan', async () => {
    const { context, page, errors } = await signInToDemo(browser, runtime.url);
    await page.goto(`${runtime.url}${PLAN}?objective=revenue&target=2.5`);
    await page.getByRole('table', { name: 'Budget plan by campaign' }).waitFor();
    await expect(page.getByLabel('Plan for').inputValue()).resolves.toBe('revenue');
    await expect(page.getByLabel('Keep total ROAS at least').inputValue()).resolves.toBe('2.5');
    const plan = await apiPlan(page, '?objective=revenue&targetRoas=2.5');
    expect(plan.objective).toBe('revenue');
    const rows = await tableRows(page);
    for (const r of plan.rows)
      expect(rows.find((cells) => cells[0] === r.campaignName)![1]).toBe(fmt.money(r.proposedSpendMinor));
    await page.getByLabel('Plan for').selectOption('profit');
    await page.getByRole('button', { name: 'Show plan' }).click();
    await page.waitForURL(new RegExp(`${PLAN}$`));
    expect(errors).toEqual([]);
    await context.close();
  }, 180_000);
});
