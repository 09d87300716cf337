import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../infra/local/runtime';
import { DEMO_BRAND, DEMO_TENANT } from '../../infra/local/seed';
import { createResolveIdentitiesJob } from '../../shared/customers/identity/resolve-identities';
import { createIdentityResolver } from '../../shared/customers/identity/resolver';
import { systemContext } from '../../shared/domain/tenancy';
import { localDate } from '../../shared/domain/time';
import { anOrderRow } from '../support/builders';
import { anEventRow, plantedClusterOfFour } from '../support/identity-records';
import { launchChromium, seriousA11yViolations } from './browser';
import { SCREENSHOTS, signInToDemo, startWebRuntime, type WebRuntime } from './web-runtime';

/** Customer search, the 360 page and the review queue in Chromium, on a desktop and a phone. */
const VIEWPORTS = [
  { name: 'desktop', width: 1440, height: 900 },
  { name: 'phone', width: 390, height: 844 },
] as const;

describe('customers in the web app', () => {
  let web: WebRuntime;
  let runtime: LocalRuntime;
  let browser: Browser;

  beforeAll(async () => {
    web = await startWebRuntime();
    runtime = web.runtime;
    const backend = runtime.embedded.deps;
    const ctx = systemContext(DEMO_TENANT, 'e2e-seed');
    const scope = { ctx, brandId: DEMO_BRAND };
    await backend.warehouse.ensureTenant(ctx);
    const day = localDate('2026-11-02');
    await backend.warehouse.replaceRange(
      ctx,
      'events',
      { brandId: DEMO_BRAND, from: localDate('2026-11-01'), to: day },
      [
        anEventRow(DEMO_BRAND, 'w-1', '2026-11-01T09:00:00Z', {
          type: 'product_viewed',
          clientId: 'cid-maya',
          productId: 'gid://shopify/Product/101',
          properties: { product_type: 'Running shoes' },
        }),
        anEventRow(DEMO_BRAND, 'w-2', '2026-11-01T09:04:00Z', {
          type: 'product_added_to_cart',
          clientId: 'cid-maya',
          productId: 'gid://shopify/Product/102',
          identifiers: [{ kind: 'email', value: 'maya.patel@example.com' }],
          person: { first_name: 'Maya', last_name: 'Patel', city: 'Austin' },
          properties: { product_type: 'Running shoes' },
        }),
        anEventRow(DEMO_BRAND, 'w-3', '2026-11-02T17:30:00Z', {
          type: 'store_visit',
          source: 'pos',
          identifiers: [
            { kind: 'phone', value: '(512) 555-0147' },
            { kind: 'email', value: 'maya.patel@example.com' },
          ],
        }),
      ],
    );
    await backend.warehouse.replaceRange(
      ctx,
      'orders',
      { brandId: DEMO_BRAND, from: day, to: day, match: { email: 'maya.patel@example.com' } },
      [
        anOrderRow(DEMO_BRAND, 'gid://shopify/Order/990001', '2026-11-02', 12900, {
          email: 'maya.patel@example.com',
          order_number: '#9001',
        }),
      ],
    );
    await createResolveIdentitiesJob({ ...backend, db: backend.documents, brands: backend.store.brands })({
      tenantId: DEMO_TENANT,
      brandId: DEMO_BRAND,
      idempotencyKey: 'seed',
      eventIds: ['w-1', 'w-2', 'w-3'],
    });
    const resolver = createIdentityResolver({ db: backend.documents, clock: backend.clock });
    for (const record of plantedClusterOfFour()) await resolver.resolve(scope, record);
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await web?.close();
  });

  const signedIn = (viewport: (typeof VIEWPORTS)[number]) =>
    signInToDemo(browser, runtime.url, { width: viewport.width, height: viewport.height });

  async function checkpoint(page: Page, name: string) {
    await page.waitForFunction(() => document.querySelectorAll('.state.loading').length === 0);
    await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
    expect(await seriousA11yViolations(page), `axe on ${name}`).toEqual([]);
  }

  for (const viewport of VIEWPORTS) {
    it(`finds a customer by phone and shows their 360 (${viewport.name})`, async () => {
      const { page, errors } = await signedIn(viewport);
      await page.goto(`${runtime.url}/brands/${DEMO_BRAND}/customers`);
      await page.getByLabel('Email, phone or name').fill('512-555-0147');
      await page.getByRole('button', { name: 'Search' }).click();
      // The search's own results: the list of every customer below the search holds her too.
      const found = page
        .getByRole('region', { name: 'Matching customers' })
        .getByRole('link', { name: 'Maya Patel' });
      await found.waitFor();
      await checkpoint(page, `customers-search-${viewport.name}`);
      await found.click();
      await page.getByRole('heading', { name: 'Maya Patel' }).waitFor();
      expect(await page.textContent('main')).toContain('$129.00');
      expect(await page.textContent('main')).toContain('+1 512-555-0147');
      expect(await page.textContent('main')).toContain('Running shoes');
      // No nightly run in this world: the prediction card says so instead of showing zeros.
      expect(await page.textContent('main')).toContain('Not yet computed');
      await checkpoint(page, `customer-360-${viewport.name}`);
      expect(errors).toEqual([]);
      await page.context().close();
    }, 60_000);
  }

  it('shows the review queue on a phone', async () => {
    const { page, errors } = await signedIn(VIEWPORTS[1]);
    await page.goto(`${runtime.url}/brands/${DEMO_BRAND}/customer-reviews`);
    await page.getByRole('heading', { name: '4 profiles' }).waitFor();
    await checkpoint(page, 'customer-reviews-phone');
    expect(errors).toEqual([]);
    await page.context().close();
  }, 60_000);

  it('lists the cluster of four for review and merges it when the owner approves', async () => {
    const { page, errors } = await signedIn(VIEWPORTS[0]);
    await page.goto(`${runtime.url}/brands/${DEMO_BRAND}/customer-reviews`);
    await page.getByRole('heading', { name: '4 profiles' }).waitFor();
    await checkpoint(page, 'customer-reviews-desktop');
    await page.getByRole('button', { name: 'Merge' }).click();
    await page.getByText('Nothing to review.').waitFor();
    expect(errors).toEqual([]);
    await page.context().close();
  }, 60_000);
});
