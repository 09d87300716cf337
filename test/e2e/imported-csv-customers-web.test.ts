import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CustomerListResponse, SegmentsResponse } from '../../shared/api/schemas/customers';
import { fixture } from '../support/imports';
import { launchChromium } from './browser';
import { getJson } from './demo-ready';
import { runQueuedJobs } from './imported-store';
import {
  ownerToken,
  poster,
  shootBothSizes,
  signInToDemo,
  startWebRuntime,
  type WebRuntime,
} from './web-runtime';

const BRAND = 'csv-store';
// The export's buyers by Billing Name; #1044 (Camille Martin) is cancelled, so three customers.
const NAMES = ['Ava Chen', 'Lucía Ramírez', 'Noah Tremblay'];

/**
 * A store whose only data is Shopify's admin orders CSV export (emails, billing names, no customer
 * id), in a browser after the import's customers refresh (decision 1011): the Customers page lists
 * its buyers by name, Segments & LTV groups them, and an engagement audience counts them.
 */
describe('an orders-CSV store’s customers in a browser', () => {
  let web: WebRuntime;
  let browser: Browser;
  let token: string;

  beforeAll(async () => {
    web = await startWebRuntime();
    token = await ownerToken(web.runtime, 'csv-customers-e2e');
    const post = poster(web.runtime.url, token);
    await post('/api/brands', {
      id: BRAND,
      name: 'Pulse Outdoor',
      shopDomain: 'pulse-outdoor.myshopify.com',
      currency: 'USD',
      timezone: 'America/New_York',
    });
    await post(`/api/brands/${BRAND}/imports`, {
      source: 'shopify',
      files: [fixture('valid/shopify-orders-export.csv')],
    });
    // The refresh the import queued waits out its debounce window; the test runs it now.
    await runQueuedJobs(web.runtime, BRAND, 'csv-customers-e2e');
    browser = await launchChromium();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await web?.close();
  });

  it('lists the buyers by name, groups them in Segments & LTV and counts them in an audience', async () => {
    const base = `/api/brands/${BRAND}`;
    const segments = await getJson<SegmentsResponse>(
      web.runtime.url,
      token,
      `${base}/customer-analytics/segments`,
    );
    expect(segments.model?.customers).toBe(3);
    const listed = await getJson<CustomerListResponse>(web.runtime.url, token, `${base}/customer-list`);
    expect(listed.rows.map((r) => r.name).sort()).toEqual(NAMES);

    const { context, page, errors } = await signInToDemo(browser, web.runtime.url);
    await page.goto(`${web.runtime.url}/brands/${BRAND}/customers`);
    const table = page.getByRole('table', { name: 'Customers' });
    await table.waitFor();
    for (const name of NAMES) await expect(table.getByText(name).count()).resolves.toBe(1);
    await shootBothSizes(page, 'csv-store-customers');

    await page.goto(`${web.runtime.url}/brands/${BRAND}/customer-value`);
    await page.getByRole('table', { name: 'Customer segments' }).waitFor();
    await expect(page.getByText('None of the orders so far').count()).resolves.toBe(0);
    await shootBothSizes(page, 'csv-store-customer-value');

    await page.goto(`${web.runtime.url}/brands/${BRAND}/engagement`);
    await page.getByLabel('Audience').selectOption({ label: 'Every customer' });
    await page.getByText('3 customers in this audience (before consent).').waitFor();
    await shootBothSizes(page, 'csv-store-engagement');
    expect(errors).toEqual([]);
    await context.close();
  }, 180_000);
});
