import { describe, expect, it } from 'vitest';
import { funnelSteps } from '../../../shared/domain/customers/funnels';
import { createFormat } from '../format';
import { funnelBars, funnelChannelLabel, funnelRowLabel } from './customer-funnel';

const fmt = createFormat({ locale: 'en-US', currency: 'USD', timeZone: 'UTC' });
const steps = [
  { types: ['page_viewed'], label: 'Visited the store' },
  { types: ['product_viewed'], label: 'Viewed a product' },
  { types: ['checkout_completed'], label: 'Completed checkout' },
];

describe('the funnel as a merchant reads it', () => {
  it('gives counts, bars relative to the entrants and the share of the step before', () => {
    // 1,200 entered; 480 viewed a product (40 %); 24 of those completed (5 % of 480, 2 % of 1,200).
    const results = funnelSteps(steps, [
      { channel: 'meta', device: 'mobile', depth: 1, visitors: 720 },
      { channel: 'meta', device: 'mobile', depth: 2, visitors: 456 },
      { channel: 'meta', device: 'mobile', depth: 3, visitors: 24 },
    ]);
    expect(funnelBars(results, fmt)).toEqual([
      { label: 'Visited the store', visitors: '1,200 visitors', width: 1, note: 'entered' },
      { label: 'Viewed a product', visitors: '480 visitors', width: 0.4, note: '40% of the step before' },
      { label: 'Completed checkout', visitors: '24 visitors', width: 0.02, note: '5% of the step before' },
    ]);
  });

  it('says nobody reached the step before rather than dividing by zero', () => {
    const results = funnelSteps(steps, [{ channel: 'direct', device: 'desktop', depth: 1, visitors: 1 }]);
    expect(funnelBars(results, fmt).map((b) => [b.visitors, b.note])).toEqual([
      ['1 visitor', 'entered'],
      ['0 visitors', '0% of the step before'],
      ['0 visitors', 'nobody reached the step before'],
    ]);
  });

  it.each([
    ['meta', 'Meta'],
    ['google_ads', 'Google Ads'],
    ['organic_social', 'Organic social'],
    ['direct', 'Direct'],
  ])('names the channel %s as %s', (id, label) => {
    expect(funnelChannelLabel(id)).toBe(label);
  });

  it.each([
    ['mobile', 'Phone'],
    ['tablet', 'Tablet'],
    ['desktop', 'Desktop'],
    ['unknown', 'Not known'],
  ])('names the device class %s as %s', (key, label) => {
    expect(funnelRowLabel('device', key)).toBe(label);
  });

  it('names a channel row as the channel label does', () => {
    expect(funnelRowLabel('channel', 'google_ads')).toBe('Google Ads');
  });
});
