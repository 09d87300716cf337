import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StripeSandbox, startStripeSandbox } from '../../infra/sandbox/stripe/server';
import { systemContext } from '../../shared/domain/tenancy';
import { launchChromium } from './browser';
import { shootBothSizes, signInToDemo, startWebRuntime, type WebRuntime } from './web-runtime';

/** The Billing page in Chromium, from choosing a plan through Stripe Checkout (sandbox) to a failed payment. */
describe('the Billing page in a browser', () => {
  let web: WebRuntime;
  let stripe: StripeSandbox;
  let browser: Browser;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    stripe = await startStripeSandbox();
    web = await startWebRuntime({
      STRIPE_SECRET_KEY: stripe.secretKey,
      STRIPE_WEBHOOK_SECRET: stripe.webhookSecret,
      STRIPE_API_HOST: stripe.host,
      STRIPE_API_PORT: String(stripe.port),
      STRIPE_API_PROTOCOL: 'http',
    });
    stripe.addWebhookUrl(`${web.runtime.url}/webhooks/stripe`);
    browser = await launchChromium();
    ({ page, errors } = await signInToDemo(browser, web.runtime.url));
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await web?.close();
    await stripe?.close();
  });

  const shoot = (name: string) => shootBothSizes(page, `billing-${name}`);

  it('says once, on the AI usage page, that there were no AI calls this month', async () => {
    await page.getByRole('link', { name: 'AI usage', exact: true }).click();
    await page.getByRole('heading', { name: 'This month against your AI cap' }).waitFor();
    await page.getByText('No AI calls this month', { exact: true }).waitFor();
    expect(await page.getByText(/calls? this month/i).count()).toBe(1);
    await shootBothSizes(page, 'usage-no-calls');
    // Back where the billing steps start: the usage page links to Billing too.
    await page.goBack();
    await page.getByRole('heading', { name: 'AI usage & cost' }).waitFor({ state: 'detached' });
  });

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
    const account = await web.runtime.embedded.deps.store.billing.account(systemContext('demo', 'test'));
    stripe.state.transition(account!.subscription!.id, 'past_due');
    await stripe.settle();
    await page.reload();
    await page.locator('.billing-banner.grace').waitFor();
    expect(await page.locator('.billing-banner').textContent()).toMatch(/last payment failed.*read-only/);
    await shoot('past-due');
    expect(errors).toEqual([]);
  });
});
