import { describe, expect, it } from 'vitest';
import { createFormat } from './format';
import {
  comparisonFromSearch,
  comparisonProblem,
  daysEndingOn,
  headingWithPeriod,
  modelFromSearch,
  periodSearch,
  pickedFromSearch,
  rangeEndingYesterday,
  resolveRange,
  viewSearch,
} from './period';

describe('dashboard period', () => {
  it('ends on the brand’s yesterday, not the viewer’s or UTC’s', () => {
    // 03:00 UTC on 2 March is still 1 March in New York: yesterday there is 28 February.
    const now = new Date('2026-03-02T03:00:00Z');
    expect(rangeEndingYesterday(now, 'America/New_York', 7)).toEqual({
      from: '2026-02-22',
      to: '2026-02-28',
    });
    expect(rangeEndingYesterday(now, 'Asia/Tokyo', 7)).toEqual({ from: '2026-02-23', to: '2026-03-01' });
  });

  it('covers exactly the number of days asked for', () => {
    expect(rangeEndingYesterday(new Date('2026-01-29T12:00:00Z'), 'UTC', 28)).toEqual({
      from: '2026-01-01',
      to: '2026-01-28',
    });
  });
});

describe('any period', () => {
  const now = new Date('2026-12-04T18:00:00Z');

  it('takes a past range, so an imported store can look at the days up to its export', () => {
    expect(resolveRange({ kind: 'custom', from: '2026-09-24', to: '2026-09-30' }, now, 'UTC')).toEqual({
      ok: true,
      range: { from: '2026-09-24', to: '2026-09-30' },
    });
    expect(daysEndingOn('2026-09-30' as never, 7)).toEqual({ from: '2026-09-24', to: '2026-09-30' });
  });

  it('explains a backwards, half-filled or too long range instead of asking for it', () => {
    expect(resolveRange({ kind: 'custom', from: '2026-10-02', to: '2026-10-01' }, now, 'UTC')).toEqual({
      ok: false,
      reason: 'The first day must not be after the last.',
    });
    expect(resolveRange({ kind: 'custom', from: '', to: '2026-10-01' }, now, 'UTC')).toMatchObject({
      ok: false,
    });
    expect(resolveRange({ kind: 'custom', from: '2020-01-01', to: '2026-10-01' }, now, 'UTC')).toEqual({
      ok: false,
      reason: 'A period spans at most 731 days.',
    });
  });

  it('a preset is still the last full days in the brand timezone', () => {
    expect(resolveRange({ kind: 'trailing', days: 7 }, now, 'UTC')).toEqual({
      ok: true,
      range: { from: '2026-11-27', to: '2026-12-03' },
    });
  });
});

describe('the period in the URL', () => {
  it.each([
    ['', { kind: 'trailing', days: 28 }, ''],
    ['?days=7', { kind: 'trailing', days: 7 }, '?days=7'],
    ['?days=banana', { kind: 'trailing', days: 28 }, ''],
    [
      '?from=2026-10-01&to=2026-10-31',
      { kind: 'custom', from: '2026-10-01', to: '2026-10-31' },
      '?from=2026-10-01&to=2026-10-31',
    ],
  ])('reads %j and writes it back', (search, picked, written) => {
    const read = pickedFromSearch(new URLSearchParams(search));
    expect(read).toEqual(picked);
    expect(periodSearch(read)).toBe(written);
  });
});

describe('attribution model in the URL', () => {
  it('reads a known model and ignores anything else', () => {
    expect(modelFromSearch(new URLSearchParams('days=7&model=first_touch'))).toBe('first_touch');
    expect(modelFromSearch(new URLSearchParams('model=newest_touch'))).toBeNull();
    expect(modelFromSearch(new URLSearchParams(''))).toBeNull();
  });

  it('writes the model after the period, and nothing for the brand’s own', () => {
    expect(viewSearch({ kind: 'trailing', days: 7 }, 'linear')).toBe('?days=7&model=linear');
    expect(viewSearch({ kind: 'trailing', days: 28 }, 'linear')).toBe('?model=linear');
    expect(viewSearch({ kind: 'trailing', days: 7 }, null)).toBe('?days=7');
    const custom = viewSearch({ kind: 'custom', from: '2026-11-01', to: '2026-11-07' }, 'data_driven');
    expect(pickedFromSearch(new URLSearchParams(custom))).toEqual({
      kind: 'custom',
      from: '2026-11-01',
      to: '2026-11-07',
    });
    expect(modelFromSearch(new URLSearchParams(custom))).toBe('data_driven');
  });
});

describe('comparison in the URL', () => {
  it('reads the comparison the API takes, the previous period when none or unknown', () => {
    expect(comparisonFromSearch(new URLSearchParams('days=7&compare=year'))).toEqual({ kind: 'year' });
    expect(comparisonFromSearch(new URLSearchParams('compare=year_weekday'))).toEqual({
      kind: 'year_weekday',
    });
    expect(comparisonFromSearch(new URLSearchParams('compare=decade'))).toEqual({ kind: 'previous' });
    expect(comparisonFromSearch(new URLSearchParams(''))).toEqual({ kind: 'previous' });
    expect(
      comparisonFromSearch(new URLSearchParams('compare=custom&cfrom=2025-11-01&cto=2025-11-07')),
    ).toEqual({
      kind: 'custom',
      from: '2025-11-01',
      to: '2025-11-07',
    });
  });

  it('keeps period, comparison and model together, so a drilldown link carries all three', () => {
    const search = viewSearch({ kind: 'custom', from: '2026-11-01', to: '2026-11-07' }, 'linear', {
      kind: 'custom',
      from: '2025-11-01',
      to: '2025-11-10',
    });
    expect(search).toBe(
      '?from=2026-11-01&to=2026-11-07&compare=custom&cfrom=2025-11-01&cto=2025-11-10&model=linear',
    );
    const back = new URLSearchParams(search);
    expect(pickedFromSearch(back)).toEqual({ kind: 'custom', from: '2026-11-01', to: '2026-11-07' });
    expect(comparisonFromSearch(back)).toEqual({ kind: 'custom', from: '2025-11-01', to: '2025-11-10' });
    expect(modelFromSearch(back)).toBe('linear');
    expect(viewSearch({ kind: 'trailing', days: 28 }, null, { kind: 'previous' })).toBe('');
    expect(viewSearch({ kind: 'trailing', days: 7 }, null, { kind: 'year' })).toBe('?days=7&compare=year');
  });

  it('explains a custom comparison the API would refuse, before asking it', () => {
    expect(comparisonProblem({ kind: 'custom', from: '2025-11-01', to: '' })).toBe(
      'Pick both dates to compare with.',
    );
    expect(comparisonProblem({ kind: 'custom', from: '2025-11-07', to: '2025-11-01' })).toBe(
      'The comparison: the first day must not be after the last.',
    );
    expect(comparisonProblem({ kind: 'custom', from: '2025-11-01', to: '2025-11-07' })).toBeNull();
    expect(comparisonProblem({ kind: 'year' })).toBeNull();
  });
});

describe('a page with another default period (the agency’s week)', () => {
  it('reads and writes its own default as no parameter, and the dashboard’s as `days`', () => {
    expect(pickedFromSearch(new URLSearchParams(''), 7)).toEqual({ kind: 'trailing', days: 7 });
    expect(periodSearch({ kind: 'trailing', days: 7 }, 7)).toBe('');
    expect(periodSearch({ kind: 'trailing', days: 28 }, 7)).toBe('?days=28');
    expect(viewSearch({ kind: 'trailing', days: 7 }, null, { kind: 'previous' })).toBe('?days=7');
  });
});

describe('a section heading with its days', () => {
  const fmt = createFormat({ locale: 'en-US', currency: 'USD', timeZone: 'UTC' });
  it('names the days it reads once known (an imported store’s last days, not “the last 30 days”)', () => {
    expect(
      headingWithPeriod('LTV ROAS by acquiring campaign', { from: '2026-02-14', to: '2026-03-15' }, fmt),
    ).toMatch(/^LTV ROAS by acquiring campaign, Feb 14\s–\sMar 15, 2026$/);
  });
  it('is the bare title while they load', () => {
    expect(headingWithPeriod('Conversion funnel', null, fmt)).toBe('Conversion funnel');
  });
});
