import { afterEach, describe, expect, it } from 'vitest';
import { sandboxFetch, signedQuery } from '../../../infra/sandbox/shopify/server';
import { cookiesForwardedByHosting, createCookieJar } from '../../../test/support/hosting';
import { createShopifyTestbed, type ShopifyTestbed } from '../../../test/support/shopify-testbed';
import { createLocalAnalyst } from '../../insights/local-analyst';
import { DEV_SHOPIFY_API_SECRET } from '../../kernel/config';
import { integrationSecretName } from '../../ports/secret-store';
import { createApiApp } from '../app';

const beds: ShopifyTestbed[] = [];

/** Changes callback parameters and signs the query again with the app secret (a valid hmac). */
const resign = (patch: Record<string, string>) => (q: URLSearchParams) => {
  const params = Object.fromEntries([...q.entries()].filter(([k]) => k !== 'hmac'));
  for (const [k, v] of new URLSearchParams(signedQuery({ ...params, ...patch }, DEV_SHOPIFY_API_SECRET)))
    q.set(k, v);
};
afterEach(async () => {
  for (const b of beds.splice(0)) await b.close();
});

async function setup() {
  const b = await createShopifyTestbed({ env: { PUBLIC_URL: 'https://app.example.com' }, connect: false });
  beds.push(b);
  const app = createApiApp(
    { ...b.deps, llm: createLocalAnalyst() },
    { version: 't', startedAt: new Date(), healthChecks: [] },
  );
  /** Starts an install and lets the sandbox "merchant" approve it; returns the callback query and cookie. */
  async function approve(shop = 'demo-brand.myshopify.com') {
    const install = await app.request(`/oauth/shopify/install?shop=${shop}`);
    expect(install.status).toBe(302);
    const cookie = (install.headers.get('set-cookie') ?? '').split(';')[0]!;
    const consent = await sandboxFetch(b.sandbox.url)(install.headers.get('location')!, {
      redirect: 'manual',
    });
    const callback = new URL(consent.headers.get('location')!);
    return { install, cookie, callback, query: new URLSearchParams(callback.search) };
  }
  const callback = (query: URLSearchParams, cookie: string) =>
    app.request(`/oauth/shopify/callback?${query}`, { headers: { cookie } });
  return { b, app, approve, callback };
}

describe('Shopify OAuth install', () => {
  it('redirects to the shop’s consent screen with our client id, scopes, callback and a state', async () => {
    const { approve } = await setup();
    const { install, cookie, callback } = await approve();
    const authorize = new URL(install.headers.get('location')!);
    expect(authorize.origin + authorize.pathname).toBe(
      'https://demo-brand.myshopify.com/admin/oauth/authorize',
    );
    expect(authorize.searchParams.get('redirect_uri')).toBe('https://app.example.com/oauth/shopify/callback');
    expect(authorize.searchParams.get('state')).toMatch(/^[\w-]+\.[\w-]+$/);
    expect(cookie).toMatch(/^__session=/);
    expect(install.headers.get('set-cookie')).toContain('HttpOnly');
    expect(callback.pathname).toBe('/oauth/shopify/callback');
  });

  it('a good callback stores the token only in the SecretStore, connects, registers webhooks and requests the backfill', async () => {
    const { b, approve, callback } = await setup();
    const { query, cookie } = await approve();
    const res = await callback(query, cookie);
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('https://app.example.com/?connected=shopify&brand=demo-brand');
    const token = await b.deps.secrets.get(b.ctx, integrationSecretName(b.brandId, 'shopify'));
    expect(token).toMatch(/^shpat_[0-9a-f]{32}$/);
    const integration = await b.deps.store.integrations.getPlatform(b.ctx, b.brandId, 'shopify');
    expect(integration).toMatchObject({ status: 'connected', accountIds: ['demo-brand.myshopify.com'] });
    // The token is nowhere in the operational store: not on the integration, not in the audit log.
    const everything = await b.embedded.db.query('tenants/demo/brands/demo-brand/integrations');
    const audit = await b.deps.store.auditEvents.list(b.ctx);
    expect(JSON.stringify([everything, audit])).not.toContain(token!);
    expect(b.sandbox.state.webhooks.map((w) => w.topic)).toContain('ORDERS_UPDATED');
    expect(b.sandbox.state.webhooks[0]!.uri).toBe('https://app.example.com/webhooks/shopify');
    expect(b.embedded.queue.backlog('tasks/sync-shopify')).toBe(1);
    // The new token is the one the sync uses, against the shop's own domain.
    expect(await b.sync()).toMatchObject({ status: 'synced' });
  });

  it.each([
    ['a tampered hmac', (q: URLSearchParams) => q.set('hmac', '0'.repeat(64)), 401],
    ['a changed code', (q: URLSearchParams) => q.set('code', 'stolen'), 401],
    ['a forged state re-signed with the app secret over the query', resign({ state: 'e30.AAAA' }), 401],
    ['a shop that is not a myshopify domain', resign({ shop: 'evil.example.com' }), 400],
    ['another shop than the state was issued for', resign({ shop: 'other.myshopify.com' }), 401],
  ])('refuses a callback with %s and stores nothing', async (_name, tamper, status) => {
    const { b, approve, callback } = await setup();
    const before = await b.deps.secrets.get(b.ctx, integrationSecretName(b.brandId, 'shopify'));
    const { query, cookie } = await approve();
    tamper(query);
    const res = await callback(query, cookie);
    expect(res.status).toBe(status);
    expect((await res.json()) as unknown).toMatchObject({ error: { code: expect.any(String) } });
    expect(await b.deps.secrets.get(b.ctx, integrationSecretName(b.brandId, 'shopify'))).toBe(before);
    expect(b.sandbox.state.webhooks).toEqual([]);
  });

  it('refuses a genuine callback replayed without the installer’s cookie', async () => {
    const { approve, callback } = await setup();
    const { query } = await approve();
    const res = await callback(query, '__session=shopify%3Dsomeone-else');
    expect(res.status).toBe(401);
  });

  it('completes the install behind Firebase Hosting, which forwards only the __session cookie', async () => {
    const { b, app } = await setup();
    const browser = createCookieJar();
    // Cookies of the site that Hosting would strip, whatever else the browser holds.
    browser.set('pp_shopify_oauth', 'stale');
    browser.set('_ga', 'GA1.1.1');
    const viaHosting = (path: string) =>
      app.request(path, { headers: { cookie: cookiesForwardedByHosting(browser.header()) } });
    const install = await viaHosting('/oauth/shopify/install?shop=demo-brand.myshopify.com');
    expect(install.headers.get('cache-control')).toContain('private');
    browser.take(install);
    const consent = await sandboxFetch(b.sandbox.url)(install.headers.get('location')!, {
      redirect: 'manual',
    });
    const back = new URL(consent.headers.get('location')!);
    const res = await viaHosting(`${back.pathname}${back.search}`);
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('https://app.example.com/?connected=shopify&brand=demo-brand');
    expect(await b.deps.store.integrations.getPlatform(b.ctx, b.brandId, 'shopify')).toMatchObject({
      status: 'connected',
    });
    // The nonce is good once: the same callback again is refused.
    browser.take(res);
    expect((await viaHosting(`${back.pathname}${back.search}`)).status).toBe(401);
  });

  it.each([
    ['evil.com', 400],
    ['demo-brand.myshopify.com.evil.com', 400],
    ['unknown-shop.myshopify.com', 404],
  ])('install refuses shop=%s', async (shop, status) => {
    const { app } = await setup();
    const res = await app.request(`/oauth/shopify/install?shop=${shop}`);
    expect(res.status).toBe(status);
  });
});
