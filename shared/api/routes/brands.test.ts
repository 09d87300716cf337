import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../../../test/support/api';
import { aPerformanceRow } from '../../../test/support/builders';
import { localDate } from '../../domain/time';

let api: TestApi;
let owner: string;
const ctx = { tenantId: 't_brands', uid: 'test', role: 'system' as const };
// Every test starts from its own backend: two tenants, one owner, no brand yet.
beforeEach(async () => {
  api = await createTestApi();
  await api.seedTenant('t_brands', []);
  await api.seedTenant('t_else', [{ id: 'taken' }]);
  owner = await api.token({ tenantId: 't_brands', role: 'owner' });
});
afterEach(async () => api?.close());

const acme = {
  name: 'Acme',
  shopDomain: 'acme.myshopify.com',
  currency: 'USD',
  timezone: 'America/New_York',
};

/** The brand most tests change, created through the API as a person would. */
async function createAcme() {
  const res = await api.request('/api/brands', { method: 'POST', token: owner, json: acme });
  expect(res.status).toBe(201);
}

describe('brands', () => {
  it('creates a brand with default targets and an id from the shop domain', async () => {
    const res = await api.request('/api/brands', { method: 'POST', token: owner, json: acme });
    expect(res.status).toBe(201);
    const brand = await res.json();
    expect(brand).toMatchObject({ id: 'acme', targets: { roasTarget: 3, attributionModel: 'last_touch' } });
    expect(await api.deps.directory.resolveShop('acme.myshopify.com')).toEqual({
      tenantId: 't_brands',
      brandId: 'acme',
    });
  });

  it('refuses a shop another tenant already connected, without saying whose', async () => {
    const res = await api.request('/api/brands', {
      method: 'POST',
      token: owner,
      json: { ...acme, id: 'mine', shopDomain: 'taken.myshopify.com' },
    });
    expect(res.status).toBe(409);
    expect(await res.text()).not.toContain('t_else');
  });

  it('patches only the settings it names', async () => {
    await createAcme();
    const res = await api.request('/api/brands/acme', {
      method: 'PATCH',
      token: owner,
      json: {
        targets: { roasTarget: 2.5, attributionWindowDays: 28 },
        discountCodeCampaigns: { summer10: 'meta:act_1:camp_2' },
        notificationWebhookUrl: 'https://hooks.example.com/pp',
      },
    });
    expect(res.status).toBe(200);
    const brand = await res.json();
    expect(brand.targets).toMatchObject({ roasTarget: 2.5, attributionWindowDays: 28, lowCoverDays: 14 });
    expect(brand.discountCodeCampaigns).toEqual({ SUMMER10: 'meta:act_1:camp_2' });
    expect(brand.name).toBe('Acme');
    const cleared = await api.request('/api/brands/acme', {
      method: 'PATCH',
      token: owner,
      json: { notificationWebhookUrl: null },
    });
    expect((await cleared.json()).notificationWebhookUrl).toBeUndefined();
  });

  it('re-runs attribution (once per minute) when a setting it reads changes, not for a rename', async () => {
    await createAcme();
    api.clock.advance(60_000);
    const before = api.embedded.queue.backlog('tasks/attribute');
    await api.request('/api/brands/acme', { method: 'PATCH', token: owner, json: { name: 'Acme Inc' } });
    expect(api.embedded.queue.backlog('tasks/attribute')).toBe(before);
    await api.request('/api/brands/acme', {
      method: 'PATCH',
      token: owner,
      json: { targets: { attributionModel: 'linear' } },
    });
    expect(api.embedded.queue.backlog('tasks/attribute')).toBe(before + 1);
    await api.request('/api/brands/acme', {
      method: 'PATCH',
      token: owner,
      json: { targets: { roasTarget: 4 } },
    });
    expect(api.embedded.queue.backlog('tasks/attribute')).toBe(before + 1);
  });

  it.each([
    [{ targets: { attributionWindowDays: 3 } }, 'targets.attributionWindowDays'],
    [{ timezone: 'Mars/Olympus' }, 'timezone'],
    [{ notificationWebhookUrl: 'http://169.254.169.254/latest' }, 'notificationWebhookUrl'],
  ])('rejects bad settings %j', async (json, path) => {
    await createAcme();
    const res = await api.request('/api/brands/acme', { method: 'PATCH', token: owner, json });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.code).toBe('invalid_request');
    expect(body.error.details[0].path).toBe(path);
  });

  it('deletes the brand with its secrets and warehouse rows, and keeps an audit event', async () => {
    await api.request('/api/brands', {
      method: 'POST',
      token: owner,
      json: { ...acme, id: 'gone', shopDomain: 'gone.myshopify.com' },
    });
    await api.request('/api/brands/gone/integrations/meta', {
      method: 'POST',
      token: owner,
      json: { accessToken: 'EAAGONE-token-123456', accountIds: ['act_9'] },
    });
    await api.deps.warehouse.replaceRange(
      ctx,
      'unified_performance',
      { brandId: 'gone', from: localDate('2026-11-10'), to: localDate('2026-11-10') },
      [aPerformanceRow('gone')],
    );
    expect((await api.request('/api/brands/gone', { method: 'DELETE', token: owner })).status).toBe(204);
    expect(await api.deps.store.brands.get(ctx, 'gone')).toBeUndefined();
    expect(await api.deps.secrets.get(ctx, 'brands/gone/meta-token')).toBeUndefined();
    const rows = await api.deps.warehouse.query(
      ctx,
      "SELECT COUNT(*) AS n FROM {{unified_performance}} WHERE brand_id = 'gone'",
    );
    expect(rows[0]).toEqual({ n: 0 });
    const audit = await api.deps.store.auditEvents.list(ctx);
    expect(audit.map((e) => e.action)).toContain('brand.deleted');
    expect(await api.deps.directory.resolveShop('gone.myshopify.com')).toBeUndefined();
  });

  it('keeps a user limited to some brands from adding more', async () => {
    const limited = await api.token({ tenantId: 't_brands', role: 'owner', brandIds: ['acme'] });
    const res = await api.request('/api/brands', {
      method: 'POST',
      token: limited,
      json: { ...acme, id: 'extra', shopDomain: 'extra.myshopify.com' },
    });
    expect(res.status).toBe(403);
  });

  it('lets an admin change settings but not delete', async () => {
    await createAcme();
    const admin = await api.token({ tenantId: 't_brands', role: 'admin' });
    expect(
      (await api.request('/api/brands/acme', { method: 'PATCH', token: admin, json: { name: 'Acme 2' } }))
        .status,
    ).toBe(200);
    expect((await api.request('/api/brands/acme', { method: 'DELETE', token: admin })).status).toBe(403);
  });
});
