import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_BRAND, DEMO_TENANT } from '../../infra/local/seed';
import { undeclaredEvidence } from '../../shared/domain/evidence';
import { systemContext } from '../../shared/domain/tenancy';
import { launchChromium } from './browser';
import { backfillAndAttribute, waitFor } from './demo-ready';
import { textProblems } from './page-text';
import { shootBothSizes, signInToDemo, startWebRuntime, type WebRuntime } from './web-runtime';

/**
 * The evidence under every recommendation and alert of the demo, as the merchant reads it: each
 * value formatted by the unit its rule declared (decision 997), labels in words, never a raw key.
 */

/** Every evidence row on the page as "label: value". */
const evidenceText = (page: Page) =>
  page
    .locator('dl.evidence > div')
    .evaluateAll((rows) =>
      rows.map((r) => `${r.querySelector('dt')?.textContent}: ${r.querySelector('dd')?.textContent}`),
    );

/** What a raw key, an unformatted amount or a unit word would look like in a row. */
function rawProblems(rows: readonly string[]): string[] {
  return rows.filter(
    (row) =>
      /_|\bminor\b|\bpct\b|\bmicros\b/i.test(row) ||
      // A bare integer of five digits or more is an amount left in minor units.
      /: -?\d{5,}$/.test(row),
  );
}

describe('recommendation and alert evidence in a browser', () => {
  let web: WebRuntime;
  let browser: Browser;

  beforeAll(async () => {
    web = await startWebRuntime({ PULSEPOINT_SANDBOXES: 'true' });
    const { deps } = web.runtime.embedded;
    const ctx = systemContext(DEMO_TENANT, 'test');
    await backfillAndAttribute(web.runtime, ['shopify', 'meta', 'tiktok'], 480_000);
    await waitFor('recommendations and alerts', 120_000, async () => {
      const recs = await deps.store.recommendations.listByStatus(ctx, DEMO_BRAND, { status: 'open' });
      const alerts = await deps.store.alerts.listByStatus(ctx, DEMO_BRAND, { status: 'open' });
      return recs.length > 0 && alerts.length > 0;
    });
    browser = await launchChromium();
  }, 660_000);

  afterAll(async () => {
    await browser?.close();
    await web?.close();
  });

  it('stores each record with a declaration of every key its rule wrote', async () => {
    const { deps } = web.runtime.embedded;
    const ctx = systemContext(DEMO_TENANT, 'test');
    const records = [
      ...(await deps.store.recommendations.listByStatus(ctx, DEMO_BRAND, { status: 'open' })),
      ...(await deps.store.alerts.listByStatus(ctx, DEMO_BRAND, {})),
    ];
    const undeclared = records.flatMap((r) =>
      undeclaredEvidence(r.evidence, r.evidenceUnits ?? {}).map((k) => `${r.type}.${k}`),
    );
    expect(undeclared).toEqual([]);
  });

  it.each([
    ['recommendations', 'Recommendations', 'article.rec'],
    ['alerts', 'Alerts', 'article.alert'],
  ])('shows the %s page’s evidence in the units its rules declared', async (name, link, card) => {
    const { context, page, errors } = await signInToDemo(browser, web.runtime.url);
    await page.getByRole('link', { name: link, exact: true }).first().click();
    await page.locator(card).first().waitFor();
    await shootBothSizes(page, `evidence-${name}`);
    const rows = await evidenceText(page);
    expect(rows.length, `${name} evidence rows`).toBeGreaterThan(0);
    expect(rawProblems(rows)).toEqual([]);
    expect(textProblems(rows.join('\n'))).toEqual([]);
    // Money reads as money somewhere on each page: "$3,479.23".
    expect(rows.some((r) => /: -?\$[\d,]+\.\d\d$/.test(r))).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  });
});
