import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../infra/local/runtime';
import { adSpendRow } from '../../shared/customers/test-store';
import { fittedRevenue, type HillParams } from '../../shared/domain/curves';
import { systemContext } from '../../shared/domain/tenancy';
import { addDays, toLocalDate } from '../../shared/domain/time';
import { seededRandom } from '../../shared/kernel/util/random';
import type { WarehouseRow } from '../../shared/ports/warehouse';
import { aPerformanceRow, aRecommendation } from '../support/builders';
import { launchChromium, seriousA11yViolations } from './browser';
import { SCREENSHOTS, signInToDemo, startWebRuntime, type WebRuntime } from './web-runtime';

const BRAND = 'demo-brand';
const DAYS = 120;
/** `curve: null` plants revenue that is noise around a mean, whatever the spend did. */
const CAMPAIGNS: Array<{ id: string; name: string; budget: number; curve: HillParams | null }> = [
  {
    id: 'meta:act_1:camp_runner',
    name: 'Velocity Runner — Prospecting',
    budget: 40_000,
    curve: { top: 260_000, halfSat: 45_000, shape: 1.2, decay: 0.3 },
  },
  {
    id: 'meta:act_1:camp_tee',
    name: 'Merino Tee — Summer',
    budget: 15_000,
    curve: { top: 60_000, halfSat: 20_000, shape: 1.1, decay: 0.2 },
  },
  {
    id: 'meta:act_1:camp_retarget',
    name: 'Retargeting — All Products',
    budget: 20_000,
    curve: { top: 150_000, halfSat: 18_000, shape: 1, decay: 0.4 },
  },
  { id: 'meta:act_1:camp_broad', name: 'Broad — Lookalike 2 %', budget: 12_000, curve: null },
];

describe('a campaign’s response curve in a browser', () => {
  let web: WebRuntime;
  let runtime: LocalRuntime;
  let browser: Browser;

  beforeAll(async () => {
    web = await startWebRuntime();
    runtime = web.runtime;
    const { deps } = runtime.embedded;
    const ctx = systemContext('demo', 'e2e-seed');
    const brand = (await deps.store.brands.get(ctx, BRAND))!;
    const asOf = addDays(toLocalDate(deps.clock.now(), brand.timezone), -1);
    const first = addDays(asOf, -(DAYS - 1));
    const performance: WarehouseRow[] = [];
    const ads: WarehouseRow[] = [];
    CAMPAIGNS.forEach((c, k) => {
      const spend = Array.from({ length: DAYS }, (_, t) =>
        Math.round(c.budget * (1 + 0.5 * Math.sin(Math.floor(t / 7) * 1.7 + k))),
      );
      const rand = seededRandom(k + 1);
      const revenue = c.curve
        ? fittedRevenue(spend, c.curve)
        : spend.map(() => 30_000 * (0.4 + 1.2 * rand()));
      spend.forEach((s, t) => {
        const date = addDays(first, t);
        performance.push(
          aPerformanceRow(BRAND, {
            date,
            campaign_id: c.id,
            product_id: `gid://shopify/Product/${k}`,
            variant_id: `gid://shopify/ProductVariant/${k}`,
            spend_minor: s,
            revenue_minor: Math.round(revenue[t]!),
            profit_minor: Math.round(revenue[t]! * 0.55) - s,
            model: brand.targets.attributionModel,
          }),
        );
        ads.push({
          ...adSpendRow({ brandId: BRAND, date, platform: 'meta', campaignId: c.id, spendMinor: s }),
          campaign_name: c.name,
        });
      });
    });
    const range = { brandId: BRAND, from: first, to: asOf };
    await deps.warehouse.replaceRange(ctx, 'unified_performance', range, performance);
    await deps.warehouse.replaceRange(ctx, 'ad_performance', range, ads);
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
