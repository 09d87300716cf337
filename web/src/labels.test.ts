import { describe, expect, it } from 'vitest';
import { CHANNELS } from '../../shared/domain/content/post';
import {
  CONTENT_CHANNEL_IDS,
  CONTENT_CHANNELS,
  channelName,
  dimensionKeyLabel,
  humanize,
  platformLabel,
  productLabel,
} from './labels';

describe('labels', () => {
  it.each([
    ['gid://shopify/ProductVariant/101', 'Variant 101'],
    ['gid://shopify/Product/7', 'Product 7'],
    ['sku-42', 'sku-42'],
  ])('names product %s as %s', (id, label) => {
    expect(productLabel(id)).toBe(label);
  });

  it('names platforms, enums and drilldown keys in words', () => {
    expect(platformLabel('google_ads')).toBe('Google Ads');
    expect(humanize('spending_on_stockout')).toBe('Spending on stockout');
    expect(dimensionKeyLabel('channel', 'tiktok')).toBe('TikTok');
    expect(dimensionKeyLabel('region', 'CA')).toBe('Canada');
    expect(dimensionKeyLabel('region', 'US-NY')).toBe('New York, US');
  });

  it('names every content channel the domain knows, short for the log and long for the brief', () => {
    expect(CONTENT_CHANNEL_IDS).toEqual(CHANNELS);
    for (const id of CHANNELS) expect(CONTENT_CHANNELS[id].name).not.toBe(id);
    expect(channelName('facebook')).toBe('Facebook');
    expect(CONTENT_CHANNELS.facebook.label).toBe('Facebook Page');
    expect(channelName('instagram')).toBe('Instagram');
    expect(CONTENT_CHANNELS.instagram.label).toBe('Instagram');
  });

  it('words a channel the web app does not know yet instead of showing its raw id', () => {
    expect(channelName('threads_app')).toBe('Threads app');
  });
});
