import { describe, expect, it } from 'vitest';
import { dimensionKeyLabel, humanize, platformLabel, productLabel } from './labels';

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
});
