import { describe, expect, it } from 'vitest';
import { createFormat } from '../format';
import { evidenceLabel, formatEvidenceValue, isShownEvidence } from './evidence';

const fmt = createFormat({ locale: 'en-US', currency: 'USD', timeZone: 'UTC' });

describe('evidence', () => {
  it.each([
    ['dailySpendMinor', 12345, '$123.45'],
    ['roasDropPct', 22.5, '22.5%'],
    ['daysOfCover', 4.25, '4.3 d'],
    ['roas', 1.5, '1.50×'],
    ['spendShare', 0.42, '42%'],
    ['spend_window_minor', 347_923, '$3,479.23'],
    ['revenue_window_minor', -1_533, '-$15.33'],
    ['spend_share', 0.0912, '9.1%'],
    ['days_of_cover', 6585.5383, 'over a year'],
    ['days_of_cover', 128.352, '128 d'],
    ['roas_window', 2.5618, '2.56×'],
    ['stock_available', 2600, '2,600'],
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
    expect(evidenceLabel('spend_window_minor')).toBe('Spend window');
    expect(evidenceLabel('low_cover_threshold_days')).toBe('Low cover threshold');
    expect(evidenceLabel('ltv_roas_window')).toBe('LTV ROAS window');
  });

  it('leaves model internals out of what the merchant reads', () => {
    expect(isShownEvidence('curve_b')).toBe(false);
    expect(isShownEvidence('curve_days')).toBe(false);
    expect(isShownEvidence('failed_run_id')).toBe(false);
    expect(isShownEvidence('spend_window_minor')).toBe(true);
  });
});
