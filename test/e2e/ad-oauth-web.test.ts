import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../infra/local/runtime';
import { type AdSandboxes, startAdSandboxes } from '../../infra/sandbox/ads';
import { adOAuthSandboxConfig } from '../../infra/sandbox/ads/oauth-config';
import { systemContext } from '../../shared/domain/tenancy';
import { launchChromium } from './browser';
import { shootBothSizes, signInToDemo, startWebRuntime, type WebRuntime } from './web-runtime';

/** Settings → "Connect Google Ads" in Chromium: the sandbox's consent screen and back, connected. */
describe('connecting an ad platform through its OAuth screen, in a browser', () => {
  let web: WebRuntime;
  let runtime: LocalRuntime;
  let sandboxes: AdSandboxes;
  let browser: Browser;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    sandboxes = await startAdSandboxes({
      endDate: new Date(Date.now() - 86_400_000).toISOString().slice(0, 10),
    });
    web = await startWebRuntime(adOAuthSandboxConfig(sandboxes.urls));
    runtime = web.runtime;
    browser = await launchChromium();
    ({ page, errors } = await signInToDemo(browser, runtime.url));
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await web?.close();
    await sandboxes?.close();
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
    await shootBothSizes(page, 'ad-oauth-connected');
    expect(errors).toEqual([]);
  });
});
