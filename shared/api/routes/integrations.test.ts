import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../../../test/support/api';

let api: TestApi;
let owner: string;
const ctx = { tenantId: 't_int', uid: 'test', role: 'system' as const };
const TOKEN = 'EAAB-very-secret-meta-token-123';

beforeAll(async () => {
  api = await createTestApi();
  await api.seedTenant('t_int', [{ id: 'shop' }]);
  owner = await api.token({ tenantId: 't_int', role: 'owner' });
});
afterAll(async () => api?.close());

describe('integrations', () => {
  it('a platform never connected reads as disconnected, like the list; other tenants get a 404', async () => {
    const res = await api.request('/api/brands/shop/integrations/tiktok', { token: owner });
    expect(res.status).toBe(200);
    const one = await res.json();
    expect(one).toMatchObject({ platform: 'tiktok', status: 'disconnected', hasCredentials: false });
    const list = (await (await api.request('/api/brands/shop/integrations', { token: owner })).json()) as {
      integrations: { platform: string }[];
    };
    expect(list.integrations.find((i) => i.platform === 'tiktok')).toEqual(one);
    await api.seedTenant('t_int_other', [{ id: 'their-shop' }]);
    const outsider = await api.token({ tenantId: 't_int_other', role: 'owner' });
    for (const [path, token] of [
      ['/api/brands/shop/integrations/tiktok', outsider],
      ['/api/brands/their-shop/integrations/tiktok', owner],
      ['/api/brands/no-such-brand/integrations/tiktok', owner],
    ] as const)
      expect((await api.request(path, { token })).status, path).toBe(404);
  });

  it('keeps an ad platform token in the SecretStore only, and starts a backfill', async () => {
    const res = await api.request('/api/brands/shop/integrations/meta', {
      method: 'POST',
      token: owner,
      json: { accessToken: TOKEN, accountIds: ['act_1'] },
      headers: { traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' },
    });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).not.toContain(TOKEN);
    expect(JSON.parse(text)).toMatchObject({
      kind: 'connected',
      integration: { status: 'connected', hasCredentials: true },
    });
    const stored = await api.deps.store.integrations.getPlatform(ctx, 'shop', 'meta');
    expect(JSON.stringify(stored)).not.toContain(TOKEN);
    expect(JSON.parse((await api.deps.secrets.get(ctx, 'brands/shop/meta-token'))!)).toEqual({
      accessToken: TOKEN,
    });
    expect(api.embedded.queue.backlog('tasks/sync-meta')).toBe(1);
    expect(api.logger.lines.join('\n')).not.toContain(TOKEN);
  });

  it('lists every platform, connected or not, without secret references', async () => {
    const res = await api.request('/api/brands/shop/integrations', { token: owner });
    const { integrations } = await res.json();
    expect(
      integrations.map((i: { platform: string; status: string }) => `${i.platform}:${i.status}`),
    ).toEqual(['shopify:disconnected', 'meta:connected', 'tiktok:disconnected', 'google_ads:disconnected']);
    expect(JSON.stringify(integrations)).not.toContain('secretRef');
  });

  it('answers a Shopify connect with the OAuth install URL for the brand’s shop', async () => {
    const res = await api.request('/api/brands/shop/integrations/shopify', {
      method: 'POST',
      token: owner,
      json: {},
    });
    expect(await res.json()).toEqual({
      kind: 'install',
      installUrl: '/oauth/shopify/install?shop=shop.myshopify.com',
    });
  });

  it('requires a token for an ad platform', async () => {
    const res = await api.request('/api/brands/shop/integrations/tiktok', {
      method: 'POST',
      token: owner,
      json: {},
    });
    expect(res.status).toBe(400);
  });

  it('destroys the token on disconnect', async () => {
    const res = await api.request('/api/brands/shop/integrations/meta', { method: 'DELETE', token: owner });
    expect(res.status).toBe(204);
    expect(await api.deps.secrets.get(ctx, 'brands/shop/meta-token')).toBeUndefined();
    expect((await api.deps.store.integrations.getPlatform(ctx, 'shop', 'meta'))?.status).toBe('disconnected');
  });

  it('refuses a sandbox API base in production, where the token would be sent there', async () => {
    const prod = await createTestApi({ env: { NODE_ENV: 'production' } });
    try {
      await prod.seedTenant('t_prod', [{ id: 'shop' }]);
      const res = await prod.request('/api/brands/shop/integrations/meta', {
        method: 'POST',
        token: await prod.token({ tenantId: 't_prod', role: 'owner' }),
        json: { accessToken: TOKEN, apiBaseUrl: 'http://attacker.example' },
      });
      expect(res.status).toBe(400);
      expect(
        await prod.deps.secrets.get({ ...ctx, tenantId: 't_prod' }, 'brands/shop/meta-token'),
      ).toBeUndefined();
    } finally {
      await prod.close();
    }
  });
  it('keeps the app a pasted refresh token belongs to, so the sync can renew the access token', async () => {
    const res = await api.request('/api/brands/shop/integrations/google_ads', {
      method: 'POST',
      token: owner,
      json: {
        accessToken: 'ya29.pasted-access',
        refreshToken: '1//pasted-refresh',
        clientId: 'agency-client.apps.googleusercontent.com',
        clientSecret: 'agency-secret',
        developerToken: 'dev',
        accountIds: ['1234567890'],
      },
    });
    expect(res.status).toBe(200);
    expect(JSON.parse((await api.deps.secrets.get(ctx, 'brands/shop/google_ads-token'))!)).toMatchObject({
      refreshToken: '1//pasted-refresh',
      clientId: 'agency-client.apps.googleusercontent.com',
      clientSecret: 'agency-secret',
    });
    const half = await api.request('/api/brands/shop/integrations/google_ads', {
      method: 'POST',
      token: owner,
      json: { accessToken: 'ya29.pasted-access', clientId: 'only-the-id' },
    });
    expect(half.status).toBe(400);
  });
});
