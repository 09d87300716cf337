import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../infra/local/runtime';
import { DEMO_BRAND, DEMO_TENANT } from '../../infra/local/seed';
import { type SmtpSandbox, startSmtpSandbox } from '../../infra/sandbox/smtp/server';
import { issueLocalToken } from '../../shared/adapters/embedded/local-identity';
import { orderRow } from '../../shared/customers/test-store';
import { systemContext } from '../../shared/domain/tenancy';
import { localDate } from '../../shared/domain/time';
import { createConsentStore } from '../../shared/engagement/consent';
import { customerAnalyticsRows } from '../support/builders';
import { launchChromium } from './browser';
import { shootBothSizes, signInToDemo, startWebRuntime, type WebRuntime } from './web-runtime';

/**
 * The Engagement pages in Chromium over the real runtime, email going to the loopback SMTP server:
 * a win-back campaign sent from the app, its results with the holdout, an automation's step list,
 * the outbox; at 1440×900 and 390×844 with no sideways scroll and no serious axe violation.
 */
describe('the Engagement pages in a browser', () => {
  let web: WebRuntime;
  let runtime: LocalRuntime;
  let smtp: SmtpSandbox;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let token: string;

  beforeAll(async () => {
    smtp = await startSmtpSandbox();
    const afternoon = new Date();
    afternoon.setUTCHours(21, 0, 0, 0);
    const afternoonOffset = afternoon.getTime() - Date.now();
    web = await startWebRuntime(
      {
        SMTP_URL: `smtp://${smtp.host}:${smtp.port}`,
        ENGAGEMENT_EMAIL_FROM: 'Demo Brand <hello@demo-brand.example>',
      },
      // Four in the afternoon in New York, the demo brand's (and its customers') timezone: outside
      // quiet hours whenever the suite runs.
      { clock: { now: () => new Date(Date.now() + afternoonOffset) } },
    );
    runtime = web.runtime;
    // Two scored customers (the nightly job's rows) with the names and emails of their orders;
    // Ada buys again after the campaign.
    const { deps } = runtime.embedded;
    const ctx = systemContext(DEMO_TENANT, 'test');
    const rows = customerAnalyticsRows(DEMO_BRAND);
    await deps.warehouse.replaceRange(
      ctx,
      'customer_predictions',
      { brandId: DEMO_BRAND, from: localDate('2026-01-01'), to: localDate('2026-11-19') },
      rows.predictions,
    );
    const today = runtime.embedded.deps.clock.now().toISOString().slice(0, 10);
    const order = (
      id: string,
      customer: string,
      day: string,
      minor: number,
      email: string,
      name: string,
    ) => ({
      ...orderRow({
        brandId: DEMO_BRAND,
        orderId: id,
        customerId: customer,
        date: localDate(day),
        totalMinor: minor,
      }),
      email,
      customer_name: name,
    });
    await deps.warehouse.replaceRange(
      ctx,
      'orders',
      { brandId: DEMO_BRAND, from: localDate('2026-09-01'), to: localDate(today) },
      [
        order('o1', 'cust-1', '2026-09-01', 5_000, 'ada@example.com', 'Ada Lovelace'),
        order('o2', 'cust-2', '2026-10-10', 3_000, 'grace@example.com', 'Grace Hopper'),
        order('o3', 'cust-1', today, 12_345, 'ada@example.com', 'Ada Lovelace'),
      ],
    );
    const consent = createConsentStore({ db: deps.documents, clock: deps.clock });
    const scope = { ctx, brandId: DEMO_BRAND };
    for (const email of ['ada@example.com', 'grace@example.com'])
      await consent.set(scope, 'email', email, 'opted_in', 'checkout');
    token = await issueLocalToken(runtime.embedded.authKey, {
      tenantId: DEMO_TENANT,
      uid: `local:${DEMO_TENANT}:owner`,
      role: 'owner',
      now: runtime.embedded.deps.clock.now(),
    });

    browser = await launchChromium();
    ({ page, errors } = await signInToDemo(browser, runtime.url));
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await web?.close();
    await smtp?.close();
  });

  const shoot = (name: string) => shootBothSizes(page, `engagement-${name}`);

  /** The next `method` request to a path ending in `path` fails as an overloaded server's would; later ones go through. */
  const failedOnPurpose: string[] = [];
  async function failNext(method: string, path: RegExp) {
    let failed = false;
    await page.route(
      (url) => path.test(url.pathname),
      async (route) => {
        if (failed || route.request().method() !== method) return route.fallback();
        failed = true;
        failedOnPurpose.push(route.request().url());
        await route.fulfill({
          status: 503,
          contentType: 'application/json',
          body: JSON.stringify({ error: { code: 'unavailable', message: 'Service unavailable' } }),
        });
      },
    );
  }
  /** A form's failed line (FormStatus): an alert in the error style, in the merchant's words. */
  const failedLine = () =>
    page.locator('.form-error[role="alert"]', {
      hasText: 'The server had a problem. Try again in a moment.',
    });

  it('creates a win-back campaign with its live audience, previews it for a real customer and sends it', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Engagement' }).click();
    await page.getByRole('heading', { name: 'Engagement', level: 1 }).waitFor();
    await page.getByText('No campaign yet.').waitFor();
    await page.getByLabel('Audience').selectOption('');
    await page.getByText('2 customers in this audience').waitFor();
    await page.getByLabel('Name').fill('Win-back: we miss you');
    await page.getByLabel('Subject (email)').fill('We miss you, {{first_name|friend}}');
    await page.getByLabel('Message').fill('Come back for 15% off with code COMEBACK15.');
    await page.getByLabel(/Holdout/).fill('0');
    await failNext('POST', /\/engagement\/campaigns$/);
    await page.getByRole('button', { name: 'Create draft' }).click();
    await failedLine().waitFor();
    await page.getByRole('button', { name: 'Create draft' }).click();
    await page.getByRole('heading', { name: 'Win-back: we miss you', level: 1 }).waitFor();
    await page.getByText('We miss you, Ada').waitFor();

    // The test send's lines: a failure as an alert, then the done line in its place.
    await page.getByLabel('Send a test to').fill('owner@demo-brand.example');
    await failNext('POST', /\/test-send$/);
    await page.getByRole('button', { name: 'Send test' }).click();
    await failedLine().waitFor();
    await page.getByRole('button', { name: 'Send test' }).click();
    await page
      .locator('.notice[role="status"]', { hasText: 'Test sent to owner@demo-brand.example.' })
      .waitFor();
    expect(await failedLine().count()).toBe(0);
    await shoot('campaign-draft');

    await page.getByRole('button', { name: 'Send to 2 customers' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Send' }).click();
    await page.locator('.notice[role="status"]', { hasText: 'Sending has started.' }).waitFor();
    const customers = () => smtp.received.flatMap((m) => m.to).filter((to) => !to.includes('demo-brand'));
    await expect
      .poll(() => customers().sort(), { timeout: 10_000 })
      .toEqual(['ada@example.com', 'grace@example.com']);
  });

  it('shows the results with names, money in dollars and the holdout beside the treated group', async () => {
    await expect
      .poll(
        async () => {
          const res = await fetch(`${runtime.url}/api/brands/${DEMO_BRAND}/engagement/campaigns`, {
            headers: { authorization: `Bearer ${token}` },
          });
          return ((await res.json()) as { campaigns: Array<{ status: string }> }).campaigns[0]?.status;
        },
        { timeout: 10_000 },
      )
      .toBe('sent');
    await page.reload();
    await page.getByRole('heading', { name: 'Results' }).waitFor();
    const table = page.getByRole('table', { name: 'Results by group' });
    await table.waitFor();
    const text = (await table.textContent()) ?? '';
    expect(text).toContain('Message');
    expect(text).toContain('Holdout (sent nothing)');
    expect(text).toContain('$123.45');
    expect(text).not.toMatch(/cust-1|12345/);
    await shoot('campaign-results');
  });

  it('builds an automation whose steps show as a flow, and pauses it', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Engagement' }).click();
    await page.getByRole('tab', { name: 'Automations' }).click();
    await page.getByText('No automation yet.').waitFor();
    const form = page.locator('form.engagement-form');
    await form.getByLabel('Name').fill('Cart abandonment');
    await form.getByLabel('Subject').fill('You left something behind');
    await form.getByLabel('Message').fill('Your cart is saved, {{first_name|there}}.');
    await form.getByRole('button', { name: 'Add a step' }).click();
    await form.getByLabel('Wait, hours').nth(1).fill('24');
    await form.getByLabel('Message').nth(1).fill('Still thinking it over?');
    await failNext('POST', /\/engagement\/automations$/);
    await page.getByRole('button', { name: 'Create automation' }).click();
    await failedLine().waitFor();
    await page.getByRole('button', { name: 'Create automation' }).click();
    const card = page.locator('li.card', { hasText: 'Cart abandonment' });
    await card.waitFor();
    expect(await card.locator('.flow > li').allTextContents()).toEqual([
      'When Checkout started and not completed (cart abandonment)',
      'Wait 1 h, then send EmailYou left something behind',
      'Wait 1 d, then send EmailStill thinking it over?',
      'Stops as soon as the customer orders',
    ]);
    await failNext('POST', /\/pause$/);
    await card.getByRole('button', { name: 'Pause' }).click();
    await failedLine().waitFor();
    await card.getByRole('button', { name: 'Pause' }).click();
    await card.getByText('Paused').waitFor();
    expect(await failedLine().count()).toBe(0);
    await shoot('automations');
  });

  it('lists what was sent in the outbox, by address and status', async () => {
    await page.getByRole('tab', { name: 'Outbox' }).click();
    const table = page.getByRole('table', { name: 'Outbox' });
    await table.waitFor();
    const text = (await table.textContent()) ?? '';
    expect(text).toContain('grace@example.com');
    expect(text).toContain('We miss you, Grace');
    expect(text).toContain('Sent');
    await shoot('outbox');
    // The browser logs each 503 this suite sent on purpose; nothing else may show.
    expect(errors.filter((e) => !failedOnPurpose.some((url) => e.endsWith(`@ ${url}`)))).toEqual([]);
    expect(failedOnPurpose).toHaveLength(4);
  });
});
