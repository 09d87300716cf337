import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/**
 * Regions as a merchant reads them (docs/decisions/986-region-names.md): the dashboard's channel ×
 * region chart and its "Open a region" links name each region ("New York, US") and link by its
 * code, and a region's page is titled by the same name. `expected` holds the names a person would
 * write for each code, stated by the test rather than computed by the code under test. Every chart
 * label lies inside its chart; `wraps` names the labels too long for one line, which must be drawn
 * on two, whole, at both sizes.
 */
export async function expectRegionNames(
  page: Page,
  visit: (path: string) => Promise<unknown>,
  dashboard: string,
  expected: Readonly<Record<string, string>>,
  screenshots: string,
  options: { wraps?: readonly string[] } = {},
): Promise<void> {
  const shots: [number, number][] = [
    [1440, 900],
    [390, 844],
  ];
  for (const [width, height] of shots) {
    await page.setViewportSize({ width, height });
    const links = page.locator('.region-links a');
    await visit(dashboard);
    await links.first().waitFor({ timeout: 30_000 });
    const shown = await links.evaluateAll((as) =>
      as.map((a) => ({ text: a.textContent ?? '', href: a.getAttribute('href') ?? '' })),
    );
    const coded = shown.map(({ text, href }) => {
      const code = decodeURIComponent(/\/drilldown\/region\/([^/?#]+)/.exec(href)?.[1] ?? '');
      return { text, href, code };
    });
    expect(coded.length).toBeGreaterThan(0);
    for (const { text, code } of coded) expect(text, `the link to ${code}`).toBe(expected[code]);
    // The chart's labels under every channel's tab: the whole name, on one line or wrapped to two
    // ("New South Wales," / "Australia"), never cut; the label's tooltip is the name too.
    const chart = page.locator('article[aria-labelledby="channels-title"]');
    const tabs = chart.getByRole('tab');
    // Orders whose region is not known (an ad export without regions) are that row, by name.
    const names = [...Object.values(expected), 'Region not known'];
    let labelled = 0;
    const wrapped = new Set<string>();
    for (let t = 0; t < (await tabs.count()); t++) {
      const tab = tabs.nth(t);
      const channel = (await tab.textContent()) ?? '';
      await tab.click();
      await page.waitForFunction(() => document.querySelectorAll('.state.loading').length === 0);
      const labels = await chart.locator('svg text.label').evaluateAll((ts) =>
        ts.map((t) => {
          const lines = [...t.querySelectorAll('tspan')].map((s) => s.textContent ?? '');
          // Drawn on screen, after the SVG is scaled: the label's box within the chart's.
          const box = t.getBoundingClientRect();
          const svg = t.closest('svg')!.getBoundingClientRect();
          const px = (n: number) => `${n.toFixed(1)} px`;
          const outside = [
            box.left < svg.left - 0.5 && `left by ${px(svg.left - box.left)}`,
            box.right > svg.right + 0.5 && `right by ${px(box.right - svg.right)}`,
            box.top < svg.top - 0.5 && `top by ${px(svg.top - box.top)}`,
            box.bottom > svg.bottom + 0.5 && `bottom by ${px(box.bottom - svg.bottom)}`,
          ].filter(Boolean);
          return {
            text: lines.length ? lines.join(' ') : (t.textContent ?? ''),
            lines: Math.max(1, lines.length),
            title: t.parentElement?.querySelector(':scope > title')?.textContent ?? '',
            outside,
          };
        }),
      );
      labelled += labels.length;
      for (const { text, title, lines, outside } of labels) {
        expect(names, `${channel}'s chart label "${text}"`).toContain(text);
        expect(title, `the tooltip of "${text}"`).toBe(text);
        expect(outside, `the edges of "${text}" past the chart at ${width} px`).toEqual([]);
        if (lines > 1) wrapped.add(text);
      }
      if (labels.some((l) => l.lines > 1))
        await chart.screenshot({ path: join(screenshots, `regions-chart-wrapped-${channel}-${width}.png`) });
    }
    expect(labelled).toBeGreaterThan(0);
    for (const name of options.wraps ?? [])
      expect(wrapped.has(name), `"${name}" drawn on two lines at ${width} px`).toBe(true);
    await tabs.first().click();
    await links.first().scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(screenshots, `regions-dashboard-${width}.png`), fullPage: true });
    const first = coded[0]!;
    await visit(first.href);
    await expect(page.locator('main h1').first().textContent()).resolves.toBe(expected[first.code]);
    expect(await page.title()).toContain(expected[first.code]);
    await page.screenshot({ path: join(screenshots, `regions-drilldown-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1440, height: 900 });
}
