import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { build } from 'vite';

/**
 * Browser plumbing for the end-to-end tests: Debian's Chromium through playwright-core (CI
 * installs the `chromium` package; nothing is downloaded), the web app built with Vite's JS API,
 * console-error capture and an axe-core audit per page.
 */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

export async function buildWebApp(outDir: string): Promise<void> {
  await build({
    configFile: join(process.cwd(), 'web', 'vite.config.ts'),
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true, sourcemap: false },
  });
}

/** Everything the page logs as an error or throws, so a test can require there was none. */
export function captureConsoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`${msg.text()} @ ${msg.location().url}`);
  });
  page.on('pageerror', (err) => errors.push(`uncaught: ${err.message}`));
  return errors;
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/** axe-core's WCAG A/AA rules on the current page; returns the serious and critical violations. */
export async function seriousA11yViolations(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, o: unknown) => Promise<AxeRun> } }).axe;
    interface AxeRun {
      violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[];
    }
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.map((n) => n.target.map(String).join(' ')),
    }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/**
 * After a sign-in click: the session is stored and the app's first page has its title. The sign-in
 * page has a `main h1` of its own, so waiting for a title alone can return before the session exists
 * (a test then sends `Bearer undefined` and gets 401 "malformed token").
 */
export async function signedIn(page: Page): Promise<string> {
  await page.waitForFunction(() =>
    Boolean(JSON.parse(sessionStorage.getItem('pulsepoint.session') ?? '{}').token),
  );
  await page.locator('main.sign-in').waitFor({ state: 'detached' });
  // The page's title: at phone width the main menu is folded behind its button.
  await page.locator('main h1').first().waitFor();
  return page.evaluate(
    () => JSON.parse(sessionStorage.getItem('pulsepoint.session') ?? '{}').token as string,
  );
}
