import { describe, expect, it } from 'vitest';
import { createFormat } from './format';

const f = (currency: string, locale = 'en-US', timeZone = 'America/New_York') =>
  createFormat({ locale, currency, timeZone });

describe('format', () => {
  it.each([
    ['USD', 'en-US', 123456, '$1,234.56'],
    ['JPY', 'ja-JP', 123456, '￥123,456'],
    ['EUR', 'de-DE', 123456, '1.234,56 €'],
    ['KWD', 'en-US', 1234, 'KWD 1.234'],
  ])('shows %s minor units in the currency and locale', (currency, locale, minor, expected) => {
    expect(
      f(currency, locale)
        .money(minor)
        .replace(/\u00a0/g, ' '),
    ).toBe(expected);
  });

  it('shows a brand-local day as that day whatever the timezone', () => {
    expect(f('USD', 'en-US', 'Pacific/Kiritimati').day('2026-03-01')).toBe('Mar 1, 2026');
    expect(f('USD', 'en-US', 'Pacific/Pago_Pago').day('2026-03-01')).toBe('Mar 1, 2026');
  });

  it('shows an instant in the brand timezone', () => {
    expect(f('USD', 'en-US', 'America/New_York').instant('2026-03-02T03:30:00Z')).toBe(
      'Mar 1, 2026, 10:30 PM',
    );
  });

  it('signs changes and shows ratios with a times sign', () => {
    const fmt = f('USD');
    expect(fmt.change(0.125)).toBe('+12.5%');
    expect(fmt.change(-0.5)).toBe('-50%');
    expect(fmt.change(null)).toBe('—');
    expect(fmt.ratio(3.2)).toBe('3.20×');
  });
});
