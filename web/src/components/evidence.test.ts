import { describe, expect, it } from 'vitest';
import { labelsOfDeclaration } from '../../../shared/domain/evidence';
import { CURVE_EVIDENCE } from '../../../shared/domain/recommendations/budget-plan';
import { createFormat } from '../format';
import { evidenceRows, keyInWords } from './evidence';

const fmt = createFormat({ locale: 'en-US', currency: 'USD', timeZone: 'UTC' });
const shown = (evidence: Record<string, number | string | null>, units: Record<string, never | string>) =>
  Object.fromEntries(
    evidenceRows(evidence, units as Parameters<typeof evidenceRows>[1], {}, fmt).map((r) => [r.key, r.text]),
  );

describe('evidence', () => {
  it.each([
    ['money-minor', 347_923, '$3,479.23'],
    ['money-minor', -1_533, '-$15.33'],
    ['money-major', 12.5, '$12.50'],
    ['percent', 22.5, '22.5%'],
    ['fraction', 0.0912, '9.1%'],
    ['ratio', 2.4, '2.40×'],
    ['days', 14, '14 days'],
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

  it('shows each value under the label its rule declared, not its key in words', () => {
    const rows = evidenceRows(
      { half_saturation_daily_minor: 12_000, marginal_roas_proposed_low: 1.8, curve_r2: 0.4 },
      {
        half_saturation_daily_minor: 'money-minor',
        marginal_roas_proposed_low: 'ratio',
        curve_r2: 'internal',
      },
      labelsOfDeclaration(CURVE_EVIDENCE),
      fmt,
    );
    expect(rows.map((r) => [r.label, r.text])).toEqual([
      ["Daily spend at half the curve's ceiling", '$120.00'],
      ['Marginal ROAS at new budget, 80% low', '1.80×'],
    ]);
  });

  it('shows a key no declaration labels (renamed since the record was made) by its name in words', () => {
    const rows = evidenceRows(
      { spend_window_minor: 100, renamed_days: 3 },
      { spend_window_minor: 'money-minor', renamed_days: 'days' },
      { spend_window_minor: 'Campaign spend in the period' },
      fmt,
    );
    expect(rows.map((r) => r.label)).toEqual(['Campaign spend in the period', 'Renamed days']);
  });

  it('words a key without a label (a tool’s field) with the period where people put it, without its storage word', () => {
    expect(keyInWords('dailySpendMinor')).toBe('Daily spend');
    expect(keyInWords('spend_window_minor')).toBe('Spend in the window');
    expect(keyInWords('brand_spend_window_minor')).toBe('Brand spend in the window');
    expect(keyInWords('spend_recent_minor')).toBe('Recent spend');
    expect(keyInWords('window_days')).toBe('Days in the window');
    expect(keyInWords('recent_days')).toBe('Recent days');
    expect(keyInWords('low_cover_threshold_days')).toBe('Low cover threshold');
    expect(keyInWords('ltv_roas_window')).toBe('LTV ROAS in the window');
    expect(keyInWords('roas_target')).toBe('ROAS target');
    expect(keyInWords('ai_cost_usd')).toBe('AI cost');
  });
});
