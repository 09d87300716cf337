import { describe, expect, it } from 'vitest';
import { createFormat, formatUnit, inCurrency } from './format';

const fmt = createFormat({ locale: 'en-US', currency: 'USD', timeZone: 'America/New_York' });

describe('the shared format in prose', () => {
  it.each([
    [2.5, '2.5 days'],
    [1, '1 day'],
    [45.4, '45 days'],
    [364.6, '365 days'],
    [6585.54, 'over a year'],
    [0, '0 days'],
  ])('writes %s days of cover as "%s"', (n, expected) => {
    expect(fmt.daysLong(n)).toBe(expected);
  });

  it('writes money from minor units with the currency symbol and ROAS with a times sign', () => {
    expect(fmt.money(8_546_306)).toBe('$85,463.06');
    expect(fmt.ratio(3.4167)).toBe('3.42×');
  });
});

describe('estimated probabilities', () => {
  it.each([
    [0.9996, 'over 99.9%'],
    [0.995, '99.5%'],
    [0.42, '42%'],
    [0.0004, 'under 0.1%'],
    [1, '100%'],
    [0, '0%'],
  ])('writes an estimate of %s as "%s", never a certainty it is not', (p, expected) => {
    expect(fmt.probability(p)).toBe(expected);
  });
});

describe('periods', () => {
  it.each([
    ['2026-11-01', '2026-11-28', 'Nov 1\u2009–\u200928, 2026'],
    ['2026-10-04', '2026-11-28', 'Oct 4\u2009–\u2009Nov 28, 2026'],
    ['2025-12-04', '2026-01-28', 'Dec 4, 2025\u2009–\u2009Jan 28, 2026'],
    ['2026-11-30', '2026-11-30', 'Nov 30, 2026'],
  ])('writes %s to %s as "%s"', (from, to, expected) => {
    expect(fmt.dayRange(from, to)).toBe(expected);
  });
});

describe('phone numbers', () => {
  it('writes E.164 numbers in groups people read, and leaves anything else as stored', async () => {
    const { phoneNumber } = await import('./format');
    expect(phoneNumber('+15035550182')).toBe('+1 503-555-0182');
    expect(phoneNumber('+442079460958')).toBe('+44 207 946 0958');
    expect(phoneNumber('+353861234567')).toBe('+353 861 234 567');
    expect(phoneNumber('503 555 0182')).toBe('503 555 0182');
  });
});

describe('formatUnit', () => {
  const usd = createFormat({ locale: 'en-US', currency: 'USD', timeZone: 'UTC' });
  it.each([
    ['money-minor', 347_923, 'USD', '$3,479.23'],
    ['money-minor', 9_900, 'EUR', '€99.00'],
    ['money-major', 99, 'EUR', '€99.00'],
    ['money-major', 1_500, 'JPY', '¥1,500'],
    ['ratio', 2.4, 'USD', '2.40×'],
    ['percent', 12.5, 'USD', '12.5%'],
    ['percent', 208.64, 'USD', '208.6%'],
    ['percent', -4.25, 'USD', '-4.3%'],
    ['fraction', 0.125, 'USD', '12.5%'],
    ['days', 14, 'USD', '14 days'],
    ['count', 2_600, 'USD', '2,600'],
  ] as const)('%s %s in %s reads %s', (unit, value, currency, text) => {
    expect(formatUnit(usd, unit, value, currency)).toBe(text);
  });

  it('formats dates declared as dates and leaves other strings as they are', () => {
    expect(formatUnit(usd, 'date', '2026-11-14')).toBe('Nov 14, 2026');
    expect(formatUnit(usd, 'date', '2026-12')).toBe('December 2026');
    expect(formatUnit(usd, 'date', '2026-11-14T09:30:00.000Z')).toBe('Nov 14, 2026, 9:30 AM');
    expect(formatUnit(usd, 'text', '2026-11-14')).toBe('2026-11-14');
    expect(formatUnit(usd, 'money-minor', null)).toBe('—');
  });

  it('says the app’s keys declared as labels in the app’s words, and other text as it is', () => {
    expect(formatUnit(usd, 'label', 'reduce_spend')).toBe('Reduce spend');
    expect(formatUnit(usd, 'label', 'stockout_risk')).toBe('Stockout risk');
    // As the inventory view's legend says it.
    expect(formatUnit(usd, 'label', 'overspending_low_stock')).toBe('Overspending, low stock');
    expect(formatUnit(usd, 'text', 'reduce_spend')).toBe('reduce_spend');
  });

  it('keeps the reader’s language and timezone in another currency', () => {
    const de = createFormat({ locale: 'de-DE', currency: 'EUR', timeZone: 'Europe/Berlin' });
    // Intl puts a no-break space before the symbol in German.
    expect(inCurrency(de, 'USD').money(12_345)).toBe('123,45\u00a0$');
    expect(inCurrency(de, 'EUR')).toBe(de);
  });
});
