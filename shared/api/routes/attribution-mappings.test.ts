import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../../../test/support/api';
import { systemContext } from '../../domain/tenancy';
import { localDate } from '../../domain/time';

let api: TestApi;
let owner: string;
let viewer: string;
let stranger: string;
const SUMMER = 'meta:act_1:120210000000001';
const PMAX = 'google_ads:123:21736540913';

beforeAll(async () => {
  api = await createTestApi();
  const ctx = await api.seedTenant('t_map', [{ id: 'shop' }]);
  await api.seedTenant('t_other', [{ id: 'theirs' }]);
  owner = await api.token({ tenantId: 't_map', role: 'owner' });
  viewer = await api.token({ tenantId: 't_map', role: 'viewer' });
  stranger = await api.token({ tenantId: 't_other', role: 'owner' });
  const spend = (campaign: string, platform: string, name: string) => ({
    brand_id: 'shop',
    date: '2026-11-10',
    platform,
    account_id: campaign.split(':')[1]!,
    campaign_id: campaign,
    campaign_name: name,
    spend_minor: 1_000,
    currency: 'USD',
    spend_original_minor: 1_000,
    original_currency: 'USD',
    fx_rate: 1,
    impressions: 10,
    clicks: 1,
    platform_conversions: 0,
    platform_conversion_value_minor: 0,
    synced_at: '2026-11-11T00:00:00Z',
  });
  await api.deps.warehouse.replaceRange(
    ctx,
    'ad_performance',
    { brandId: 'shop', from: localDate('2026-11-01'), to: localDate('2026-11-30') },
    [spend(SUMMER, 'meta', 'Summer Sale'), spend(PMAX, 'google_ads', 'PMax | All products')],
  );
});
afterAll(async () => api?.close());

const post = (path: string, token: string, json: unknown) =>
  api.request(path, { method: 'POST', token, json });

describe('promoted products per campaign', () => {
  it('lists campaigns by the names their exports carried, ids kept for links', async () => {
    const res = await api.request('/api/brands/shop/campaign-products', { token: viewer });
    expect(res.status).toBe(200);
    expect((await res.json()).campaigns).toEqual([
      { campaignId: PMAX, platform: 'Google Ads', name: 'PMax | All products', products: [] },
      { campaignId: SUMMER, platform: 'Meta', name: 'Summer Sale', products: [] },
    ]);
  });

  it('sets one campaign’s products and queues an attribution pass', async () => {
    const res = await api.request(`/api/brands/shop/campaign-products/${encodeURIComponent(SUMMER)}`, {
      method: 'PUT',
      token: owner,
      json: { products: ['SKU-1', 'SKU-2', 'SKU-1'] },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ name: 'Summer Sale', products: ['SKU-1', 'SKU-2'] });
    const brand = await api.deps.store.brands.get(systemContext('t_map', 'test'), 'shop');
    expect(brand!.campaignProducts).toEqual({ [SUMMER]: ['SKU-1', 'SKU-2'] });
  });

  it('imports a CSV naming campaigns by name, or lists every problem and saves nothing', async () => {
    const bad = await post('/api/brands/shop/campaign-products/import', owner, {
      fileName: 'promoted.csv',
      csv: 'platform,campaign,product\ngoogle,PMax | All products,SKU-9\nmeta,Winter,SKU-1\nbing,x,SKU-2\n',
    });
    expect(bad.status).toBe(400);
    const body = await bad.json();
    expect(body.error.code).toBe('invalid_request');
    expect(body.error.details.problems).toEqual([
      expect.stringMatching(/^promoted\.csv:3:6: no single meta campaign has the id or name "Winter"/),
      expect.stringMatching(/^promoted\.csv:4:1: "bing" is not an ad platform/),
    ]);
    const ctx = systemContext('t_map', 'test');
    expect((await api.deps.store.brands.get(ctx, 'shop'))!.campaignProducts).toEqual({
      [SUMMER]: ['SKU-1', 'SKU-2'],
    });
    const good = await post('/api/brands/shop/campaign-products/import', owner, {
      fileName: 'promoted.csv',
      csv: 'platform,campaign,product\ngoogle,PMax | All products,SKU-9\nyoutube,21736540913,SKU-8\n',
    });
    expect(good.status).toBe(200);
    expect((await api.deps.store.brands.get(ctx, 'shop'))!.campaignProducts).toEqual({
      [SUMMER]: ['SKU-1', 'SKU-2'],
      [PMAX]: ['SKU-9', 'SKU-8'],
    });
  });

  it('is for owners and admins to change, and another tenant’s brand is a 404', async () => {
    const asViewer = await post('/api/brands/shop/campaign-products/import', viewer, {
      csv: 'platform,campaign,product\n',
    });
    expect(asViewer.status).toBe(403);
    const foreign = await api.request('/api/brands/shop/campaign-products', { token: stranger });
    expect(foreign.status).toBe(404);
  });
});

describe('click-id mapping import', () => {
  it('stores platform,click_id,campaign rows the pass reads', async () => {
    const res = await post('/api/brands/shop/click-ids/import', owner, {
      fileName: 'clicks.csv',
      csv: 'platform,click_id,campaign\ngoogle,EAIaIQobChMI8rX1,PMax | All products\nfb,fb.1.17.AbC,120210000000001\n',
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ rows: 2 });
    const rows = await api.deps.warehouse.query(
      systemContext('t_map', 'test'),
      'SELECT platform, click_id, campaign, source FROM {{click_campaigns}} WHERE brand_id = @brand ORDER BY click_id',
      { brand: 'shop' },
    );
    expect(rows).toEqual([
      {
        platform: 'google_ads',
        click_id: 'EAIaIQobChMI8rX1',
        campaign: 'PMax | All products',
        source: 'import',
      },
      { platform: 'meta', click_id: 'fb.1.17.AbC', campaign: '120210000000001', source: 'import' },
    ]);
  });

  it('refuses a file with a problem, naming file:line:column', async () => {
    const res = await post('/api/brands/shop/click-ids/import', owner, {
      fileName: 'clicks.csv',
      csv: 'platform,click_id,campaign\ngoogle,,PMax\n',
    });
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toBe('clicks.csv:2:8: the click id is empty');
  });
});
