import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalRuntime, startLocalRuntime } from '../../infra/local/runtime';
import { type AdSandboxes, startAdSandboxes } from '../../infra/sandbox/ads';
import { adOAuthSandboxConfig } from '../../infra/sandbox/ads/oauth-config';
import { systemContext } from '../../shared/domain/tenancy';
import { loadConfig } from '../../shared/kernel/config';
import { buildWebApp, captureConsoleErrors, launchChromium, seriousA11yViolations } from './browser';

/** Settings → "Connect Google Ads" in Chromium: the sandbox's consent screen and back, connected. */
const SCREENSHOTS = join(process.cwd(), 'test-results', 'screenshots');

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });

describe('connecting an ad platform through its OAuth screen, in a browser', () => {
  let dir: string;
  let runtime: LocalRuntime;
  let sandboxes: AdSandboxes;
  let browser: Browser;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pp-'));
    mkdirSync(SCREENSHOTS, { recursive: true });
    const webDist = join(dir, 'web');
    await buildWebApp(webDist);
    sandboxes = await startAdSandboxes({
      endDate: new Date(Date.now() - 86_400_000).toISOString().slice(0, 10),
    });
    const port = await freePort();
    const config = loadConfig({
      PULSEPOINT_DATA_DIR: join(dir, 'data'),
      PULSEPOINT_SANDBOXES: 'false',
      NODE_ENV: 'test',
      LOG_LEVEL: 'WARNING',
      PORT: String(port),
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      ...adOAuthSandboxConfig(sandboxes.urls),
    });
    runtime = await startLocalRuntime(config, { webDist });
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-US' });
    page = await context.newPage();
    errors = captureConsoleErrors(page);
    await page.goto(`${runtime.url}/`);
    await page.getByRole('button', { name: 'Sign in to the demo' }).click();
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await runtime?.close(1_000);
    await sandboxes?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('"Connect Google Ads" goes to the consent screen and comes back connected, token in the secret store', async () => {
    await page.getByRole('link', { name: 'Settings', exact: true }).click();
    const google = page.locator('[data-platform="google_ads"]');
    await google.getByRole('button', { name: 'Connect Google Ads' }).click();
    await page.waitForURL(/\/brands\/demo-brand\/settings\?connected=google_ads/);
    await page.getByRole('status').filter({ hasText: 'Google Ads is connected' }).waitFor();
    await google
      .locator('.pill', { hasText: /Connected|Syncing|Synced/i })
      .first()
      .waitFor();
    const ctx = systemContext('demo', 'test');
    const integration = await runtime.embedded.deps.store.integrations.getPlatform(
      ctx,
      'demo-brand',
      'google_ads',
    );
    expect(integration).toMatchObject({ accountIds: ['1234567890'], apiBaseUrl: sandboxes.urls.google_ads });
    const secret = await runtime.embedded.deps.secrets.get(ctx, 'brands/demo-brand/google_ads-token');
    expect(JSON.parse(secret!)).toMatchObject({ refreshToken: expect.any(String) });
    expect(await google.textContent()).not.toContain(JSON.parse(secret!).accessToken);
    await page.locator('.state.loading').first().waitFor({ state: 'detached' });
    for (const [w, h] of [
      [1440, 900],
      [390, 844],
    ] as const) {
      await page.setViewportSize({ width: w, height: h });
      await page.screenshot({ path: join(SCREENSHOTS, `ad-oauth-connected-${w}.png`), fullPage: true });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `at ${w}px`).toBeLessThanOrEqual(0);
    }
    await page.setViewportSize({ width: 1440, height: 900 });
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });
});
