import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { type LocalRuntime, startLocalRuntime } from '../../infra/local/runtime';
import { DEMO_TENANT } from '../../infra/local/seed';
import { issueLocalToken } from '../../shared/adapters/embedded/local-identity';
import { loadConfig } from '../../shared/kernel/config';
import { ensureMember } from '../support/members';
import { buildWebApp, captureConsoleErrors, seriousA11yViolations, signedIn } from './browser';

/**
 * The browser tests' common ground: the real local runtime serving a freshly built web app from a
 * folder of its own (sandboxes off unless a test starts its own), the demo signed in, and the
 * two-size screenshot every page change is checked with.
 */

/** Where the browser tests put their screenshots for a person to read. */
export const SCREENSHOTS = join(process.cwd(), 'test-results', 'screenshots');

export const DESKTOP = { width: 1440, height: 900 } as const;
export const PHONE = { width: 390, height: 844 } as const;

export interface WebRuntime {
  dir: string;
  runtime: LocalRuntime;
  close(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/**
 * Builds the web app into a temporary folder and starts the runtime over it on a free port, with
 * `PUBLIC_URL` set to that port (links in invitations, OAuth and checkout come back to it).
 * `env` adds configuration (a sandbox's URL, a secret); `overrides` reach the embedded backends
 * (a clock).
 */
export async function startWebRuntime(
  env: Record<string, string> = {},
  overrides: Omit<Parameters<typeof startLocalRuntime>[1] & object, 'webDist'> = {},
): Promise<WebRuntime> {
  const dir = mkdtempSync(join(tmpdir(), 'pp-web-'));
  mkdirSync(SCREENSHOTS, { recursive: true });
  const webDist = join(dir, 'web');
  await buildWebApp(webDist);
  const port = await freePort();
  const config = loadConfig({
    PULSEPOINT_DATA_DIR: join(dir, 'data'),
    PULSEPOINT_SANDBOXES: 'false',
    NODE_ENV: 'test',
    LOG_LEVEL: 'WARNING',
    PORT: String(port),
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    ...env,
  });
  const runtime = await startLocalRuntime(config, { ...overrides, webDist });
  return {
    dir,
    runtime,
    async close() {
      await runtime.close(1_000);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A new page at `viewport`, signed in with the demo button; its console errors are collected. */
export async function signInToDemo(
  browser: Browser,
  url: string,
  viewport: { width: number; height: number } = DESKTOP,
): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport, locale: 'en-US' });
  const page = await context.newPage();
  const errors = captureConsoleErrors(page);
  await page.goto(`${url}/`);
  await page.getByRole('button', { name: 'Sign in to the demo' }).click();
  await signedIn(page);
  return { context, page, errors };
}

/**
 * Once nothing matching `loading` is on the page: a full-page screenshot at 1440×900 and at
 * 390×844 (`<name>-1440.png`, `<name>-390.png`), nothing sticking out sideways at either size, and
 * no serious axe violation. Leaves the page at 1440×900.
 */
export async function shootBothSizes(page: Page, name: string, loading = '.state.loading'): Promise<void> {
  await page.waitForFunction((selector) => document.querySelectorAll(selector).length === 0, loading);
  for (const size of [DESKTOP, PHONE]) {
    await page.setViewportSize(size);
    await page.screenshot({ path: join(SCREENSHOTS, `${name}-${size.width}.png`), fullPage: true });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `${name} at ${size.width}px`).toBeLessThanOrEqual(0);
  }
  await page.setViewportSize(DESKTOP);
  expect(await seriousA11yViolations(page), `axe on ${name}`).toEqual([]);
}

/** A bearer token for an owner of the demo tenant, made directly rather than through the sign-in page. */
export async function ownerToken(runtime: LocalRuntime, uid: string): Promise<string> {
  const { deps } = runtime.embedded;
  const member = { tenantId: DEMO_TENANT, role: 'owner' as const, uid };
  await ensureMember(deps.store, member, deps.clock.now());
  return issueLocalToken(runtime.embedded.authKey, { ...member, now: deps.clock.now() });
}

/** POSTs JSON to the API with a bearer token; the test fails on any answer but a 2xx, naming path and body. */
export function poster(baseUrl: string, token: string) {
  return async (path: string, json: unknown): Promise<void> => {
    const res = await fetch(`${baseUrl}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(json),
    });
    expect(res.status, `${path}: ${await res.clone().text()}`).toBeLessThan(300);
  };
}
