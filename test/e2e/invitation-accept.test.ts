import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../infra/local/runtime';
import { localUidForEmail } from '../../shared/adapters/embedded/local-identity-admin';
import { systemContext } from '../../shared/domain/tenancy';
import { captureConsoleErrors, launchChromium, seriousA11yViolations } from './browser';
import { startWebRuntime, type WebRuntime } from './web-runtime';

/** An invitee, signed out, opens the accept link in Chromium and accepts; the link then works no more. */
describe('accepting an invitation in a browser', () => {
  let web: WebRuntime;
  let runtime: LocalRuntime;
  let browser: Browser;

  beforeAll(async () => {
    web = await startWebRuntime();
    runtime = web.runtime;
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await web?.close();
  });

  it('binds the invitee on the button, not on opening the link, and refuses the link a second time', async () => {
    const { token: owner } = (await (
      await fetch(`${runtime.url}/api/auth/dev-token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ role: 'owner' }),
      })
    ).json()) as { token: string };
    const invited = await fetch(`${runtime.url}/api/invitations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${owner}` },
      body: JSON.stringify({ email: 'bea@agency.example', role: 'analyst' }),
    });
    expect(invited.status).toBe(201);
    const { acceptUrl } = (await invited.json()) as { acceptUrl: string };
    expect(acceptUrl.startsWith(`${runtime.url}/invitations/accept#token=`)).toBe(true);

    const page = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
    const errors = captureConsoleErrors(page);
    await page.goto(acceptUrl);
    const button = page.getByRole('button', { name: 'Accept invitation' });
    await button.waitFor();
    const uid = localUidForEmail('bea@agency.example');
    const users = runtime.embedded.deps.store.users;
    expect(await users.get(systemContext('demo', 'test'), uid)).toBeUndefined();
    expect(await seriousA11yViolations(page)).toEqual([]);

    await button.click();
    await expect
      .poll(() => page.getByRole('status').textContent())
      .toContain('You are now a member of demo as analyst');
    expect((await users.get(systemContext('demo', 'test'), uid))?.role).toBe('analyst');

    await page.reload();
    await page.getByRole('button', { name: 'Accept invitation' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('already used');
    expect(errors.filter((e) => !/410/.test(e))).toEqual([]);
  }, 60_000);
});
