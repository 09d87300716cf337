import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEngagement } from '../../infra/compose/engagement';
import { runEngagementDemo } from '../../infra/local/engagement-demo';
import { DEMO_BRAND, DEMO_TENANT } from '../../infra/local/seed';
import { connectDemoBrandToShopify } from '../../infra/sandbox/shopify/connect-demo';
import { customerGid } from '../../infra/sandbox/shopify/model';
import { type ShopifySandbox, startShopifySandbox } from '../../infra/sandbox/shopify/server';
import { WORLD_READERS } from '../../infra/sandbox/smtp/readers';
import { type SmtpSandbox, startSmtpSandbox } from '../../infra/sandbox/smtp/server';
import { issueLocalToken } from '../../shared/adapters/embedded/local-identity';
import { orderRow } from '../../shared/customers/test-store';
import { utmSlug } from '../../shared/domain/engagement/links';
import { systemContext } from '../../shared/domain/tenancy';
import { addDays, localDate, toLocalDate } from '../../shared/domain/time';
import { createConsentStore } from '../../shared/engagement/consent';
import { requestSync } from '../../shared/platforms/sync-requests';
import { launchChromium } from './browser';
import { getJson, waitFor } from './demo-ready';
import { shootBothSizes, signInToDemo, startWebRuntime, type WebRuntime } from './web-runtime';

/**
 * The demo's win-back campaign (infra/local/engagement-demo.ts) over the real runtime and the SMTP
 * sandbox with its readers (decision 989): the world's people open and click over HTTP, the
 * product's receivers mark the sends, and the campaign's results show opens and clicks, equal to
 * what the send records say — the product's own count, not the sandbox's. A click's redirect takes
 * the reader to the Shopify sandbox's store, where the world's buyers place an order (decision
 * 1003); the product's sync brings it in with its journey, and its results count it among the
 * orders from links by their own rule.
 */
const CUSTOMERS = 400;
/** The store's customer number of planted shopper `i` (their warehouse customer id is its gid). */
const legacyIdOf = (i: number) => 8_000_000_000 + i;

interface VariantResult {
  name: string;
  sent: number;
  opened: number | null;
  clicked: number;
  fromLinks: { orders: number; revenueMinor: number };
}

describe('the demo campaign’s opens and clicks', () => {
  let web: WebRuntime;
  let smtp: SmtpSandbox;
  let shopify: ShopifySandbox;
  let browser: Browser;
  let page: Page;
  let token: string;

  beforeAll(async () => {
    // The demo's readers, an hour of theirs a second here (the demo: 20 s). Half of the clickers
    // buy (the world's 3.34 % is checked in the readers' own test), so 400 people give orders.
    smtp = await startSmtpSandbox({
      readers: {
        timeScale: 1 / 3600,
        habits: { ...WORLD_READERS, buyShareOfClicks: 0.5 },
        shop: async (visit) => {
          if (visit.buys) await shopify.checkout(visit);
        },
      },
    });
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
    // The shop (a small one) knows the planted shoppers as its customers; the demo brand is
    // connected to it and its backfill is in before the campaign.
    shopify = await startShopifySandbox({
      endDate: yesterday,
      seedOrdersScale: 0.01,
      webhookClock: () => Date.now(),
    });
    shopify.addCustomers(
      Array.from({ length: CUSTOMERS }, (_, i) => ({
        legacyId: legacyIdOf(i),
        email: `shopper.${i}@example.com`,
        firstName: `Shopper${i}`,
        lastName: 'Demo',
      })),
    );
    await connectDemoBrandToShopify(deps, shopify.url);
    const shopSynced = async () =>
      (await deps.store.integrations.getPlatform(ctx, DEMO_BRAND, 'shopify'))?.lastSyncAt;
    await waitFor('the Shopify backfill', 120_000, async () => Boolean(await shopSynced()));
    const rows = [];
    for (let i = 0; i < CUSTOMERS; i++) {
      const days = i % 2 === 1 ? [-10] : i % 6 === 0 ? [-100, -60, 3] : [-100, -60];
      for (const [k, d] of days.entries())
        rows.push({
          ...orderRow({
            brandId: DEMO_BRAND,
            orderId: `o-${i}-${k}`,
            customerId: customerGid(legacyIdOf(i)),
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
    // The hourly sync, now: the orders the readers placed come in with their journeys.
    const before = await shopSynced();
    await requestSync(deps, ctx, DEMO_BRAND, 'shopify', 'incremental');
    await waitFor('the incremental Shopify sync', 120_000, async () => (await shopSynced()) !== before);
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
    await shopify?.close();
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
    expect(
      smtp.readers!.log.filter((a) => a.kind !== 'visit').every((a) => a.status === 200 || a.status === 302),
    ).toBe(true);
  });

  it('counts the orders the readers placed at the shop as orders from links, by the product’s own rule', async () => {
    const results = await getJson<{ variants: VariantResult[]; treated: { revenueMinor: number } }>(
      web.runtime.url,
      token,
      `/api/brands/${DEMO_BRAND}/engagement/campaigns/cmp_demo_winback/results`,
    );
    const fromLinks = results.variants.reduce((s, v) => s + v.fromLinks.orders, 0);
    const linkRevenue = results.variants.reduce((s, v) => s + v.fromLinks.revenueMinor, 0);
    // The world's buyers: readers whose click led to the shop and who bought there.
    const buyers = smtp.readers!.log.filter((a) => a.kind === 'visit' && a.status === 'ordered');
    expect(buyers.length).toBeGreaterThan(0);
    expect(fromLinks).toBe(buyers.length);
    // Independently of the results code: the synced orders whose converting visit carries the
    // campaign's tags, each placed by one of those buyers.
    const { deps } = web.runtime.embedded;
    const rows = await deps.warehouse.query<{ email: string; total_minor: number; landing_site: string }>(
      systemContext(DEMO_TENANT, 'test'),
      `SELECT o.email AS email, o.total_minor AS total_minor, t.landing_page AS landing_site
       FROM {{orders}} o JOIN {{touchpoints}} t ON t.brand_id = o.brand_id AND t.order_id = o.order_id
       WHERE o.brand_id = @brand AND t.utm_source = 'pulsepoint' AND t.utm_campaign = @campaign`,
      { brand: DEMO_BRAND, campaign: utmSlug('Win-back: we miss you') },
    );
    expect(rows.length).toBe(fromLinks);
    expect(new Set(rows.map((r) => r.email))).toEqual(new Set(buyers.map((b) => b.to)));
    expect(rows.reduce((s, r) => s + Number(r.total_minor), 0)).toBe(linkRevenue);
    // The landing page is the redirect's target with the tags the sender put on it.
    for (const r of rows) expect(new URL(r.landing_site).searchParams.get('utm_medium')).toBe('email');
    // The buyers were treated customers: their orders are in the treated group's revenue too.
    expect(results.treated.revenueMinor).toBeGreaterThanOrEqual(linkRevenue);
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
