import { describe, expect, it } from 'vitest';
import type { LocalDate } from '../time';
import { crossRate, type RateSeries } from './fx';

const d = (s: string) => s as LocalDate;
const series: RateSeries = {
  base: 'EUR',
  fixings: new Map([
    [
      'USD',
      new Map([
        [d('2026-03-06'), 1.1],
        [d('2026-03-09'), 1.12],
      ]),
    ],
    [
      'GBP',
      new Map([
        [d('2026-03-06'), 0.85],
        [d('2026-03-09'), 0.86],
      ]),
    ],
  ]),
};

describe('crossRate', () => {
  it('quotes against the base directly', () => {
    expect(crossRate(series, 'EUR', 'USD', d('2026-03-09'))).toBe(1.12);
    expect(crossRate(series, 'USD', 'EUR', d('2026-03-09'))).toBeCloseTo(1 / 1.12, 12);
  });

  it('crosses two non-base currencies through the base', () => {
    expect(crossRate(series, 'GBP', 'USD', d('2026-03-06'))).toBeCloseTo(1.1 / 0.85, 12);
  });

  it('uses Friday’s fixing on the weekend', () => {
    expect(crossRate(series, 'EUR', 'USD', d('2026-03-08'))).toBe(1.1);
  });

  it('has no rate before the first fixing or for an unknown currency', () => {
    expect(crossRate(series, 'EUR', 'USD', d('2026-02-20'))).toBeUndefined();
    expect(crossRate(series, 'EUR', 'JPY', d('2026-03-09'))).toBeUndefined();
  });

  it('is 1 between a currency and itself, with or without fixings', () => {
    expect(crossRate(series, 'JPY', 'JPY', d('2026-03-09'))).toBe(1);
  });
});
