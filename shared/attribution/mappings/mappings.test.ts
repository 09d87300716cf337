import { describe, expect, it } from 'vitest';
import { createCampaignDirectory } from '../../domain/attribution/campaign-directory';
import { parseClickIdCsv } from './click-ids';
import { describeProblems, MAX_PROBLEMS } from './csv-table';
import { parsePromotedProductsCsv, withPromotedRows } from './promoted-products';

describe('click-id mapping CSV', () => {
  it('reads platform aliases, any column order and extra columns, a BOM and CRLF', () => {
    const text =
      '\uFEFFclick_id,Campaign,platform,note\r\nEAIaIQobChMI8rX1,PMax | All products,google,from CRM\r\nfb.1.1712.AbC,Summer Sale,Facebook,\r\n';
    expect(parseClickIdCsv(text, 'clicks.csv')).toEqual({
      ok: true,
      rows: [
        { platform: 'google_ads', clickId: 'EAIaIQobChMI8rX1', campaign: 'PMax | All products' },
        { platform: 'meta', clickId: 'fb.1.1712.AbC', campaign: 'Summer Sale' },
      ],
    });
  });

  it('lists every problem with its file, line and column, and keeps nothing', () => {
    const text = [
      'platform,click_id,campaign',
      'bing,abc,Spring',
      'google,,Spring',
      'tiktok,xyz,',
      'meta,abc2,A',
      'meta,abc2,B',
    ].join('\n');
    const result = parseClickIdCsv(text, 'clicks.csv');
    expect(result).toEqual({
      ok: false,
      count: 4,
      problems: [
        'clicks.csv:2:1: "bing" is not an ad platform (meta, facebook, instagram, google, google_ads, youtube, tiktok)',
        'clicks.csv:3:8: the click id is empty',
        'clicks.csv:4:12: the campaign (its id or exact name) is empty',
        'clicks.csv:6:6: click id "abc2" is already on line 5',
      ],
    });
  });

  it('names the missing column in the header', () => {
    const result = parseClickIdCsv('platform,gclid,campaign\ngoogle,x,y\n', 'c.csv');
    expect(result).toMatchObject({
      ok: false,
      problems: [
        'c.csv:1:1: the header row lacks the column "click_id" (it needs platform, click_id, campaign)',
      ],
    });
  });

  it(`caps the list at ${MAX_PROBLEMS} and counts the rest`, () => {
    const text = ['platform,click_id,campaign', ...Array.from({ length: 60 }, (_, i) => `nope,c${i},x`)].join(
      '\n',
    );
    const result = parseClickIdCsv(text, 'c.csv');
    if (result.ok) throw new Error('expected problems');
    expect(result.problems).toHaveLength(MAX_PROBLEMS);
    expect(result.count).toBe(60);
    expect(describeProblems(result)).toMatch(/… and 10 more problems$/);
  });
});

describe('promoted products CSV', () => {
  const campaigns = createCampaignDirectory([
    { id: 'meta:act_1:11', name: 'Summer Sale' },
    { id: 'meta:act_2:12', name: 'Summer Sale' },
    { id: 'google_ads:9:21', name: 'PMax' },
  ]);
  const catalog = new Set(['SKU-A', 'SKU-B', 'gid://shopify/ProductVariant/3']);

  it('resolves campaigns by name or id within the platform and groups products per campaign', () => {
    const text =
      'platform,campaign,product\ngoogle_ads,PMax,SKU-A\ngoogle_ads,pmax,SKU-B\nmeta,12,gid://shopify/ProductVariant/3\n';
    const result = parsePromotedProductsCsv(text, 'p.csv', campaigns, catalog);
    if (!result.ok) throw new Error(result.problems.join('\n'));
    expect(withPromotedRows({ 'meta:act_1:11': ['SKU-B'], 'google_ads:9:21': ['OLD'] }, result.rows)).toEqual(
      {
        'meta:act_1:11': ['SKU-B'],
        'google_ads:9:21': ['SKU-A', 'SKU-B'],
        'meta:act_2:12': ['gid://shopify/ProductVariant/3'],
      },
    );
  });

  it('refuses a name two campaigns share, an unknown campaign and a product not in the catalog', () => {
    const text = 'platform,campaign,product\nmeta,Summer Sale,SKU-A\ntiktok,PMax,SKU-A\ngoogle,PMax,SKU-Z\n';
    const result = parsePromotedProductsCsv(text, 'p.csv', campaigns, catalog);
    expect(result).toMatchObject({
      ok: false,
      count: 3,
      problems: [
        expect.stringMatching(/^p\.csv:2:6: no single meta campaign has the id or name "Summer Sale"/),
        expect.stringMatching(/^p\.csv:3:8: no single tiktok campaign/),
        'p.csv:4:13: no SKU, variant or product "SKU-Z" in the catalog',
      ],
    });
  });
});
