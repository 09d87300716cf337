import { describe, expect, it } from 'vitest';
import { money, shareOf, statusLabel, toneOf, usageValue } from './billing-format';

describe('billing page numbers', () => {
  it('shows a limit as used of allowed, the AI budget in dollars', () => {
    expect(usageValue({ limit: 'messagesPerMonth', used: 1234, allowed: 25_000 }, 'en-US')).toBe(
      '1,234 of 25,000',
    );
    expect(usageValue({ limit: 'aiBudgetMicros', used: 12_345_678, allowed: 40_000_000 }, 'en-US')).toBe(
      '$12.35 of $40.00',
    );
  });

  it('colours a bar by how close it is to the limit', () => {
    expect(toneOf(shareOf({ used: 1, allowed: 10 }))).toBe('ok');
    expect(toneOf(shareOf({ used: 8, allowed: 10 }))).toBe('near');
    expect(toneOf(shareOf({ used: 12, allowed: 10 }))).toBe('over');
    // A limit of zero (posts on Free) is full as soon as anything is used.
    expect(shareOf({ used: 0, allowed: 0 })).toBe(0);
    expect(shareOf({ used: 1, allowed: 0 })).toBe(1);
  });

  it('formats invoice totals from minor units in their own currency', () => {
    expect(money(14_900, 'USD', 'en-US')).toBe('$149.00');
    expect(money(13_900, 'EUR', 'de-DE')).toBe('139,00\u00a0€');
  });

  it('names subscription states for people', () => {
    expect(statusLabel('past_due')).toBe('Payment due');
    expect(statusLabel('trialing')).toBe('Trial');
  });
});
