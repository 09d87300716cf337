import { describe, expect, it } from 'vitest';
import { microsToMinor } from '.';

describe('microsToMinor', () => {
  it.each([
    ['1234567', 'USD', 123], // $1.234567 → 123 cents
    ['1235000', 'USD', 124], // half a cent rounds up
    ['1500000', 'JPY', 2], // yen has no minor unit
    ['1234500', 'KWD', 1235], // fils: three decimals
    ['0', 'EUR', 0],
  ])('%s micros of %s is %i minor units', (micros, currency, minor) => {
    expect(microsToMinor(micros, currency)).toBe(minor);
  });
});
