import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../infra/local/runtime';
import { createCustomerAnalyticsJob } from '../../shared/customers/job';
import { adSpendRow, testStoreRows } from '../../shared/customers/test-store';
import { createFormat } from '../../shared/domain/format';
import { systemContext } from '../../shared/domain/tenancy';
import { addDays, type LocalDate, localDate, toLocalDate } from '../../shared/domain/time';
import type { WarehouseRow } from '../../shared/ports/warehouse';
import { captureConsoleErrors, launchChromium, seriousA11yViolations } from './browser';
import { SCREENSHOTS, startWebRuntime, type WebRuntime } from './web-runtime';

const BRAND = 'demo-brand';

describe('the Customers section in a browser', () => {
  const fmt = createFormat({ locale: 'en-US', currency: 'USD', timeZone: 'UTC' });
  let asOf: LocalDate;
  let web: WebRuntime;
  let runtime: LocalRuntime;
  let browser: Browser;
  let consoleErrors: string[];
  let page: Page;

  beforeAll(async () => {
    web = await startWebRuntime();
    runtime = web.runtime;
    const { deps } = runtime.embedded;
    const ctx = systemContext('demo', 'e2e-seed');
    const brand = (await deps.store.brands.get(ctx, BRAND))!;
    asOf = addDays(toLocalDate(deps.clock.now(), brand.timezone), -1);
    const campaigns = [
      { channel: 'meta', platform: 'meta', campaignId: 'meta:act_1:camp_1' },
      { channel: 'google', platform: 'google_ads', campaignId: 'google_ads:1:camp_2' },
    ];
    const rows = { orders: [] as WarehouseRow[], attributions: [] as WarehouseRow[] };
    for (const r of testStoreRows({
      brandId: BRAND,
      customers: 900,
      days: 400,
      asOf,
      seed: 8,
      campaigns,
      currency: brand.currency,
    }))
      rows[r.table].push(r.row);
    const all = { brandId: BRAND, from: localDate('2020-01-01'), to: asOf };
    await deps.warehouse.replaceRange(ctx, 'orders', all, rows.orders);
    await deps.warehouse.replaceRange(ctx, 'attributions', all, rows.attributions);
    await deps.warehouse.replaceRange(
      ctx,
      'ad_performance',
      all,
      Array.from({ length: 30 }, (_, d) =>
        campaigns.map((c) =>
          adSpendRow({
            brandId: BRAND,
            date: addDays(asOf, -d),
            platform: c.platform,
            campaignId: c.campaignId,
            spendMinor: 4_000,
            currency: brand.currency,
          }),
        ),
      ).flat(),
    );
    // Storefront visits for the funnel: a Meta click on a phone that buys, a direct visitor on a
    // desktop who carts.
    const day = addDays(asOf, -3);
    const visit = (client: string, type: string, minute: number, url = '/'): WarehouseRow => ({
      brand_id: BRAND,
      event_id: `${client}-${type}`,
      type,
      source: 'pixel',
      occurred_at: `${day}T12:${String(minute).padStart(2, '0')}:00.000Z`,
      received_at: `${day}T12:${String(minute).padStart(2, '0')}:00.000Z`,
      day,
      client_id: client,
      identifiers: '[]',
      person: null,
      product_id: null,
      variant_id: null,
      value_minor: null,
      currency: null,
      url: `https://${brand.shopDomain}${url}`,
      properties: '{}',
      device: client === 'v1' ? 'mobile' : 'desktop',
    });
    await deps.warehouse.replaceRange(ctx, 'events', { brandId: BRAND, from: day, to: day }, [
      visit('v1', 'page_viewed', 0, '/?fbclid=abc'),
      visit('v1', 'product_viewed', 1),
      visit('v1', 'product_added_to_cart', 2),
      visit('v1', 'checkout_started', 3),
      visit('v1', 'checkout_completed', 4),
      visit('v2', 'page_viewed', 10),
      visit('v2', 'product_viewed', 11),
      visit('v2', 'product_added_to_cart', 12),
    ]);
    await createCustomerAnalyticsJob({
      directory: deps.directory,
      brands: deps.store.brands,
      warehouse: deps.warehouse,
      clock: deps.clock,
      logger: deps.logger,
    }).runBrand(ctx, brand);
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await web?.close();
  });

  it.each([
    ['desktop', 1440, 900],
    ['phone', 390, 844],
  ])(
    'shows segments, the model, cohorts, LTV ROAS and the funnel on a %s (%i×%i)',
    async (name, width, height) => {
      const context = await browser.newContext({ viewport: { width, height }, locale: 'en-US' });
      page = await context.newPage();
      consoleErrors = captureConsoleErrors(page);
      await page.goto(`${runtime.url}/`);
      await page.getByRole('button', { name: 'Sign in to the demo' }).click();
      await page.getByRole('heading', { name: 'Demo Brand' }).waitFor();
      await page.goto(`${runtime.url}/brands/${BRAND}/customer-value`);
      await page.getByRole('heading', { name: 'Segments & LTV', level: 1 }).waitFor();
      await page.locator('table.heatmap').waitFor();
      await page.waitForFunction(() => document.querySelectorAll('.state.loading').length === 0);
      const segments = await page
        .getByRole('table', { name: 'Customer segments' })
        .locator('tbody tr')
        .count();
      expect(segments).toBe(8);
      await expect(page.getByText(/repeat purchases predicted/).count()).resolves.toBe(1);
      // The holdout's ranking in words, against a coin toss, never a bare "AUC of P(alive) 0.38".
      const ranking = await page.locator('[data-holdout-ranking]').textContent();
      expect(ranking).toMatch(/of the time by expected purchases: .*\(50% is a coin toss\)/);
      expect(ranking).not.toMatch(/\bAUC of\b/);
      // LTV ROAS and the funnel name the 30 days up to the model's day (yesterday on a current store).
      const days = fmt.dayRange(addDays(asOf, -29), asOf).replace(/\s+/g, ' ');
      const headings = (await page.getByRole('heading', { level: 2 }).allTextContents()).map((h) =>
        h.replace(/\s+/g, ' '),
      );
      expect(headings).toEqual(
        expect.arrayContaining([`LTV ROAS by acquiring campaign, ${days}`, `Conversion funnel, ${days}`]),
      );
      // Two campaigns fit one page: no pager with buttons that cannot be pressed.
      await expect(page.locator('nav.pager').count()).resolves.toBe(0);
      await expect(
        page.getByRole('table', { name: 'LTV ROAS by campaign' }).locator('tbody tr').count(),
      ).resolves.toBe(2);
      await expect(
        page.getByRole('table', { name: 'Funnel by channel' }).locator('tbody tr').count(),
      ).resolves.toBe(2);
      await expect(page.getByText('2 visitors', { exact: true }).count()).resolves.toBe(3);
      await page.getByLabel('Split by').selectOption('device');
      const byDevice = page.getByRole('table', { name: 'Funnel by device' });
      await byDevice.waitFor();
      await expect(byDevice.getByText('Phone', { exact: true }).count()).resolves.toBe(1);
      await expect(byDevice.getByText('Desktop', { exact: true }).count()).resolves.toBe(1);
      await page.getByLabel('Group customers by').selectOption('channel');
      await page.getByRole('rowheader', { name: 'meta' }).waitFor();
      await page.screenshot({ path: join(SCREENSHOTS, `customers-${name}.png`), fullPage: true });
      const violations = await seriousA11yViolations(page);
      expect(violations, `axe on customers (${name}): ${JSON.stringify(violations)}`).toEqual([]);
      // Nothing wider than the viewport but the tables' own scrolling wrappers.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      expect(consoleErrors).toEqual([]);
      await context.close();
    },
    120_000,
  );
});
