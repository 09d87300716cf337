import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../../../test/support/api';
import { anAdRow } from '../../../test/support/builders';
import { seedTenantWithData } from '../../../test/support/tenants';
import { localDate } from '../../domain/time';

/**
 * The campaign drilldown lists the campaign's ad sets by name with what the platform reported;
 * every expected figure is added up by hand from the rows planted here.
 */
const B = 'adsets';
const CAMPAIGN = `meta:act_${B}:camp_1`;
const BROAD = `meta:act_${B}:5551`;
const LOOKALIKE = `meta:act_${B}:5552`;
let api: TestApi;
let token: string;

beforeAll(async () => {
  api = await createTestApi();
  const { ctx } = await seedTenantWithData(api, 't_adsets', [B]);
  const row = (date: string, adset: string | null, spend: number, over: Record<string, unknown> = {}) =>
    anAdRow(B, date, 'meta', spend, {
      account_id: `act_${B}`,
      campaign_id: CAMPAIGN,
      campaign_name: 'Spring Sale',
      adset_id: adset,
      ...over,
    });
  await api.deps.warehouse.replaceRange(
    ctx,
    'ad_performance',
    { brandId: B, from: localDate('2026-10-01'), to: localDate('2026-11-30') },
    [
      // Broad, renamed on the 10th; two regions that day.
      row('2026-11-09', BROAD, 1_500, { adset_name: 'Broad 25–44', region: 'US-CA' }),
      row('2026-11-10', BROAD, 4_000, {
        adset_name: 'Broad 18–65',
        region: 'US-CA',
        platform_conversions: 1.5,
      }),
      row('2026-11-10', BROAD, 2_000, { adset_name: 'Broad 18–65', region: 'US-TX' }),
      // An ad set no source named.
      row('2026-11-10', LOOKALIKE, 2_500, { impressions: 400, clicks: 3 }),
      // Outside the period, and another campaign: neither counts.
      row('2026-10-01', BROAD, 99_999, { adset_name: 'Broad 18–65' }),
      anAdRow(B, '2026-11-10', 'meta', 7_777, {
        account_id: `act_${B}`,
        campaign_id: `meta:act_${B}:camp_2`,
      }),
    ],
  );
  token = await api.token({ tenantId: 't_adsets', role: 'admin' });
});
afterAll(async () => api?.close());

const period = 'from=2026-11-01&to=2026-11-30';

describe('campaign drilldown: ad sets', () => {
  it('lists the ad sets by name with spend, delivery and platform conversions summed by hand', async () => {
    const res = await api.request(
      `/api/brands/${B}/drilldown/campaign/${encodeURIComponent(CAMPAIGN)}?${period}`,
      { token },
    );
    expect(res.status).toBe(200);
    const body = (await res.json()) as { adSets: unknown };
    expect(body.adSets).toEqual({
      term: 'ad set',
      rows: [
        {
          adsetId: BROAD,
          name: 'Broad 18–65',
          spendMinor: 1_500 + 4_000 + 2_000,
          impressions: 3_000,
          clicks: 30,
          conversions: 1 + 1.5 + 1,
          conversionValueMinor: (1_500 + 4_000 + 2_000) * 3,
        },
        {
          adsetId: LOOKALIKE,
          name: 'Meta ad set 5552',
          spendMinor: 2_500,
          impressions: 400,
          clicks: 3,
          conversions: 1,
          conversionValueMinor: 7_500,
        },
      ],
    });
  });

  it('exports the same table as CSV, names first and the id beside them', async () => {
    const res = await api.request(
      `/api/brands/${B}/campaigns/${encodeURIComponent(CAMPAIGN)}/ad-sets.csv?${period}`,
      { token },
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect((await res.text()).split('\n')).toEqual([
      'campaign,ad_set,ad_set_id,currency,spend,impressions,clicks,platform_conversions,platform_conversion_value',
      `Spring Sale,Broad 18–65,${BROAD},USD,75.00,3000,30,3.5,225.00`,
      `Spring Sale,Meta ad set 5552,${LOOKALIKE},USD,25.00,400,3,1,75.00`,
      '',
    ]);
  });

  it('answers 404 for a campaign no platform ever reported, and only the header for a period without spend', async () => {
    const res = await api.request(
      `/api/brands/${B}/campaigns/${encodeURIComponent(`meta:act_${B}:nothing`)}/ad-sets.csv?${period}`,
      { token },
    );
    expect(res.status).toBe(404);
    const quiet = await api.request(
      `/api/brands/${B}/campaigns/${encodeURIComponent(CAMPAIGN)}/ad-sets.csv?from=2026-09-01&to=2026-09-30`,
      { token },
    );
    expect(quiet.status).toBe(200);
    expect((await quiet.text()).split('\n')).toEqual([
      'campaign,ad_set,ad_set_id,currency,spend,impressions,clicks,platform_conversions,platform_conversion_value',
      '',
    ]);
  });
});
