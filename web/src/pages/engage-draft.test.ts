import { describe, expect, it } from 'vitest';
import { aRecommendation } from '../../../test/support/builders';
import { createFormat } from '../format';
import { audienceWords, draftFromSearch, emptyAudienceReason, engageDraftHref } from './engage-draft';

const engage = aRecommendation('b1', {
  type: 'engage',
  change: { productId: 'gid://shopify/ProductVariant/202', currency: 'USD' },
  evidence: {
    product: 'Alpine Throw — OS',
    parent_product_id: 'gid://shopify/Product/2',
    audience_customers: 12,
  },
});

describe('the campaign draft an engage recommendation links to', () => {
  it('carries the product and audience to the engagement page and back into the form', () => {
    const link = engageDraftHref('b1', engage);
    expect(link?.startsWith('/brands/b1/engagement?')).toBe(true);
    const draft = draftFromSearch(new URL(link!, 'https://app.example').searchParams);
    expect(draft).toEqual({
      productId: 'gid://shopify/ProductVariant/202',
      parentId: 'gid://shopify/Product/2',
      product: 'Alpine Throw — OS',
      audience: 12,
      name: 'Alpine Throw — OS: for the customers interested in it',
      text: 'Hi {{first_name|there}}, Alpine Throw — OS is still here for you.',
    });
  });

  it('is absent for other recommendations and plain engagement addresses', () => {
    expect(engageDraftHref('b1', { ...engage, type: 'promote' })).toBeUndefined();
    expect(draftFromSearch(new URLSearchParams(''))).toBeUndefined();
    expect(draftFromSearch(new URLSearchParams('draft=engage'))).toBeUndefined();
  });
});

describe('why an audience counts no one', () => {
  const seg = (customers: number) => ({ segment: 'at_risk', label: 'At risk', customers });
  it.each([
    ['no analytics yet', { model: null, segments: [] }, 'at_risk', /not been computed/],
    [
      'no order names a customer',
      { model: { customers: 0 }, segments: [seg(0)] },
      'at_risk',
      /None of the orders carries a Shopify customer or an email address/,
    ],
    [
      'an empty segment',
      { model: { customers: 40 }, segments: [seg(0)] },
      'at_risk',
      /No customer is in the At risk segment/,
    ],
  ] as const)('%s', (_, segments, segment, reason) => {
    expect(emptyAudienceReason(0, segments, segment, null)).toMatch(reason);
  });
  it('says nothing of an audience with customers', () => {
    expect(emptyAudienceReason(3, { model: null, segments: [] }, null, null)).toBeNull();
  });
});

describe('the audience count reads in the reader’s numbers', () => {
  it('counts through the brand’s formatter: the reader’s grouping, the noun in its number', () => {
    const de = createFormat({ locale: 'de-DE', currency: 'EUR', timeZone: 'Europe/Berlin' });
    const us = createFormat({ locale: 'en-US', currency: 'USD', timeZone: 'UTC' });
    expect(audienceWords(1234, null, de)).toBe('1.234 customers in this audience (before consent).');
    expect(audienceWords(1234, null, us)).toBe('1,234 customers in this audience (before consent).');
    expect(audienceWords(1, null, us)).toBe('1 customer in this audience (before consent).');
    expect(audienceWords(0, 'No customer matches this audience today.', us)).toBe(
      '0 customers in this audience (before consent). No customer matches this audience today.',
    );
  });
});
