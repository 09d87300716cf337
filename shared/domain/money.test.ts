import { describe, expect, it } from 'vitest';
import { allocateMinor, convertMinor, formatMinor, parseDecimalToMinor } from './money';

describe('money', () => {
  it.each([
    ['12.50', 'USD', 1250],
    ['12.5', 'USD', 1250],
    ['0.015', 'USD', 2],
    ['-3', 'USD', -300],
    ['1200', 'JPY', 1200],
    ['1.2345', 'KWD', 1235],
  ])('parses %s %s to %i minor units', (value, currency, minor) => {
    expect(parseDecimalToMinor(value, currency)).toBe(minor);
  });

  it('rejects what is not a plain decimal', () => {
    expect(() => parseDecimalToMinor('1e2', 'USD')).toThrow(/not a decimal/);
  });

  it('allocation never creates or loses a cent', () => {
    const parts = allocateMinor(1000, [1, 1, 1]);
    expect(parts).toEqual([334, 333, 333]);
    expect(allocateMinor(-1001, [0.4, 0.2, 0.4]).reduce((a, b) => a + b, 0)).toBe(-1001);
  });

  it('converts between currencies of different exponents, rounding once', () => {
    expect(convertMinor(10_000, 'JPY', 'USD', 0.0067)).toBe(6700);
    expect(convertMinor(1999, 'EUR', 'USD', 1.0845)).toBe(2168);
  });

  it('formats minor units with the currency exponent', () => {
    expect(formatMinor(-5, 'USD')).toBe('-0.05');
    expect(formatMinor(1200, 'JPY')).toBe('1200');
  });
});
