import { describe, expect, it } from 'vitest';
import { createAttributeJob } from '../../shared/attribution/attribute-job';
import { ATTRIBUTION_MODELS } from '../../shared/domain/entities/brand';
import { customerVisitSchema } from '../../shared/platforms/shopify/schemas';
import { attributionColumns } from '../../shared/ports/warehouse-tables';
import { fixture, importTestbeds } from '../support/imports';

/**
 * Orders whose landing page carries a platform's click id and no utm_campaign, in the shape
 * Shopify's Admin API returns them (test/fixtures/imports/valid/shopify-orders-untagged-clicks.jsonl,
 * every field's source in test/fixtures/imports/SOURCES.md):
 * - `CustomerVisit.landingPage` is the "URL of the first page the customer landed on for the
 *   session", query string and all; `utmParameters` is null when the URL had no utm_* (shopify.dev,
 *   objects/CustomerVisit, objects/UTMParameters);
 * - TikTok: "TikTok Click ID (TTCLID) is a tracking parameter appended to a landing page URL
 *   whenever a user clicks on an ad on TikTok" (ads.tiktok.com/help/article/tiktok-click-id);
 * - Meta: "ClickID is a Meta-generated parameter that is passed with the URL of an advertiser's
 *   website when a user clicks an ad", `?fbclid=…` (developers.facebook.com, conversions-api/
 *   parameters/fbp-and-fbc);
 * - Google Ads: with auto-tagging "a Google Click Identifier (GCLID) is automatically added to every
 *   URL" (developers.google.com/google-ads/api/docs/reporting/valuetrack-mapping).
 * The product must credit each order to the platform that issued the click, campaign not
 * identified (decisions 981, 998), and show it in the dashboard line's middle part.
 */
const open = importTestbeds();

async function importedAndAttributed() {
  const bed = await open();
  await bed.run({ source: 'shopify', files: [fixture('valid/shopify-orders-untagged-clicks.jsonl')] });
  await createAttributeJob(bed.api.deps).runPass({
    tenantId: 't1',
    brandId: 'b1',
    idempotencyKey: 'untagged',
  });
  return bed;
}

describe('ad clicks with the platform’s click id and no campaign tag, as Shopify reports them', () => {
  it('its visits are in the shape the sync connector parses (every field queries.ts selects, strictly)', () => {
    const visits = fixture('valid/shopify-orders-untagged-clicks.jsonl')
      .content.trim()
      .split('\n')
      .map((line) => JSON.parse(line))
      .filter((node) => node.customerJourneySummary)
      .map((order) => order.customerJourneySummary.lastVisit);
    expect(visits).toHaveLength(4);
    for (const v of visits) expect(customerVisitSchema.strict().parse(v)).toEqual(v);
  });

  it('each click id credits its own platform, campaign not identified, under every model', async () => {
    const { query } = await importedAndAttributed();
    expect(
      await query(
        'SELECT order_id, click_id_type, utm_source, utm_campaign FROM {{touchpoints}} ORDER BY order_id',
      ),
    ).toEqual([
      { order_id: 'gid://shopify/Order/7101', click_id_type: 'ttclid', utm_source: null, utm_campaign: null },
      {
        order_id: 'gid://shopify/Order/7102',
        click_id_type: 'fbclid',
        utm_source: 'facebook',
        utm_campaign: null,
      },
      { order_id: 'gid://shopify/Order/7103', click_id_type: 'gclid', utm_source: null, utm_campaign: null },
      { order_id: 'gid://shopify/Order/7104', click_id_type: null, utm_source: null, utm_campaign: null },
    ]);
    expect(
      await query(
        'SELECT DISTINCT order_id, channel, platform, campaign_id, method FROM {{attributions}} ORDER BY order_id',
      ),
    ).toEqual([
      {
        order_id: 'gid://shopify/Order/7101',
        channel: 'tiktok',
        platform: 'tiktok',
        campaign_id: null,
        method: 'click_id_platform',
      },
      {
        order_id: 'gid://shopify/Order/7102',
        channel: 'meta',
        platform: 'meta',
        campaign_id: null,
        method: 'click_id_platform',
      },
      {
        order_id: 'gid://shopify/Order/7103',
        channel: 'google_ads',
        platform: 'google_ads',
        campaign_id: null,
        method: 'click_id_platform',
      },
      // The direct visit proves nothing: it is not credited to any platform.
      {
        order_id: 'gid://shopify/Order/7104',
        channel: 'direct',
        platform: null,
        campaign_id: null,
        method: 'unattributed',
      },
    ]);
    // One destination per order, so every model gives it the whole order.
    const credits = ATTRIBUTION_MODELS.map((m) => `MIN(${attributionColumns(m).credit})`).join(', ');
    const [row] = await query<Record<string, number>>(
      `SELECT ${credits}, COUNT(*) AS n FROM {{attributions}}`,
    );
    expect(Object.values(row!)).toEqual([...ATTRIBUTION_MODELS.map(() => 1), 4]);
  });

  it('the dashboard’s attribution line puts them in its middle part, one entry per platform, named', async () => {
    const { api } = await importedAndAttributed();
    const owner = await api.token({ tenantId: 't1', role: 'owner' });
    const res = await api.request('/api/brands/b1/dashboard?from=2026-03-10&to=2026-03-12', { token: owner });
    expect(res.status).toBe(200);
    const { attribution } = await res.json();
    expect(attribution).toMatchObject({
      attributedRevenueMinor: 0,
      campaignNotIdentifiedRevenueMinor: 5800 + 11000 + 7250,
      unattributedRevenueMinor: 3100,
    });
    expect(
      attribution.campaignNotIdentified.map((p: { channel: string; revenueMinor: number; name: string }) => [
        p.channel,
        p.revenueMinor,
        p.name,
      ]),
    ).toEqual([
      ['meta', 11000, 'Meta — campaign not identified'],
      ['google_ads', 7250, 'Google Ads — campaign not identified'],
      ['tiktok', 5800, 'TikTok — campaign not identified'],
    ]);
  });
});
