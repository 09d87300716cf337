import { describe, expect, it } from 'vitest';
import { messageParts } from './engagement-campaign';

describe('a message preview shows its links as a mail app does', () => {
  it('names a tracked link by its address without the tracking tags, and keeps the full URL to open', () => {
    const url =
      'https://demo-brand.myshopify.com/collections/all?utm_source=pulsepoint&utm_medium=email&utm_campaign=win-back';
    expect(messageParts(`Come back for 15% off: ${url}. See you soon`)).toEqual([
      { text: 'Come back for 15% off: ' },
      { url, label: 'demo-brand.myshopify.com/collections/all' },
      { text: '. See you soon' },
    ]);
  });

  it('leaves text without a link as it is', () => {
    expect(messageParts('Free shipping on your next order.')).toEqual([
      { text: 'Free shipping on your next order.' },
    ]);
  });

  it('names a link to a shop’s home page by its host', () => {
    expect(messageParts('https://shop.example/?utm_source=x')).toEqual([
      { url: 'https://shop.example/?utm_source=x', label: 'shop.example' },
    ]);
  });
});
