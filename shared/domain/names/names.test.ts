import { describe, expect, it } from 'vitest';
import { MATCH_METHODS } from '../attribution/types';
import {
  campaignLabel,
  campaignNote,
  createNameBook,
  matchMethodWords,
  unidentifiedCampaign,
  withoutCampaignRow,
} from './names';

const book = createNameBook([
  { campaignId: 'tiktok:700:1790000000001', platform: 'tiktok', accountId: '700', name: 'Spark - Trail' },
]);

describe('a row of credit by its campaign (decision 981)', () => {
  it.each([
    ['tiktok', 'tiktok:700:1790000000001', 'Spark - Trail'],
    ['tiktok', null, 'TikTok — campaign not identified'],
    ['tiktok', 'unknown', 'TikTok — campaign not identified'],
    ['meta', null, 'Meta — campaign not identified'],
    ['google_ads', undefined, 'Google Ads — campaign not identified'],
    ['email', null, 'Email — no campaign'],
    ['direct', null, 'Direct — no campaign'],
    ['meta', 'meta:act_1:120210000000999', 'Meta campaign 120210000000999'],
  ])('%s / %s reads “%s”', (channel, campaignId, label) => {
    expect(campaignLabel(book, channel, campaignId)).toBe(label);
  });

  it('the platform’s row says why (its click id, no campaign tag) and where to add the tag', () => {
    expect(unidentifiedCampaign('tiktok')).toBe('TikTok — campaign not identified');
    const tiktok = campaignNote('tiktok', null);
    expect(tiktok).toContain('ttclid');
    expect(tiktok).toContain('utm_campaign=__CAMPAIGN_ID__');
    expect(campaignNote('tiktok', 'unknown')).toBe(tiktok);
    expect(campaignNote('google_ads', undefined)).toMatch(
      /gclid or gbraid or wbraid.*utm_campaign=\{campaignid\}/,
    );
    expect(campaignNote('meta', null)).toMatch(/fbclid.*\{\{campaign\.id\}\}/);
  });

  it.each(['tiktok', 'meta', 'google_ads', 'email'])(
    'every view’s %s row without a campaign is the same row: campaignLabel’s name and campaignNote’s note',
    (channel) => {
      expect(withoutCampaignRow(channel)).toEqual({
        name: campaignLabel(book, channel, null),
        note: campaignNote(channel, null),
      });
    },
  );

  it.each([
    ['email', null],
    ['direct', 'unknown'],
    ['tiktok', 'tiktok:700:1790000000001'],
  ])('a row of %s / %s needs no note: nothing to tag, or its campaign is known', (channel, campaignId) => {
    expect(campaignNote(channel, campaignId)).toBeNull();
  });
});

describe('how an order was tied to its campaign, in words', () => {
  it('has words for every match method, none of them the raw key', () => {
    for (const method of MATCH_METHODS) {
      const words = matchMethodWords(method);
      expect(words, method).not.toMatch(/_/);
      expect(words.toLowerCase(), method).not.toBe(method.replace(/_/g, ' '));
    }
    expect(matchMethodWords('unattributed')).toBe('no ad, campaign or tagged visit found');
  });
});
