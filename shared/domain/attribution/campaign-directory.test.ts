import { describe, expect, it } from 'vitest';
import { createCampaignDirectory, findCampaign, utmNameCandidates } from './campaign-directory';
import { resolveTouch } from './channels';
import type { TouchShape } from './types';

const SUMMER_US = 'meta:act_1:120210000000001';
const SUMMER_EU = 'meta:act_2:120210000000002';
const PROSPECTING = 'meta:act_1:120210000000003';
const TT_SPRING = 'tiktok:700:1790000000001';
const GOOGLE_PMAX = 'google_ads:1234567890:21736540913';

const directory = () =>
  createCampaignDirectory([
    { id: SUMMER_US, name: 'Summer Sale' },
    { id: PROSPECTING, name: 'Prospecting – Broad (A+B test)' },
    { id: TT_SPRING, name: 'Spring Drop' },
    { id: GOOGLE_PMAX, name: 'PMax | All products' },
  ]);

const shape = (over: Partial<TouchShape>): TouchShape => ({
  source: null,
  medium: null,
  campaign: null,
  clickIdType: null,
  ...over,
});

describe('utm_campaign by id or exact name, within the platform utm_source names', () => {
  it.each([
    ['Summer Sale', 'facebook'],
    ['summer sale', 'fb'],
    ['SUMMER+SALE', 'ig'],
    ['Summer%20Sale', 'instagram'],
    ['  Summer   Sale ', 'meta'],
    ['Summer Sale', 'Facebook'],
  ])('"%s" from utm_source=%s is Meta\'s "Summer Sale"', (campaign, source) => {
    expect(resolveTouch(shape({ source, medium: 'paid', campaign }), directory())).toMatchObject({
      campaignId: SUMMER_US,
      platform: 'meta',
      method: 'utm',
      confidence: 0.8,
    });
  });

  it('decodes an encoded + in a name before the + that stands for a space', () => {
    const d = directory();
    // Meta's {{campaign.name}} in a URL: spaces as +, a real + as %2B, the dash as %E2%80%93.
    const encoded = 'Prospecting+%E2%80%93+Broad+(A%2BB+test)';
    expect(resolveTouch(shape({ source: 'facebook', campaign: encoded }), d).campaignId).toBe(PROSPECTING);
    // The same name as Shopify may already hold it, decoded.
    expect(
      resolveTouch(shape({ source: 'facebook', campaign: 'Prospecting – Broad (A+B test)' }), d).campaignId,
    ).toBe(PROSPECTING);
  });

  it.each([
    ['google', GOOGLE_PMAX, 'PMax | All products'],
    ['youtube', GOOGLE_PMAX, 'pmax | all products'],
    ['google', GOOGLE_PMAX, '21736540913'],
    ['tiktok', TT_SPRING, 'Spring Drop'],
    ['tiktok', TT_SPRING, '1790000000001'],
  ])('utm_source=%s finds %s by "%s"', (source, id, campaign) => {
    expect(resolveTouch(shape({ source, medium: 'cpc', campaign }), directory()).campaignId).toBe(id);
  });

  it("does not look a name up on another platform: TikTok's source naming Meta's campaign stays TikTok's channel", () => {
    expect(
      resolveTouch(shape({ source: 'tiktok', medium: 'paid', campaign: 'Summer Sale' }), directory()),
    ).toMatchObject({ campaignId: null, channel: 'tiktok', method: 'channel' });
  });

  it('a newsletter named like a campaign is email, not the campaign', () => {
    expect(
      resolveTouch(shape({ source: 'klaviyo', medium: 'email', campaign: 'summer sale' }), directory()),
    ).toMatchObject({ campaignId: null, channel: 'email' });
  });

  it('a native id no other platform uses still matches without a known source', () => {
    expect(resolveTouch(shape({ source: 'newsletter', campaign: '21736540913' }), directory())).toMatchObject(
      {
        campaignId: GOOGLE_PMAX,
        channel: 'google_ads',
        method: 'utm',
      },
    );
  });

  it('a name two campaigns of the platform share (a USD and a EUR account) matches neither', () => {
    const d = createCampaignDirectory([
      { id: SUMMER_US, name: 'Summer Sale' },
      { id: SUMMER_EU, name: 'summer sale' },
    ]);
    expect(findCampaign(d, 'meta', 'Summer Sale')).toBeNull();
    // Their ids still tell them apart.
    expect(findCampaign(d, 'meta', '120210000000002')).toBe(SUMMER_EU);
  });

  it('an id beats a name that happens to spell it', () => {
    const d = createCampaignDirectory([
      { id: 'meta:act_1:42', name: 'Retargeting' },
      { id: 'meta:act_1:77', name: '42' },
    ]);
    expect(findCampaign(d, 'meta', '42')).toBe('meta:act_1:42');
  });

  it('a value with a stray % is read as written instead of failing', () => {
    expect(utmNameCandidates('50%+off')).toEqual(['50% off', '50%+off']);
    const d = createCampaignDirectory([{ id: 'meta:act_1:5', name: '50% off' }]);
    expect(findCampaign(d, 'meta', '50%+off')).toBe('meta:act_1:5');
  });
});

describe('click ids', () => {
  it('a gclid that click_view (or an imported mapping) maps to a campaign is a click-id match', () => {
    const d = directory();
    expect(
      resolveTouch(
        shape({ clickIdType: 'gclid', clickPlatform: 'google_ads', clickCampaign: '21736540913' }),
        d,
      ),
    ).toMatchObject({ campaignId: GOOGLE_PMAX, method: 'click_id', confidence: 0.95 });
    // An imported mapping may name the campaign instead, and beats a UTM naming another one.
    expect(
      resolveTouch(
        shape({
          source: 'facebook',
          campaign: 'Summer Sale',
          clickIdType: 'fbclid',
          clickPlatform: 'meta',
          clickCampaign: 'Prospecting – Broad (A+B test)',
        }),
        d,
      ),
    ).toMatchObject({ campaignId: PROSPECTING, method: 'click_id' });
  });

  it('an fbclid next to a utm_campaign name is a click-id match on Meta', () => {
    expect(
      resolveTouch(shape({ clickIdType: 'fbclid', campaign: 'Summer+Sale' }), directory()),
    ).toMatchObject({ campaignId: SUMMER_US, method: 'click_id' });
  });

  it('a gclid nothing maps still proves Google Ads: its channel, campaign not identified', () => {
    expect(resolveTouch(shape({ clickIdType: 'gclid' }), directory())).toMatchObject({
      campaignId: null,
      channel: 'google_ads',
      platform: 'google_ads',
      method: 'click_id_platform',
    });
  });
});
