import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalRuntime, startLocalRuntime } from '../../infra/local/runtime';
import { systemContext } from '../../shared/domain/tenancy';
import { createConsentStore } from '../../shared/engagement/consent';
import { loadConfig } from '../../shared/kernel/config';
import { buildWebApp, captureConsoleErrors, launchChromium, seriousA11yViolations } from './browser';

/**
 * The import page in Chromium, on a desktop (1440×900) and a phone (390×844): drop files, read the
 * preview with every problem, confirm, and see the rows in the warehouse.
 */
const SCREENSHOTS = join(process.cwd(), 'test-results', 'screenshots');
const FIXTURES = join(process.cwd(), 'test', 'fixtures', 'imports');

describe.each([
  ['desktop', { width: 1440, height: 900 }],
  ['phone', { width: 390, height: 844 }],
])('the import page on a %s', (name, viewport) => {
  let dir: string;
  let runtime: LocalRuntime;
  let browser: Browser;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pp-import-page-'));
    mkdirSync(SCREENSHOTS, { recursive: true });
    const webDist = join(dir, 'web');
    await buildWebApp(webDist);
    const config = loadConfig({
      PULSEPOINT_DATA_DIR: join(dir, 'data'),
      PULSEPOINT_SANDBOXES: 'false',
      NODE_ENV: 'test',
      LOG_LEVEL: 'WARNING',
    });
    runtime = await startLocalRuntime({ ...config, PORT: 0 }, { webDist });
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport, locale: 'en-US' })).newPage();
    errors = captureConsoleErrors(page);
    await page.goto(`${runtime.url}/`);
    await page.getByRole('button', { name: 'Sign in to the demo' }).click();
    await page.getByRole('heading', { name: 'Demo Brand' }).waitFor();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await runtime?.close(1_000);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('shows every problem of a bad file and keeps the import button off', async () => {
    await page.goto(`${runtime.url}/brands/demo-brand/import`);
    await page.getByRole('heading', { name: 'Import files' }).waitFor();
    await page.getByLabel('Exported from').selectOption('meta');
    await page.getByLabel('Ad account id').fill('act_1001');
    await page.locator('input[type=file]').setInputFiles(join(FIXTURES, 'invalid', 'meta-bad.csv'));
    await page.getByRole('heading', { name: '4 problems to fix in the files' }).waitFor();
    expect(await page.locator('.import-problems li').allTextContents()).toEqual([
      'meta-bad.csv:3:68 "Amount spent (USD)" should be an amount like 1,234.50, not "twelve"',
      'meta-bad.csv:4:51 "Day" should be a date like 2026-03-01, not "2026-3-7"',
      'meta-bad.csv:4:71 "Impressions" should be a number, not "-5"',
      'meta-bad.csv:5:24 "Campaign ID" is empty',
    ]);
    expect(await page.getByRole('button', { name: 'Confirm and import' }).isDisabled()).toBe(true);
    await page.screenshot({ path: join(SCREENSHOTS, `import-problems-${name}.png`), fullPage: true });
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('previews two Shopify part files, imports them on confirmation', async () => {
    await page.getByLabel('Exported from').selectOption('shopify');
    await page
      .locator('input[type=file]')
      .setInputFiles([
        join(FIXTURES, 'valid', 'shopify-orders-2026-03.jsonl'),
        join(FIXTURES, 'valid', 'shopify-orders-2026-04.jsonl'),
      ]);
    await page.getByRole('heading', { name: 'Ready to import' }).waitFor();
    expect(await page.locator('.import-counts li').allTextContents()).toEqual([
      '5 orders',
      '4 line items',
      '2 refunds',
    ]);
    // The sample reads as a merchant's table: headers in words, dates as the app writes them.
    const sample = page.locator('#preview-title ~ * table, [aria-labelledby=preview-title] table').first();
    expect(await sample.locator('thead th').allTextContents()).toEqual([
      'Order',
      'Date',
      'Total',
      'Currency',
      'Country',
      'UTM campaign',
    ]);
    expect(await sample.locator('tbody tr').first().textContent()).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    await page.screenshot({ path: join(SCREENSHOTS, `import-preview-${name}.png`), fullPage: true });
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Confirm and import' }).click();
    await page
      .getByRole('status')
      .getByText(/Imported 5 orders/)
      .waitFor();
    const orders = await runtime.embedded.deps.warehouse.query(
      systemContext('demo', 'test'),
      "SELECT COUNT(*) AS n FROM {{orders}} WHERE order_id LIKE 'gid://shopify/Order/500%'",
    );
    expect(orders).toEqual([{ n: 5 }]);
    // Nothing spills sideways on a phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    expect(errors).toEqual([]);
  });

  it("previews a customers export as its marketing opt-ins and records them, each with its file's line", async () => {
    await page.goto(`${runtime.url}/brands/demo-brand/import`);
    await page.getByRole('heading', { name: 'Import files' }).waitFor();
    await page.getByLabel('Exported from').selectOption('shopify');
    await page
      .locator('input[type=file]')
      .setInputFiles(join(FIXTURES, 'valid', 'shopify-customers-export.csv'));
    await page.getByRole('heading', { name: 'Ready to import' }).waitFor();
    expect(await page.locator('.import-counts li').allTextContents()).toEqual([
      '2 email marketing opt-ins',
      '2 SMS marketing opt-ins',
    ]);
    await page.screenshot({
      path: join(SCREENSHOTS, `import-customers-preview-${name}.png`),
      fullPage: true,
    });
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Confirm and import' }).click();
    await page
      .getByRole('status')
      .getByText(/marketing consent of 6 addresses/)
      .waitFor();
    const consent = createConsentStore({
      db: runtime.embedded.deps.documents,
      clock: runtime.embedded.deps.clock,
    });
    const scope = { ctx: systemContext('demo', 'test'), brandId: 'demo-brand' };
    expect(await consent.get(scope, 'email', 'ava.chen@example.com')).toMatchObject({
      status: 'opted_in',
      source: 'shopify_export',
      evidence: { file: 'shopify-customers-export.csv', line: 2 },
    });
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    expect(errors).toEqual([]);
  });
});
