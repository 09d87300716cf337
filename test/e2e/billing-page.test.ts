import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalRuntime, startLocalRuntime } from '../../infra/local/runtime';
import { type StripeSandbox, startStripeSandbox } from '../../infra/sandbox/stripe/server';
import { systemContext } from '../../shared/domain/tenancy';
import { loadConfig } from '../../shared/kernel/config';
import { buildWebApp, captureConsoleErrors, launchChromium, seriousA11yViolations } from './browser';

/** The Billing page in Chromium, from choosing a plan through Stripe Checkout (sandbox) to a failed payment. */
const SCREENSHOTS = join(process.cwd(), 'test-results', 'screenshots');

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });

describe('the Billing page in a browser', () => {
  let dir: string;
  let runtime: LocalRuntime;
  let stripe: StripeSandbox;
  let browser: Browser;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pp-'));
    mkdirSync(SCREENSHOTS, { recursive: true });
    const webDist = join(dir, 'web');
    await buildWebApp(webDist);
    stripe = await startStripeSandbox();
    const port = await freePort();
    const config = loadConfig({
      PULSEPOINT_DATA_DIR: join(dir, 'data'),
      PULSEPOINT_SANDBOXES: 'false',
      NODE_ENV: 'test',
      LOG_LEVEL: 'WARNING',
      PORT: String(port),
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      STRIPE_SECRET_KEY: stripe.secretKey,
      STRIPE_WEBHOOK_SECRET: stripe.webhookSecret,
      STRIPE_API_HOST: stripe.host,
      STRIPE_API_PORT: String(stripe.port),
      STRIPE_API_PROTOCOL: 'http',
    });
    runtime = await startLocalRuntime(config, { webDist });
    stripe.addWebhookUrl(`${runtime.url}/webhooks/stripe`);
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-US' });
    page = await context.newPage();
    errors = captureConsoleErrors(page);
    await page.goto(`${runtime.url}/`);
    await page.getByRole('button', { name: 'Sign in to the demo' }).click();
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await runtime?.close(1_000);
    await stripe?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function shoot(name: string) {
    await page.waitForFunction(() => document.querySelectorAll('.state.loading').length === 0);
    for (const [w, h] of [
      [1440, 900],
      [390, 844],
    ] as const) {
      await page.setViewportSize({ width: w, height: h });
      await page.screenshot({ path: join(SCREENSHOTS, `billing-${name}-${w}.png`), fullPage: true });
      // Nothing may stick out sideways on a phone.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `${name} at ${w}px`).toBeLessThanOrEqual(0);
    }
    await page.setViewportSize({ width: 1440, height: 900 });
    expect(await seriousA11yViolations(page), `axe on billing-${name}`).toEqual([]);
  }

  it('shows the plan, usage against every limit and the plans to choose from', async () => {
    await page.getByRole('link', { name: 'Billing' }).click();
    await page.getByRole('heading', { name: 'Billing', level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'Usage this month' }).waitFor();
    expect(await page.locator('meter.meter').count()).toBe(5);
    expect(await page.getByText('Brands', { exact: true }).count()).toBe(1);
    expect(await page.locator('.plan.current h3').textContent()).toBe('Agency');
    await shoot('no-subscription');
  });

  it('upgrades through Stripe Checkout and comes back to the new plan and its invoice', async () => {
    await page.getByRole('button', { name: 'Switch to Growth' }).click();
    await page.getByRole('button', { name: 'Pay and subscribe' }).click();
    await page.getByText('Thank you: your subscription is being set up.').waitFor();
    await page.locator('.plan.current h3', { hasText: 'Growth' }).waitFor();
    expect(await page.locator('.kpi-value .pill').textContent()).toBe('Active');
    expect(await page.locator('table tbody tr').count()).toBe(1);
    expect(await page.locator('table tbody tr').textContent()).toContain('$149.00');
    await shoot('active');
  });

  it('warns everyone on a failed payment, and keeps working', async () => {
    const account = await runtime.embedded.deps.store.billing.account(systemContext('demo', 'test'));
    stripe.state.transition(account!.subscription!.id, 'past_due');
    await stripe.settle();
    await page.reload();
    await page.locator('.billing-banner.grace').waitFor();
    expect(await page.locator('.billing-banner').textContent()).toMatch(/last payment failed.*read-only/);
    await shoot('past-due');
    expect(errors).toEqual([]);
  });
});
