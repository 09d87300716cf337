import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../infra/local/cli';
import { type AdSandboxes, startAdSandboxes } from '../../../infra/sandbox/ads';
import { adOAuthSandboxConfig } from '../../../infra/sandbox/ads/oauth-config';
import { TIKTOK_SANDBOX_APP } from '../../../infra/sandbox/tiktok';
import { createTestApi, type TestApi } from '../../../test/support/api';
import { cookiesForwardedByHosting, createCookieJar } from '../../../test/support/hosting';
import { NO_RATE_LIMITS } from '../../../test/support/rate-limits';
import type { AdPlatform } from '../../domain/entities';
import { adCredentialsSchema } from '../../platforms/ads/connector';
import { openAdSession } from '../../platforms/ads/session';
import { integrationSecretName } from '../../ports/secret-store';

let api: TestApi | undefined;
let sandboxes: AdSandboxes | undefined;
afterEach(async () => {
  await api?.close();
  await sandboxes?.close();
  api = undefined;
  sandboxes = undefined;
});

async function setUp() {
  sandboxes = await startAdSandboxes({ endDate: '2026-11-19' });
  // Values as the process environment gives them: the sandbox map is JSON text.
  const env = { PUBLIC_URL: 'https://app.example.com', ...adOAuthSandboxConfig(sandboxes.urls) };
  api = await createTestApi({ rateLimits: NO_RATE_LIMITS, env });
  const ctx = await api.seedTenant('acme', [{ id: 'acme-store' }]);
  const owner = await api.token({ tenantId: 'acme', role: 'owner', uid: 'founder' });
  return { api, ctx, owner, sandboxes };
}

/**
 * The merchant's browser behind Firebase Hosting: starts the connect from Settings, approves on the
 * platform's consent screen (the sandbox approves at once) and follows the redirect back.
 */
async function connect(t: Awaited<ReturnType<typeof setUp>>, platform: AdPlatform) {
  const browser = createCookieJar();
  browser.set('_ga', 'GA1.1.1');
  const start = await t.api.request(`/api/brands/acme-store/integrations/${platform}/oauth`, {
    method: 'POST',
    token: t.owner,
  });
  expect(start.status).toBe(200);
  browser.take(start);
  const { authorizeUrl } = (await start.json()) as { authorizeUrl: string };
  const consent = await fetch(authorizeUrl, { redirect: 'manual' });
  expect(consent.status).toBe(302);
  const back = new URL(consent.headers.get('location')!);
  expect(back.origin).toBe('https://app.example.com');
  const res = await t.api.request(`${back.pathname}${back.search}`, {
    headers: { cookie: cookiesForwardedByHosting(browser.header()) },
  });
  return { authorizeUrl: new URL(authorizeUrl), back, res };
}

async function storedCredentials(t: Awaited<ReturnType<typeof setUp>>, platform: AdPlatform) {
  const raw = await t.api.deps.secrets.get(t.ctx, integrationSecretName('acme-store', platform));
  return adCredentialsSchema.parse(JSON.parse(raw ?? '{}'));
}

describe('ad platform OAuth connect', () => {
  it.each([
    ['meta', '/oauth/meta/callback', 'act_1001'],
    ['google_ads', '/oauth/google-ads/callback', '1234567890'],
    ['tiktok', '/oauth/tiktok/callback', '7000000000002'],
  ] as const)(
    '%s: authorize, callback, token in the SecretStore, connected and backfilling',
    async (platform, path, account) => {
      const t = await setUp();
      const { back, res } = await connect(t, platform);
      expect(back.pathname).toBe(path);
      expect(res.status).toBe(302);
      expect(res.headers.get('location')).toBe(
        `https://app.example.com/brands/acme-store/settings?connected=${platform}`,
      );
      const integration = await t.api.deps.store.integrations.getPlatform(t.ctx, 'acme-store', platform);
      expect(integration).toMatchObject({ status: 'connected', accountIds: [account] });
      const credentials = await storedCredentials(t, platform);
      expect(credentials).toMatchObject({ clientId: expect.any(String), clientSecret: expect.any(String) });
      // The token is only in the SecretStore: the integration holds a reference.
      expect(JSON.stringify(integration)).not.toContain(credentials.accessToken);
      expect(t.api.embedded.queue.backlog(`tasks/sync-${path.split('/')[2]}`)).toBe(1);
      // The stored token works against the platform's API.
      const session = await openAdSession(t.api.deps, t.ctx, 'acme-store', platform);
      expect(await session.run((c) => c.account(account))).toMatchObject({ accountId: account });
    },
  );

  it('Google Ads keeps a refresh token: an expired access token is renewed and stored', async () => {
    const t = await setUp();
    await connect(t, 'google_ads');
    const first = await storedCredentials(t, 'google_ads');
    expect(first).toMatchObject({ refreshToken: expect.any(String), developerToken: 'pp-dev-token' });
    expect(Date.parse(first.expiresAt!)).toBeGreaterThan(t.api.clock.now().getTime());
    t.sandboxes.google.tokens.expireAll();
    const session = await openAdSession(t.api.deps, t.ctx, 'acme-store', 'google_ads');
    await session.run((c) => c.account('1234567890'));
    expect(session.refreshed).toBe(true);
    expect((await storedCredentials(t, 'google_ads')).accessToken).not.toBe(first.accessToken);
  });

  it('Meta stores the long-lived token from fb_exchange_token, not the short-lived one', async () => {
    const t = await setUp();
    await connect(t, 'meta');
    const credentials = await storedCredentials(t, 'meta');
    const days = (Date.parse(credentials.expiresAt!) - t.api.clock.now().getTime()) / 86_400_000;
    expect(days).toBeGreaterThan(55);
  });

  it('refuses a callback without the starting browser’s __session nonce', async () => {
    const t = await setUp();
    const start = await t.api.request('/api/brands/acme-store/integrations/meta/oauth', {
      method: 'POST',
      token: t.owner,
    });
    const { authorizeUrl } = (await start.json()) as { authorizeUrl: string };
    const back = new URL((await fetch(authorizeUrl, { redirect: 'manual' })).headers.get('location')!);
    const stranger = await t.api.request(`${back.pathname}${back.search}`, {
      headers: { cookie: '__session=ads-meta%3Dsomeone-else' },
    });
    expect(stranger.status).toBe(401);
    expect(await t.api.deps.store.integrations.getPlatform(t.ctx, 'acme-store', 'meta')).toBeUndefined();
  });

  it('refuses the callback when the member who started it was removed in the meantime', async () => {
    const t = await setUp();
    const admin = await t.api.token({ tenantId: 'acme', role: 'admin', uid: 'temp-admin' });
    const browser = createCookieJar();
    const start = await t.api.request('/api/brands/acme-store/integrations/meta/oauth', {
      method: 'POST',
      token: admin,
    });
    browser.take(start);
    const { authorizeUrl } = (await start.json()) as { authorizeUrl: string };
    const back = new URL((await fetch(authorizeUrl, { redirect: 'manual' })).headers.get('location')!);
    await t.api.deps.store.users.delete(t.ctx, 'temp-admin');
    const res = await t.api.request(`${back.pathname}${back.search}`, {
      headers: { cookie: browser.header() },
    });
    expect(res.status).toBe(403);
    expect(await t.api.deps.store.integrations.getPlatform(t.ctx, 'acme-store', 'meta')).toBeUndefined();
  });

  it('reads the app from the SecretStore, where `pulsepoint ad-app set` put it, when no variable names one', async () => {
    sandboxes = await startAdSandboxes({ endDate: '2026-11-19' });
    api = await createTestApi({
      rateLimits: NO_RATE_LIMITS,
      env: {
        PUBLIC_URL: 'https://app.example.com',
        PULSEPOINT_AD_OAUTH_SANDBOXES: JSON.stringify(sandboxes.urls),
      },
    });
    const ctx = await api.seedTenant('acme', [{ id: 'acme-store' }]);
    const owner = await api.token({ tenantId: 'acme', role: 'owner', uid: 'founder' });
    const dataDir = api.deps.config.PULSEPOINT_DATA_DIR;
    const secretFile = join(dataDir, 'tiktok-secret.txt');
    writeFileSync(secretFile, `${TIKTOK_SANDBOX_APP.clientSecret}\n`);
    const cli = await runCli(
      [
        'ad-app',
        'set',
        'tiktok',
        '--client-id',
        TIKTOK_SANDBOX_APP.clientId,
        '--client-secret-file',
        secretFile,
      ],
      { PULSEPOINT_DATA_DIR: dataDir },
    );
    expect(cli).toMatchObject({ exitCode: 0 });
    const t = { api, ctx, owner, sandboxes };
    const { res } = await connect(t, 'tiktok');
    expect(res.headers.get('location')).toContain('connected=tiktok');
    // The tenant cannot read the deployment's app: it lives under the reserved `ops` scope.
    expect(await api.deps.secrets.get(ctx, 'apps/tiktok')).toBeUndefined();
  });

  it('a viewer may not start a connect; an unconfigured platform is a 409', async () => {
    const t = await setUp();
    const viewer = await t.api.token({ tenantId: 'acme', role: 'viewer', uid: 'v' });
    const refused = await t.api.request('/api/brands/acme-store/integrations/tiktok/oauth', {
      method: 'POST',
      token: viewer,
    });
    expect(refused.status).toBe(403);
    await t.api.close();
    api = await createTestApi({ rateLimits: NO_RATE_LIMITS });
    await api.seedTenant('acme', [{ id: 'acme-store' }]);
    const owner = await api.token({ tenantId: 'acme', role: 'owner', uid: 'founder' });
    const res = await api.request('/api/brands/acme-store/integrations/meta/oauth', {
      method: 'POST',
      token: owner,
    });
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ error: { code: 'conflict' } });
  });
});
