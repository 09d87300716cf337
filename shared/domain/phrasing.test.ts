import { describe, expect, it } from 'vitest';
import { amount, counted, days } from './phrasing';

describe('numbers in the sentences the API writes', () => {
  it.each([
    [84_616, 'USD', '$846.16'],
    [347_923, 'USD', '$3,479.23'],
    [-1_533, 'USD', '-$15.33'],
    [123_456_789_012_34, 'USD', '$123,456,789,012.34'],
    [1_234, 'JPY', '¥1,234'],
    [9_99, 'EUR', '€9.99'],
  ])('writes %i minor units of %s as %s', (minor, currency, shown) => {
    expect(amount(minor, currency)).toBe(shown);
  });

  it.each([
    [2.4927, '2.5 days'],
    [14, '14 days'],
    [128.352, '128 days'],
    [6585.5383, 'over a year'],
  ])('writes %f days as %s', (value, shown) => {
    expect(days(value)).toBe(shown);
  });

  it('puts a counted noun in the number it needs: "1 campaign", "4 campaigns", never "campaign(s)"', () => {
    expect(counted(1, 'campaign')).toBe('1 campaign');
    expect(counted(4, 'campaign')).toBe('4 campaigns');
    expect(counted(1_200, 'unit')).toBe('1,200 units');
    expect(counted(2, 'SKU', 'SKUs')).toBe('2 SKUs');
  });
});
