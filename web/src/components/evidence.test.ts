import { describe, expect, it } from 'vitest';
import { createFormat } from '../format';
import { evidenceLabel, evidenceRows } from './evidence';

const fmt = createFormat({ locale: 'en-US', currency: 'USD', timeZone: 'UTC' });
const shown = (evidence: Record<string, number | string | null>, units: Record<string, never | string>) =>
  Object.fromEntries(
    evidenceRows(evidence, units as Parameters<typeof evidenceRows>[1], fmt).map((r) => [r.key, r.text]),
  );

describe('evidence', () => {
  it.each([
    ['money-minor', 347_923, '$3,479.23'],
    ['money-minor', -1_533, '-$15.33'],
    ['money-major', 12.5, '$12.50'],
    ['percent', 22.5, '22.5%'],
    ['fraction', 0.0912, '9.1%'],
    ['ratio', 2.4, '2.40×'],
    ['days', 14, '14 d'],
    ['days', 6585.5383, 'over a year'],
    ['count', 2600, '2,600'],
    ['date', '2026-11-14', 'Nov 14, 2026'],
    ['date', '2026-12', 'December 2026'],
    ['text', 'Spring sale', 'Spring sale'],
    ['ratio', null, '—'],
  ])('shows a value declared %s as a merchant reads it', (unit, value, text) => {
    expect(shown({ x: value }, { x: unit })).toEqual({ x: text });
  });

  it('formats by the declaration, not by the key’s name', () => {
    // A key that "looks like" money is a count when its rule says so, and the reverse.
    expect(
      shown({ spend_minor: 12, orders: 347_923 }, { spend_minor: 'count', orders: 'money-minor' }),
    ).toEqual({
      spend_minor: '12',
      orders: '$3,479.23',
    });
  });

  it('shows money in the currency the map declares, with that currency’s symbol', () => {
    expect(
      shown({ used_usd: 12.34, currency: 'EUR' }, { used_usd: 'money-major', currency: 'currency' }),
    ).toEqual({
      used_usd: '€12.34',
    });
  });

  it('leaves internal values (ids, model parameters) out of what the merchant reads', () => {
    expect(
      shown(
        { curve_r2: 0.2, failed_run_id: 'run-1', spend_window_minor: 100 },
        {
          curve_r2: 'internal',
          failed_run_id: 'internal',
          spend_window_minor: 'money-minor',
        },
      ),
    ).toEqual({ spend_window_minor: '$1.00' });
  });

  it('shows a key with no declaration as stored rather than guessing its unit', () => {
    expect(shown({ renamed_minor: 12_345 }, {})).toEqual({ renamed_minor: '12,345' });
  });

  it('labels keys in words, the period where people put it, without the word that says how the value is stored', () => {
    expect(evidenceLabel('dailySpendMinor')).toBe('Daily spend');
    expect(evidenceLabel('spend_window_minor')).toBe('Spend in the window');
    expect(evidenceLabel('brand_spend_window_minor')).toBe('Brand spend in the window');
    expect(evidenceLabel('spend_recent_minor')).toBe('Recent spend');
    expect(evidenceLabel('window_days')).toBe('Days in the window');
    expect(evidenceLabel('recent_days')).toBe('Recent days');
    expect(evidenceLabel('low_cover_threshold_days')).toBe('Low cover threshold');
    expect(evidenceLabel('ltv_roas_window')).toBe('LTV ROAS in the window');
    expect(evidenceLabel('roas_target')).toBe('ROAS target');
    expect(evidenceLabel('ai_cost_usd')).toBe('AI cost');
  });
});
