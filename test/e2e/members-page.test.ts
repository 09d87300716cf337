import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../infra/local/runtime';
import { localUidForEmail } from '../../shared/adapters/embedded/local-identity-admin';
import { systemContext } from '../../shared/domain/tenancy';
import { launchChromium } from './browser';
import { SCREENSHOTS, shootBothSizes, signInToDemo, startWebRuntime, type WebRuntime } from './web-runtime';

/** The Members page in Chromium: invite an analyst for one brand, change the role, remove them. */
describe('the Members page in a browser', () => {
  let web: WebRuntime;
  let runtime: LocalRuntime;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  const ana = 'ana@agency.example';
  const ctx = systemContext('demo', 'test');

  beforeAll(async () => {
    web = await startWebRuntime();
    runtime = web.runtime;
    browser = await launchChromium();
    ({ page, errors } = await signInToDemo(browser, runtime.url));
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await web?.close();
  });

  const shoot = (name: string) => shootBothSizes(page, `members-${name}`);

  it('adds an analyst for one brand at once; the account gets the claims', async () => {
    await page.getByRole('link', { name: 'Members' }).click();
    await page.getByRole('heading', { name: 'Members', level: 1 }).waitFor();
    await page.getByLabel('Email', { exact: true }).fill(ana);
    await page.getByLabel('Role', { exact: true }).selectOption('analyst');
    await page.getByLabel('Only some brands').check();
    const brand = runtime.embedded.deps.store.brands.list(ctx);
    const [first] = await brand;
    await page.getByLabel(first!.name, { exact: true }).check();
    await page.getByRole('button', { name: 'Add now' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `${ana} can now sign in` })
      .waitFor();
    const row = page.locator('tbody tr', { hasText: ana });
    await row.waitFor();
    expect(await row.textContent()).toContain(first!.name);
    // The tenant's only owner is offered neither a removal nor another role (the API would refuse both).
    const you = page.locator('tbody tr', { hasText: '(you)' });
    expect(await you.textContent()).toContain('The only owner');
    expect(await you.getByRole('button', { name: 'Remove' }).count()).toBe(0);
    expect(await you.getByRole('combobox').isDisabled()).toBe(true);
    const uid = localUidForEmail(ana);
    expect(await runtime.embedded.deps.store.users.get(ctx, uid)).toMatchObject({
      role: 'analyst',
      brandIds: [first!.id],
    });
    await shoot('invited');
  });

  it('changes the role, then removes the member', async () => {
    const uid = localUidForEmail(ana);
    await page.getByLabel(`Role of ${ana}`).selectOption('viewer');
    await expect
      .poll(async () => (await runtime.embedded.deps.store.users.get(ctx, uid))?.role)
      .toBe('viewer');
    await page.locator('tbody tr', { hasText: ana }).getByRole('button', { name: 'Remove' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Remove' }).click();
    await page.locator('tbody tr', { hasText: ana }).waitFor({ state: 'detached' });
    expect(await runtime.embedded.deps.store.users.get(ctx, uid)).toBeUndefined();
    await shoot('after-removal');
    expect(errors).toEqual([]);
  });

  it('emails an invitation (here: shows its link, no SMTP), lists it pending, and the invitee joins on accepting', async () => {
    const bea = 'bea@agency.example';
    await page.getByRole('link', { name: 'Members' }).click();
    await page.getByRole('heading', { name: 'Members', level: 1 }).waitFor();
    await page.getByLabel('Email', { exact: true }).fill(bea);
    await page.getByLabel('Role', { exact: true }).selectOption('viewer');
    await page.getByRole('button', { name: 'Email invitation' }).click();
    const status = page.getByRole('status').filter({ hasText: `Invitation for ${bea} created` });
    await status.waitFor();
    const link = (await status.locator('code').textContent())!;
    expect(link).toMatch(/\/invitations\/accept#token=demo\./);
    const pending = page.locator('table', { hasText: bea });
    await pending.waitFor();
    expect(await runtime.embedded.deps.store.users.get(ctx, localUidForEmail(bea))).toBeUndefined();
    await shoot('invitation-pending');

    const invitee = await browser.newPage({ viewport: { width: 390, height: 844 } });
    try {
      await invitee.goto(link);
      await invitee.getByRole('button', { name: 'Accept invitation' }).click();
      await invitee
        .getByRole('status')
        .filter({ hasText: 'You are now a member of demo as viewer' })
        .waitFor();
    } finally {
      await invitee.close();
    }
    await page.reload();
    await page.locator('tbody tr', { hasText: bea }).getByLabel(`Role of ${bea}`).waitFor();
    expect(await page.getByRole('table', { name: 'Pending invitations' }).count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('tells an account that belongs to no workspace to ask for an invitation', async () => {
    const other = await browser.newPage({ viewport: { width: 390, height: 844 } });
    try {
      await other.goto(`${runtime.url}/sign-in?reason=no-workspace`);
      await other.getByRole('status').filter({ hasText: 'not a member of any workspace' }).waitFor();
      await other.screenshot({ path: join(SCREENSHOTS, 'sign-in-no-workspace-390.png'), fullPage: true });
    } finally {
      await other.close();
    }
  });
});
