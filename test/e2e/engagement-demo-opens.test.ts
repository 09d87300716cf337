import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEngagement } from '../../infra/compose/engagement';
import { runEngagementDemo } from '../../infra/local/engagement-demo';
import { DEMO_BRAND, DEMO_TENANT } from '../../infra/local/seed';
import { type SmtpSandbox, startSmtpSandbox } from '../../infra/sandbox/smtp/server';
import { issueLocalToken } from '../../shared/adapters/embedded/local-identity';
import { orderRow } from '../../shared/customers/test-store';
import { systemContext } from '../../shared/domain/tenancy';
import { addDays, localDate, toLocalDate } from '../../shared/domain/time';
import { createConsentStore } from '../../shared/engagement/consent';
import { launchChromium } from './browser';
import { getJson } from './demo-ready';
import { shootBothSizes, signInToDemo, startWebRuntime, type WebRuntime } from './web-runtime';

/**
 * The demo's win-back campaign (infra/local/engagement-demo.ts) over the real runtime and the SMTP
 * sandbox with its readers (decision 989): the world's people open and click over HTTP, the
 * product's receivers mark the sends, and the campaign's results show opens and clicks, equal to
 * what the send records say — the product's own count, not the sandbox's.
 */
const CUSTOMERS = 400;

interface VariantResult {
  name: string;
  sent: number;
  opened: number | null;
  clicked: number;
}

describe('the demo campaign’s opens and clicks', () => {
  let web: WebRuntime;
  let smtp: SmtpSandbox;
  let browser: Browser;
  let page: Page;
  let token: string;

  beforeAll(async () => {
    // The demo's readers, an hour of theirs a second here (the demo: 20 s).
    smtp = await startSmtpSandbox({ readers: { timeScale: 1 / 3600 } });
    web = await startWebRuntime({
      SMTP_URL: `smtp://${smtp.host}:${smtp.port}`,
      ENGAGEMENT_EMAIL_FROM: 'Demo Brand <hello@demo-brand.example>',
      ENGAGEMENT_RATE_PER_SECOND: '1000',
    });
    const { deps } = web.runtime.embedded;
    const ctx = systemContext(DEMO_TENANT, 'test');
    const scope = { ctx, brandId: DEMO_BRAND };
    // Half the customers lapsed on the campaign's send day (two orders 100 and 60 days before
    // it), a third of those coming back 3 days after it; half bought 10 days before it. All ticked
    // the marketing box at checkout.
    const yesterday = addDays(toLocalDate(deps.clock.now(), 'America/New_York'), -1);
    const sendDay = addDays(yesterday, -21);
    const rows = [];
    for (let i = 0; i < CUSTOMERS; i++) {
      const days = i % 2 === 1 ? [-10] : i % 6 === 0 ? [-100, -60, 3] : [-100, -60];
      for (const [k, d] of days.entries())
        rows.push({
          ...orderRow({
            brandId: DEMO_BRAND,
            orderId: `o-${i}-${k}`,
            customerId: `cust-${i}`,
            date: addDays(sendDay, d),
            totalMinor: 4_000,
          }),
          email: `shopper.${i}@example.com`,
          customer_name: `Shopper${i} Demo`,
        });
    }
    await deps.warehouse.replaceRange(
      ctx,
      'orders',
      { brandId: DEMO_BRAND, from: localDate('2026-01-01'), to: yesterday },
      rows,
    );
    const consent = createConsentStore({ db: deps.documents, clock: deps.clock });
    for (let i = 0; i < CUSTOMERS; i++)
      await consent.set(scope, 'email', `shopper.${i}@example.com`, 'opted_in', 'checkout');

    await runEngagementDemo(deps, DEMO_TENANT, DEMO_BRAND);
    await smtp.readers!.settled();
    token = await issueLocalToken(web.runtime.embedded.authKey, {
      tenantId: DEMO_TENANT,
      uid: `local:${DEMO_TENANT}:owner`,
      role: 'owner',
      now: deps.clock.now(),
    });
    browser = await launchChromium();
    ({ page } = await signInToDemo(browser, web.runtime.url));
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await web?.close();
    await smtp?.close();
  });

  it('shows opens and clicks equal to the send records the tracking receivers marked', async () => {
    const results = await getJson<{ variants: VariantResult[] }>(
      web.runtime.url,
      token,
      `/api/brands/${DEMO_BRAND}/engagement/campaigns/cmp_demo_winback/results`,
    );
    const opened = results.variants.reduce((s, v) => s + (v.opened ?? 0), 0);
    const clicked = results.variants.reduce((s, v) => s + v.clicked, 0);
    expect(opened).toBeGreaterThan(0);
    expect(clicked).toBeGreaterThan(0);

    const { deps } = web.runtime.embedded;
    const engagement = buildEngagement(deps);
    const scope = { ctx: systemContext(DEMO_TENANT, 'test'), brandId: DEMO_BRAND };
    const sends = await engagement.outbox(scope, { sourceKey: 'campaign:cmp_demo_winback', limit: 1000 });
    await engagement.close();
    expect(opened).toBe(sends.filter((s) => s.opened).length);
    expect(clicked).toBe(sends.filter((s) => s.clicked).length);
    // Each marked send is a reader whose request reached the app and was answered: the image
    // (200) or the redirect to the shop (302), never a 404.
    const answered = (kind: 'open' | 'click', status: number) =>
      new Set(smtp.readers!.log.filter((a) => a.kind === kind && a.status === status).map((a) => a.to));
    expect(new Set(sends.filter((s) => s.opened).map((s) => s.to))).toEqual(answered('open', 200));
    expect(new Set(sends.filter((s) => s.clicked).map((s) => s.to))).toEqual(answered('click', 302));
    expect(smtp.readers!.log.every((a) => a.status === 200 || a.status === 302)).toBe(true);
  });

  it('puts them on the campaign’s results page, at both sizes', async () => {
    await page.goto(`${web.runtime.url}/brands/${DEMO_BRAND}/engagement/campaigns/cmp_demo_winback`);
    await page.getByRole('heading', { name: 'Win-back: we miss you', level: 1 }).waitFor();
    const table = page.getByRole('table', { name: 'Results by group' });
    await table.waitFor();
    const text = (await table.textContent()) ?? '';
    expect(text).toContain('15% off');
    expect(text).toContain('Free shipping');
    await shootBothSizes(page, 'engagement-demo-campaign-results');
  });
});
