import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MetaSandbox, startMetaSandbox } from '../../infra/sandbox/meta';
import { createAttributeJob } from '../../shared/attribution/attribute-job';
import type { Recommendation } from '../../shared/domain/entities';
import { createFormat } from '../../shared/domain/format';
import { createRecommendJob } from '../../shared/recommendations/recommend-job';
import { createTestApi, type TestApi } from '../support/api';
import { BRAND_TZ, importBodies, planStore, START } from './import-store';

/**
 * Recommendations on an imported store whose files end in March, looked at in November: the
 * recommend pass (over the pass's range, up to today) judges the store's own last fortnight
 * instead of an empty one, and every text says which days it judged (decision 971).
 */
const judged = `Judged on ${createFormat({ locale: 'en-US', currency: 'USD', timeZone: BRAND_TZ }).dayRange('2026-03-02', '2026-03-15')}`;
let api: TestApi;
let fx: MetaSandbox;
let owner: string;

beforeAll(async () => {
  fx = await startMetaSandbox({ endDate: '2026-03-20' });
  api = await createTestApi({
    now: '2026-11-20T12:00:00Z',
    env: { PULSEPOINT_FX_RATES_URL: `${fx.url}/service/data` },
  });
  await api.seedTenant('t_hist', [{ id: 'shop', currency: 'USD', timezone: BRAND_TZ }]);
  owner = await api.token({ tenantId: 't_hist', role: 'owner' });
  for (const body of importBodies(planStore())) {
    const res = await api.request('/api/brands/shop/imports', { method: 'POST', token: owner, json: body });
    expect(res.status, JSON.stringify(await res.clone().json())).toBe(201);
  }
  const pass = await createAttributeJob(api.deps).runPass({
    tenantId: 't_hist',
    brandId: 'shop',
    idempotencyKey: 'hist',
    from: START,
  });
  await createRecommendJob(api.deps)({
    tenantId: 't_hist',
    brandId: 'shop',
    idempotencyKey: 'hist',
    range: pass.range,
  });
}, 60_000);
afterAll(async () => {
  await api?.close();
  await fx?.close();
});

describe('recommendations on an imported store whose data ends in March', () => {
  it('recommends cutting Google Ads at 0.02× ROAS, judged on Mar 2 – 15, 2026 and saying so', async () => {
    const res = await api.request('/api/brands/shop/recommendations?status=open', { token: owner });
    expect(res.status).toBe(200);
    const { recommendations } = (await res.json()) as { recommendations: Recommendation[] };
    const google = recommendations.find((r) => r.change.platform === 'google_ads');
    expect(google?.type).toBe('reduce_spend');
    expect(google!.change.campaignName).toBe('Search - Brand');
    expect(google!.reason).toMatch(/^Over 14 days "Search - Brand" spent \$14,/);
    expect(google!.reason).toMatch(/ROAS 0\.0\d×/);
    expect(google!.reason).toContain(`${judged}, the last days with data.`);
    for (const r of recommendations) expect(r.reason).toContain(judged);
  });
});
