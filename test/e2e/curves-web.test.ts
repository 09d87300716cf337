import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../infra/local/runtime';
import { systemContext } from '../../shared/domain/tenancy';
import { aRecommendation } from '../support/builders';
import { launchChromium, seriousA11yViolations } from './browser';
import { PLANTED_BRAND, PLANTED_CAMPAIGNS, plantCurves } from './planted-curves';
import { SCREENSHOTS, signInToDemo, startWebRuntime, type WebRuntime } from './web-runtime';

const BRAND = PLANTED_BRAND;
const CAMPAIGNS = PLANTED_CAMPAIGNS;

describe('a campaign’s response curve in a browser', () => {
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

  /** Signs in to the demo and opens a campaign's drilldown at its curve chart. */
  async function openCurve(campaignId: string, width: number, height: number) {
    const {
      context,
      page,
      errors: consoleErrors,
    } = await signInToDemo(browser, runtime.url, { width, height });
    await page.goto(`${runtime.url}/brands/${BRAND}/drilldown/campaign/${encodeURIComponent(campaignId)}`);
    await page.getByRole('heading', { name: 'Response curve' }).waitFor();
    const chart = page.getByRole('img', { name: /expected daily revenue by daily spend/ });
    await chart.waitFor();
    return { context, page, chart, consoleErrors };
  }

  it.each([
    ['desktop', 1440, 900],
    ['phone', 390, 844],
  ])(
    'shows the curve, today’s point, the proposal and the target-ROAS line on a %s (%i×%i)',
    async (name, width, height) => {
      const { context, page, chart, consoleErrors } = await openCurve(CAMPAIGNS[0]!.id, width, height);
      await expect(chart.locator('circle').count()).resolves.toBe(2);
      await expect(page.getByText(/Marginal ROAS today/).count()).resolves.toBe(1);
      await expect(page.getByText(/fitted on 120 days/).count()).resolves.toBe(1);
      // The point is printed inside its own 80% interval (decision 991).
      const kpi = page.locator('.kpi', { has: page.getByText('Marginal ROAS today') });
      const [point, low, high] = [
        await kpi.locator('.kpi-value').textContent(),
        ...((await kpi.locator('.muted').textContent())?.match(/[\d.]+×/g) ?? []),
      ].map((t) => Number.parseFloat(t ?? ''));
      expect(low).toBeLessThanOrEqual(point!);
      expect(high).toBeGreaterThanOrEqual(point!);
      await page.getByRole('heading', { name: 'Response curve' }).scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(SCREENSHOTS, `curve-${name}.png`), fullPage: true });
      const violations = await seriousA11yViolations(page);
      expect(violations, `axe on the curve (${name}): ${JSON.stringify(violations)}`).toEqual([]);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      expect(consoleErrors).toEqual([]);
      await context.close();
    },
    120_000,
  );

  it('names the optimiser’s split as such when no recommendation sets the budget', async () => {
    const { context, page, consoleErrors } = await openCurve(CAMPAIGNS[1]!.id, 1440, 900);
    await expect(page.getByText('Today’s budget split by the curves').count()).resolves.toBe(1);
    await expect(page.getByText(/not a recommendation/).count()).resolves.toBe(1);
    // Only this campaign's step and reason: the brand's plan, and what it leaves unplaced, is a page of its own.
    await expect(page.locator('[data-plan-reason]').textContent()).resolves.toMatch(
      /^(Its curve: more here would earn less profit than on the other campaigns|At its daily (increase|cut) limit: the most it may (rise|fall) in a day)\.$/,
    );
    await expect(page.locator('[data-unplaced-budget]').count()).resolves.toBe(0);
    await page.getByRole('link', { name: /^The brand’s budget plan/ }).click();
    await page.waitForURL(/\/brands\/demo-brand\/budget-plan$/);
    await page.getByRole('heading', { name: 'Budget plan', level: 1 }).waitFor();
    expect(consoleErrors).toEqual([]);
    await context.close();
  }, 120_000);

  it('shows an open recommendation’s budget as the proposal, as the Recommendations page does, on a phone', async () => {
    const { deps } = runtime.embedded;
    const ctx = systemContext('demo', 'e2e-seed');
    const now = deps.clock.now().toISOString();
    const campaign = CAMPAIGNS[2]!;
    await deps.store.recommendations.upsertMany(ctx, BRAND, [
      aRecommendation(BRAND, {
        id: 'rec-curve-retarget',
        dedupeKey: `reduce_spend:roas:${campaign.id}`,
        title: `Cut "${campaign.name}"`,
        change: {
          platform: 'meta',
          campaignId: campaign.id,
          currentDailySpendMinor: 20_013,
          proposedDailySpendMinor: 12_345,
          currency: 'USD',
        },
        createdAt: now,
        updatedAt: now,
      }),
    ]);
    try {
      const { context, page, chart, consoleErrors } = await openCurve(campaign.id, 390, 844);
      const kpi = page.locator('.kpi', { has: page.getByText('Recommended', { exact: true }) });
      await expect(kpi.locator('.kpi-value').textContent()).resolves.toBe('$123.45 a day');
      await expect(kpi.locator('.muted').textContent()).resolves.toMatch(/^today \$200\.13 · see why$/);
      await kpi.getByRole('link', { name: 'see why' }).click();
      await page.waitForURL(/\/recommendations$/);
      await page.getByText(`Cut "${campaign.name}"`).waitFor();
      await page.goBack();
      await chart.waitFor();
      // The proposal point sits at the recommended spend: its description names it.
      await expect(chart.locator('circle').count()).resolves.toBe(2);
      await expect(page.getByText('Today’s budget split by the curves').count()).resolves.toBe(0);
      await page.getByRole('heading', { name: 'Response curve' }).scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(SCREENSHOTS, 'curve-recommended-phone.png'), fullPage: true });
      expect(consoleErrors).toEqual([]);
      await context.close();
    } finally {
      await deps.store.recommendations.upsertMany(ctx, BRAND, [
        aRecommendation(BRAND, {
          id: 'rec-curve-retarget',
          dedupeKey: `reduce_spend:roas:${campaign.id}`,
          status: 'dismissed',
          createdAt: now,
          updatedAt: now,
        }),
      ]);
    }
  }, 120_000);

  it('shows a campaign whose revenue did not follow its spend as held, with the reason and no proposal', async () => {
    const { context, page, chart, consoleErrors } = await openCurve(CAMPAIGNS[3]!.id, 390, 844);
    await expect(chart.locator('circle').count()).resolves.toBe(1);
    await expect(page.getByText('Budget held').count()).resolves.toBe(1);
    // The curve it was not allowed to act on is drawn faint, and its legend says why.
    await expect(page.getByText('Expected revenue (not enough signal)').count()).resolves.toBe(1);
    await expect(
      page.getByText(/^Not enough signal: over 120 days its revenue did not rise and fall/).count(),
    ).resolves.toBe(1);
    await expect(page.getByText('Today’s budget split by the curves').count()).resolves.toBe(0);
    await page.getByRole('heading', { name: 'Response curve' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SCREENSHOTS, 'curve-held-phone.png'), fullPage: true });
    expect(consoleErrors).toEqual([]);
    await context.close();
  }, 120_000);
});
