import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_BRAND, DEMO_TENANT } from '../../infra/local/seed';
import { ALERT_EVIDENCE } from '../../shared/domain/alerts/evidence';
import { type EvidenceDeclaration, undeclaredEvidence } from '../../shared/domain/evidence';
import { OUTCOME_EVIDENCE, RECOMMENDATION_EVIDENCE } from '../../shared/domain/recommendations/evidence';
import { systemContext } from '../../shared/domain/tenancy';
import { keyInWords } from '../../web/src/components/evidence';
import { launchChromium } from './browser';
import { backfillAndAttribute, waitFor } from './demo-ready';
import { showsKeyOrId, textProblems } from './page-text';
import {
  DESKTOP,
  PHONE,
  shootBothSizes,
  signInToDemo,
  startWebRuntime,
  type WebRuntime,
} from './web-runtime';

/**
 * The evidence under every recommendation and alert of the demo, as the merchant reads it: each
 * value formatted by the unit its rule declared (decision 997), under the label its rule wrote
 * (decision 961), never a raw key.
 */

const DECLARATIONS: readonly EvidenceDeclaration[] = [
  ...Object.values(RECOMMENDATION_EVIDENCE).flat(),
  ...Object.values(ALERT_EVIDENCE).flat(),
  OUTCOME_EVIDENCE,
];
/** Every label a rule declares. */
const DECLARED_LABELS = new Set(DECLARATIONS.flatMap((d) => Object.values(d).map((k) => k.label)));
/** The key-in-words guesses that labels replaced ("Half saturation daily"), where they differ. */
const GUESSED_LABELS = new Set(
  DECLARATIONS.flatMap((d) =>
    Object.entries(d)
      .map(([key]) => keyInWords(key))
      .filter((words) => !DECLARED_LABELS.has(words)),
  ),
);
/** What the rules call `spend_window_minor`, the money every spend and stock rule records. */
const SPEND_WINDOW_LABELS = new Set(
  DECLARATIONS.flatMap((d) => (d.spend_window_minor ? [d.spend_window_minor.label] : [])),
);

/** Every evidence label (dt) on the page. */
const evidenceLabels = (page: Page) =>
  page.locator('dl.evidence > div > dt').evaluateAll((dts) => dts.map((dt) => dt.textContent ?? ''));

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

/**
 * The sources table's values that read badly at the page's current width: a value that wraps
 * beside its label in a column under 60 % of the table and under 400 px (half a phone's card makes
 * a tall row of a word or two a line; 400 px holds some fifty characters a line), or a word split
 * across lines. A value under its label, on one line beside it, or wrapping in a wide column, reads.
 */
const cramped = (page: Page) =>
  page.locator('article.answer .tool-call').evaluateAll((calls) => {
    const lines = (range: Range) => new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
    const problems: string[] = [];
    for (const call of calls) {
      const table = call.querySelector('table');
      if (!table) continue;
      const width = table.getBoundingClientRect().width;
      for (const tr of call.querySelectorAll('tr:not(.record)')) {
        const th = tr.querySelector('th');
        const td = tr.querySelector('td');
        if (!th || !td) continue;
        const label = th.getBoundingClientRect();
        const value = td.getBoundingClientRect();
        const all = document.createRange();
        all.selectNodeContents(td);
        const stacked = value.top >= label.bottom - 1;
        if (!stacked && value.width < Math.min(0.6 * width, 400) && lines(all) > 1)
          problems.push(
            `${th.textContent}: ${Math.round(value.width)} of ${Math.round(width)} px, ${lines(all)} lines`,
          );
        // A word is split only where it has a hyphen or a dash of its own.
        const walker = document.createTreeWalker(td, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          for (const word of (node.textContent ?? '').matchAll(/[^\s\-‐–—/]+/g)) {
            const range = document.createRange();
            range.setStart(node, word.index);
            range.setEnd(node, word.index + word[0].length);
            if (lines(range) > 1) problems.push(`${th.textContent}: "${word[0]}" split across lines`);
          }
        }
      }
    }
    return problems;
  });

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
    const unlabelled = records.flatMap((r) =>
      Object.keys(r.evidence)
        .filter((k) => !r.evidenceLabels?.[k])
        .map((k) => `${r.type}.${k}`),
    );
    expect(unlabelled).toEqual([]);
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
    // Every label is one a rule wrote, none is a key turned into words ("Half saturation daily").
    const labels = await evidenceLabels(page);
    expect(labels.filter((l) => !DECLARED_LABELS.has(l))).toEqual([]);
    expect(labels.filter((l) => GUESSED_LABELS.has(l))).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('labels the evidence among the numbers an answer used on the Ask page as the rules do', async () => {
    const { context, page, errors } = await signInToDemo(browser, web.runtime.url);
    await page.getByRole('link', { name: 'Ask', exact: true }).first().click();
    await page.getByLabel('Your question').fill('What do you recommend I do first?');
    await page.getByRole('button', { name: 'Ask', exact: true }).click();
    const answer = page.locator('article.answer').first();
    await answer.waitFor({ timeout: 60_000 });
    await shootBothSizes(page, 'evidence-ask');
    // "Evidence · Units in stock", under the recommendation's title.
    const evidence = (await answer.locator('.tool-call th[scope="row"]').allTextContents())
      .filter((th) => /(^| · )Evidence · /.test(th))
      .map((th) => th.slice(th.lastIndexOf(' · ') + 3));
    expect(evidence.length, 'evidence rows in the answer').toBeGreaterThan(0);
    expect(evidence.filter((l) => !DECLARED_LABELS.has(l))).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it.each([
    ['recommend', 'What do you recommend I do first?'],
    ['stockout', 'Which products are about to stock out while I’m still advertising them?'],
  ])('shows the numbers behind "%s" by record, in words, with no ids or keys', async (name, question) => {
    const { context, page, errors } = await signInToDemo(browser, web.runtime.url);
    await page.getByRole('link', { name: 'Ask', exact: true }).first().click();
    await page.getByLabel('Your question').fill(question);
    const asked = page.waitForResponse((r) => r.url().endsWith('/ask') && r.request().method() === 'POST');
    await page.getByRole('button', { name: 'Ask', exact: true }).click();
    const reply = (await (await asked).json()) as { toolCalls: { output: unknown }[] };
    const answer = page.locator('article.answer').first();
    await answer.waitFor({ timeout: 60_000 });
    await shootBothSizes(page, `ask-sources-${name}`);
    // A call with more values than the table shows at first says so and shows the rest on request.
    const showAll = answer.getByRole('button', { name: 'Show all' });
    for (let n = await showAll.count(); n > 0; n = await showAll.count()) await showAll.first().click();
    const cells = await answer.locator('.tool-call th, .tool-call td').allTextContents();
    expect(cells.length, 'rows in the sources table').toBeGreaterThan(0);
    // Every value, all of them shown, reads at both sizes: no sentence in a sliver of a column, no
    // word split, nothing wider than the page.
    for (const size of [PHONE, DESKTOP]) {
      await page.setViewportSize(size);
      expect(await cramped(page), `values at ${size.width}px`).toEqual([]);
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow, `page overflow at ${size.width}px`).toBeLessThanOrEqual(0);
    }
    // No record id and no key of the app (`reduce_spend`, `stockout_risk`, `last_touch`).
    expect(cells.filter(showsKeyOrId)).toEqual([]);
    // Each record a tool returned is named once, as the heading of its rows, not in every row's
    // label.
    const calls = answer.locator('.tool-call');
    expect(await calls.count()).toBe(reply.toolCalls.length);
    let shown = 0;
    for (const [i, call] of reply.toolCalls.entries()) {
      const titles = Object.values((call.output ?? {}) as Record<string, unknown>).flatMap((list) =>
        Array.isArray(list)
          ? list.flatMap((row: { title?: unknown; name?: unknown }) => {
              const title = row.title ?? row.name;
              return typeof title === 'string' ? [title] : [];
            })
          : [],
      );
      const callCells = await calls.nth(i).locator('th, td').allTextContents();
      const headings = await calls.nth(i).locator('tr.record th').allTextContents();
      for (const title of titles) {
        const naming = callCells.filter((c) => c.includes(title));
        shown++;
        expect(naming, title).toEqual([title]);
        expect(headings, title).toContain(title);
      }
    }
    expect(shown, 'records named in the table').toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('labels the money a rule spent in its window as that rule means it', async () => {
    const { context, page } = await signInToDemo(browser, web.runtime.url);
    await page.getByRole('link', { name: 'Recommendations', exact: true }).first().click();
    await page.locator('article.rec').first().waitFor();
    const labels = await evidenceLabels(page);
    // "Campaign spend in the period" (a budget change) or "Ad spend on it in the period" (a product's).
    expect(labels.filter((l) => SPEND_WINDOW_LABELS.has(l)).length).toBeGreaterThan(0);
    await context.close();
  });
});
