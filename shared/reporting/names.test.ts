import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestBrand, rows, type TestBrand } from '../../test/support/attribution-pass';
import { createNameBook, unnamedCampaign } from '../domain/names/names';
import { localDate } from '../domain/time';
import { loadCampaignNames, loadNameBook, loadRegionNames } from './names';

const META = 'meta:act_1:120210000000001';
const GOOGLE = 'google_ads:1234567890:21736540913';
const TIKTOK = 'tiktok:700:1790000000001';
const META_ADSET = 'meta:act_1:120210000000201';
const TIKTOK_ADGROUP = 'tiktok:700:1760000000001';

describe('campaign names', () => {
  let w: TestBrand;
  beforeAll(async () => {
    w = await createTestBrand('2026-03-31T16:00:00Z');
    const range = { brandId: 'b1', from: localDate('2026-03-01'), to: localDate('2026-03-31') };
    const named = (date: string, platform: string, id: string, name: string) => ({
      ...rows.spend(date, platform, id, null, 100),
      campaign_name: name,
    });
    await w.deps.warehouse.replaceRange(w.ctx, 'ad_performance', range, [
      // An Ads Manager export: names only on report rows; renamed on the 20th.
      named('2026-03-10', 'meta', META, 'Spring Sale'),
      named('2026-03-20', 'meta', META, 'Spring Sale – Broad'),
      named('2026-03-05', 'google_ads', GOOGLE, 'PMax old'),
      rows.spend('2026-03-05', 'tiktok', TIKTOK, null, 100),
      // Ad-set rows: the Meta ad set renamed on the 20th; a TikTok ad group no source named.
      {
        ...named('2026-03-10', 'meta', META, 'Spring Sale'),
        adset_id: META_ADSET,
        adset_name: 'Broad 25–44',
      },
      {
        ...named('2026-03-20', 'meta', META, 'Spring Sale – Broad'),
        adset_id: META_ADSET,
        adset_name: 'Broad 18–65',
      },
      { ...rows.spend('2026-03-06', 'tiktok', TIKTOK, null, 100), adset_id: TIKTOK_ADGROUP },
    ]);
    // A sync's snapshot of the Google campaign, newer than its report rows.
    await w.deps.warehouse.replaceRange(w.ctx, 'campaigns', range, [
      { ...rows.campaign('2026-03-30', 'google_ads', GOOGLE, []), name: 'PMax | All products' },
    ]);
    // Orders name their shipping province beside its code; one from before the name was kept.
    const order = (id: string, date: string, region: string, name: string | null) => ({
      ...rows.order({ id, at: `${date}T12:00:00Z`, date, region }),
      region_name: name,
    });
    await w.deps.warehouse.replaceRange(w.ctx, 'orders', range, [
      order('o1', '2026-03-02', 'MX-CMX', 'Distrito Federal'),
      order('o2', '2026-03-12', 'MX-CMX', 'Ciudad de México'),
      order('o3', '2026-03-12', 'US-NY', null),
    ]);
  });
  afterAll(async () => w.close());

  it('takes the newest name from campaign snapshots or the rows an import carried', async () => {
    const names = await loadCampaignNames(w.deps.warehouse, w.ctx, 'b1');
    expect(names.sort((a, b) => a.campaignId.localeCompare(b.campaignId))).toEqual([
      { campaignId: GOOGLE, platform: 'google_ads', accountId: '1234567890', name: 'PMax | All products' },
      { campaignId: META, platform: 'meta', accountId: 'act_1', name: 'Spring Sale – Broad' },
    ]);
  });

  it('stands in for an unnamed campaign with its platform and native id, never the internal id', async () => {
    const book = await loadNameBook(w.deps.warehouse, w.ctx, 'b1');
    expect(book.campaign(META)).toBe('Spring Sale – Broad');
    expect(book.campaign(TIKTOK)).toBe('TikTok campaign 1790000000001');
    expect(book.hasName(TIKTOK)).toBe(false);
    expect(unnamedCampaign('google_ads:1234567890:21736540913')).toBe('Google Ads campaign 21736540913');
    expect(createNameBook([]).account('meta', 'act_1')).toBe('Meta account act_1');
  });

  it('names regions as the newest order spelled them, and from the code when no order named it', async () => {
    expect(await loadRegionNames(w.deps.warehouse, w.ctx, 'b1')).toEqual([
      { region: 'MX-CMX', name: 'Ciudad de México' },
    ]);
    const book = await loadNameBook(w.deps.warehouse, w.ctx, 'b1', { regions: true });
    expect(book.region('MX-CMX')).toBe('Ciudad de México, Mexico');
    expect(book.region('US-NY')).toBe('New York, US');
  });

  it('names ad sets from the newest report row, and stands in with the platform’s own word', async () => {
    const book = await loadNameBook(w.deps.warehouse, w.ctx, 'b1');
    expect(book.adSet(META_ADSET)).toBe('Broad 18–65');
    expect(book.adSet(TIKTOK_ADGROUP)).toBe('TikTok ad group 1760000000001');
    expect(book.adSet('google_ads:1234567890:150000000001')).toBe('Google Ads ad group 150000000001');
  });
});
