import { describe, expect, it } from 'vitest';
import type { LocalDate } from '../../../shared/domain/time';
import { usdPer } from '../world';
import { factsFor } from './facts';

const d = (s: string) => s as LocalDate;

describe('ad sandbox facts', () => {
  it('restates recent days upwards until they settle', () => {
    const day = d('2026-03-09');
    const spend = (asOf: string) => factsFor('meta', day, day, d(asOf)).reduce((s, f) => s + f.spendMinor, 0);
    expect(spend('2026-03-09')).toBeLessThan(spend('2026-03-10'));
    expect(spend('2026-03-10')).toBeLessThan(spend('2026-03-11'));
    expect(spend('2026-03-12')).toBe(spend('2026-04-30'));
  });

  it('reports the EUR account in EUR, with value converted at the day’s rate', () => {
    // A campaign with conversions that day (the stocked-out Trail Bottle's has none).
    const fact = factsFor('tiktok', d('2026-03-02'), d('2026-03-02'), d('2026-03-10')).find(
      (f) => f.conversionValueMinor > 0,
    );
    expect(fact!.campaign.accountCurrency).toBe('EUR');
    const usdValue = fact!.conversionValueMinor * usdPer('EUR', '2026-03-02');
    expect(usdValue).toBeGreaterThan(fact!.conversionValueMinor);
  });

  it('has nothing after the day it reports as of, nor before the world began', () => {
    expect(factsFor('google_ads', d('2026-03-11'), d('2026-03-20'), d('2026-03-10'))).toEqual([]);
    expect(factsFor('google_ads', d('2025-01-01'), d('2025-01-31'), d('2026-03-10'))).toEqual([]);
  });
});
