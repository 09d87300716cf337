import { describe, expect, it } from 'vitest';
import { createFormat } from './format';

const fmt = createFormat({ locale: 'en-US', currency: 'USD', timeZone: 'America/New_York' });

describe('the shared format in prose', () => {
  it.each([
    [2.5, '2.5 days'],
    [1, '1 day'],
    [6585.54, '6,585.5 days'],
    [0, '0 days'],
  ])('writes %s days of cover as "%s"', (n, expected) => {
    expect(fmt.daysLong(n)).toBe(expected);
  });

  it('writes money from minor units with the currency symbol and ROAS with a times sign', () => {
    expect(fmt.money(8_546_306)).toBe('$85,463.06');
    expect(fmt.ratio(3.4167)).toBe('3.42×');
  });
});
