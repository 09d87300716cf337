import { describe, expect, it } from 'vitest';
import { localDate } from '../time';
import { calendarMonth, completeDays, namedPeriod } from './named-period';

const today = localDate('2026-12-05'); // a Saturday

describe('periods merchants name, in complete brand-local days', () => {
  it.each([
    ['today', '2026-12-05', '2026-12-05'],
    ['yesterday', '2026-12-04', '2026-12-04'],
    ['this_week', '2026-11-30', '2026-12-04'],
    ['last_week', '2026-11-23', '2026-11-29'],
    ['this_month', '2026-12-01', '2026-12-04'],
    ['last_month', '2026-11-01', '2026-11-30'],
  ] as const)('%s is %s to %s', (name, from, to) => {
    expect(namedPeriod(name, today)).toEqual({ from, to });
  });

  it('the last N days end yesterday, so today never lowers a comparison', () => {
    expect(completeDays(today, 7)).toEqual({ from: '2026-11-28', to: '2026-12-04' });
    expect(completeDays(today, 30)).toEqual({ from: '2026-11-05', to: '2026-12-04' });
  });

  it('on the first of the month "this month" is the day so far, and January looks back a year', () => {
    expect(namedPeriod('this_month', localDate('2026-12-01'))).toEqual({
      from: '2026-12-01',
      to: '2026-12-01',
    });
    expect(namedPeriod('last_month', localDate('2027-01-10'))).toEqual({
      from: '2026-12-01',
      to: '2026-12-31',
    });
  });

  it.each([
    ['November', '2026-11-01', '2026-11-30'],
    ['nov', '2026-11-01', '2026-11-30'],
    ['February', '2026-02-01', '2026-02-28'],
    ['December', '2026-12-01', '2026-12-04'],
    ['2025-12', '2025-12-01', '2025-12-31'],
  ])('the month %s is its latest occurrence: %s to %s', (month, from, to) => {
    expect(calendarMonth(month, today)).toEqual({ from, to });
  });

  it('a month that has not begun, or is not a month, is no period', () => {
    expect(calendarMonth('2027-01', today)).toBeUndefined();
    expect(calendarMonth('2026-13', today)).toBeUndefined();
    expect(calendarMonth('no', today)).toBeUndefined();
  });
});
