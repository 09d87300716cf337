import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_BRAND, DEMO_TENANT } from '../../infra/local/seed';
import { issueLocalToken } from '../../shared/adapters/embedded/local-identity';
import type { CustomerListResponse, SegmentsResponse } from '../../shared/api/schemas/customers';
import { createReresolveIdentitiesJob } from '../../shared/customers/identity/reresolve-identities';
import { createCustomerAnalyticsJob } from '../../shared/customers/job';
import { testStoreRows } from '../../shared/customers/test-store';
import { systemContext } from '../../shared/domain/tenancy';
import { addDays, localDate, toLocalDate } from '../../shared/domain/time';
import type { WarehouseRow } from '../../shared/ports/warehouse';
import { ensureMember } from '../support/members';
import { launchChromium } from './browser';
import { getJson } from './demo-ready';
import {
  DESKTOP,
  PHONE,
  shootBothSizes,
  signInToDemo,
  startWebRuntime,
  type WebRuntime,
} from './web-runtime';

const FIRST = ['Maya', 'Liam', 'Noor', 'Kofi', 'Ines', 'Hana', 'Omar', 'Zoe', 'Ravi', 'Elif'];
const LAST = ['Patel', 'Okafor', 'Silva', 'Nguyen', 'Berg', 'Haddad', 'Kowalski', 'Moreau', 'Tanaka'];

/**
 * The Customers page's list against the Segments & LTV page: 600 store customers with names and
 * emails on their orders, profiles built by the batch identity pass and segments by the nightly
 * job, as the app builds them after a Shopify sync.
 */
describe('the customer list in a browser', () => {
  let web: WebRuntime;
  let browser: Browser;
  let token: string;

  beforeAll(async () => {
    web = await startWebRuntime();
    const { deps } = web.runtime.embedded;
    const ctx = systemContext(DEMO_TENANT, 'e2e-seed');
    const brand = (await deps.store.brands.get(ctx, DEMO_BRAND))!;
    const asOf = addDays(toLocalDate(deps.clock.now(), brand.timezone), -1);
    const orders: WarehouseRow[] = [];
    for (const r of testStoreRows({
      brandId: DEMO_BRAND,
      customers: 600,
      days: 400,
      asOf,
      seed: 15,
      currency: brand.currency,
    })) {
      if (r.table !== 'orders') continue;
      const n = Number(String(r.row.customer_id).slice('cust-'.length));
      const first = FIRST[n % FIRST.length]!;
      const last = LAST[Math.floor(n / FIRST.length) % LAST.length]!;
      orders.push({
        ...r.row,
        customer_id: `gid://shopify/Customer/${7_000 + n}`,
        email: `${first}.${last}.${n}@example.com`.toLowerCase(),
        customer_name: `${first} ${last}`,
      });
    }
    await deps.warehouse.replaceRange(
      ctx,
      'orders',
      { brandId: DEMO_BRAND, from: localDate('2020-01-01'), to: asOf },
      orders,
    );
    const scope = { ctx, brandId: DEMO_BRAND };
    await createReresolveIdentitiesJob({ ...deps, db: deps.documents, brands: deps.store.brands }).reresolve(
      scope,
      'US',
    );
    await createCustomerAnalyticsJob({ ...deps, brands: deps.store.brands }).runBrand(ctx, brand);
    const now = deps.clock.now();
    const member = { tenantId: DEMO_TENANT, role: 'owner' as const, uid: 'customer-list-e2e' };
    await ensureMember(deps.store, member, now);
    token = await issueLocalToken(web.runtime.embedded.authKey, { ...member, now });
    browser = await launchChromium();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await web?.close();
  });

  it('lists as many At risk customers as Segments & LTV counts, and a row opens its Customer 360 with the same revenue', async () => {
    const base = `/api/brands/${DEMO_BRAND}`;
    const segments = await getJson<SegmentsResponse>(
      web.runtime.url,
      token,
      `${base}/customer-analytics/segments`,
    );
    const atRisk = segments.segments.find((s) => s.segment === 'at_risk')!;
    expect(atRisk.customers).toBeGreaterThan(25);
    const listed = await getJson<CustomerListResponse>(
      web.runtime.url,
      token,
      `${base}/customer-list?segment=at_risk`,
    );
    expect(listed.total).toBe(atRisk.customers);

    const { context, page, errors } = await signInToDemo(browser, web.runtime.url);
    await page.goto(`${web.runtime.url}/brands/${DEMO_BRAND}/customers`);
    await page.getByRole('table', { name: 'Customers' }).waitFor();
    await shootBothSizes(page, 'customer-list');

    await page.goto(`${web.runtime.url}/brands/${DEMO_BRAND}/customer-value`);
    const row = page
      .getByRole('table', { name: 'Customer segments' })
      .getByRole('row')
      .filter({
        has: page.getByRole('link', { name: 'At risk', exact: true }),
      });
    await row.waitFor();
    await shootBothSizes(page, 'customer-value');
    const shown = ((await row.getByRole('cell').nth(1).textContent()) ?? '').trim();
    expect(shown).toBe(atRisk.customers.toLocaleString('en-US'));
    await row.getByRole('link', { name: 'At risk', exact: true }).click();
    await page.waitForURL(/\/customers\?segment=at_risk$/);
    const table = page.getByRole('table', { name: 'At risk customers' });
    await table.waitFor();
    await page.getByText(`${shown} customers`, { exact: false }).waitFor();
    await expect(page.getByText(`Rows 1–25 of ${shown}`).count()).resolves.toBe(1);
    await shootBothSizes(page, 'customer-list-at-risk');

    // Sorted by predicted value, then to page 2: the URL carries both.
    await table.getByRole('button', { name: /Predicted 365-day value/ }).click();
    await page.waitForURL(/sort=value_365/);
    await page.getByRole('button', { name: 'Next' }).click();
    await page.waitForURL(/page=2/);
    await page.getByText(`Rows 26–50 of ${shown}`).waitFor();

    const headers = await table.locator('thead th').allTextContents();
    expect(headers.some((h) => h.startsWith('Segment'))).toBe(false); // every row would say At risk
    const first = table.locator('tbody tr').first();
    const revenueAt = headers.findIndex((h) => h.startsWith('Revenue'));
    const revenue = ((await first.getByRole('cell').nth(revenueAt).textContent()) ?? '').trim();
    const name = ((await first.getByRole('link').first().textContent()) ?? '').trim();
    await first.getByRole('link').first().click();
    await page.getByRole('heading', { name, level: 1 }).waitFor();
    await shootBothSizes(page, 'customer-360');
    const kpi = page.locator('.kpi').filter({ hasText: 'Revenue (net of refunds)' });
    expect(((await kpi.locator('.kpi-value').textContent()) ?? '').trim()).toBe(revenue);
    // An old link past the last page offers the first instead of an empty table.
    await page.goto(`${web.runtime.url}/brands/${DEMO_BRAND}/customers?segment=at_risk&page=999`);
    await page.getByText(`Page 999 is past the last: the list has ${shown} customers.`).waitFor();
    await page.getByRole('button', { name: 'First page' }).click();
    await page.getByText(`Rows 1–25 of ${shown}`).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  }, 240_000);

  it('stacks a card per customer on a phone, with nothing to scroll sideways, and offers the segments the campaign audience does', async () => {
    const { context, page, errors } = await signInToDemo(browser, web.runtime.url);
    await page.goto(`${web.runtime.url}/brands/${DEMO_BRAND}/customers`);
    const table = page.getByRole('table', { name: 'Customers' });
    await table.waitFor();
    await page.setViewportSize(PHONE);
    const layout = await table.evaluate((t) => {
      const box = t.closest('.table-wrap')!;
      const row = t.querySelector('tbody tr')!;
      const cells = [...row.querySelectorAll('td')];
      return {
        pageOverflow: document.documentElement.scrollWidth - window.innerWidth,
        boxOverflow: box.scrollWidth - box.clientWidth,
        hint: document.querySelector('.scroll-hint') !== null,
        rowDisplay: getComputedStyle(row).display,
        // Each figure on its label's line: the label (the cell's ::before) and the value.
        labels: cells.slice(1).map((c) => getComputedStyle(c, '::before').content.replaceAll('"', '')),
        cellRight: Math.max(...cells.map((c) => c.getBoundingClientRect().right)),
        headers: [...t.querySelectorAll('thead th')]
          .filter((th) => getComputedStyle(th).display !== 'none')
          .map((th) => th.textContent?.replace(/[↕▲▼]/g, '').trim()),
      };
    });
    expect(layout.pageOverflow).toBeLessThanOrEqual(0);
    expect(layout.boxOverflow).toBeLessThanOrEqual(1);
    expect(layout.hint).toBe(false);
    expect(layout.rowDisplay).toBe('block');
    expect(layout.labels).toEqual(['Revenue', 'Orders', 'Last order', 'Segment', 'Predicted 365-day value']);
    expect(layout.cellRight).toBeLessThanOrEqual(PHONE.width);
    // The sortable headers stay as buttons above the cards, and still sort.
    expect(layout.headers).toEqual(['Revenue', 'Orders', 'Last order', 'Predicted 365-day value']);
    await table.getByRole('button', { name: /Orders/ }).click();
    await page.waitForURL(/sort=orders/);
    await page.setViewportSize(DESKTOP);

    // The select under its label's words (a label's accessible name also holds the chosen option).
    const options = async (label: string) => {
      const select = page
        .locator('label')
        .filter({ has: page.getByText(label, { exact: true }) })
        .locator('select');
      await select.waitFor();
      return select.locator('option').allTextContents();
    };
    const listed = await options('Segment');
    await page.goto(`${web.runtime.url}/brands/${DEMO_BRAND}/engagement`);
    const audience = await options('Audience');
    expect(listed[0]).toBe('All segments');
    expect(audience[0]).toBe('Every customer');
    expect(listed.slice(1)).toEqual(audience.slice(1));
    expect(listed.slice(1)).toContain('At risk');
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);
});
