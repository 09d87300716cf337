import { describe, expect, it } from 'vitest';
import { createFormat } from '../format';
import { evidenceLabel, formatEvidenceValue } from './evidence';

const fmt = createFormat({ locale: 'en-US', currency: 'USD', timeZone: 'UTC' });

describe('evidence', () => {
  it.each([
    ['dailySpendMinor', 12345, '$123.45'],
    ['roasDropPct', 22.5, '22.5%'],
    ['daysOfCover', 4.25, '4.25 d'],
    ['roas', 1.5, '1.50×'],
    ['spendShare', 0.42, '0.42'],
    ['campaign', 'Spring sale', 'Spring sale'],
    ['previousRoas', null, '—'],
  ])('shows %s in its unit', (key, value, shown) => {
    expect(formatEvidenceValue(key, value, fmt)).toBe(shown);
  });

  it('labels keys in words, without the unit suffix', () => {
    expect(evidenceLabel('dailySpendMinor')).toBe('Daily spend');
    expect(evidenceLabel('daysOfCover')).toBe('Days of cover');
    expect(evidenceLabel('spendSharePct')).toBe('Spend share');
    expect(evidenceLabel('roasTarget')).toBe('ROAS target');
  });
});
