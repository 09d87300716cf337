import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, eachDay, localDate, parseInstant, toLocalDate, weekStart } from './time';

describe('brand-local days', () => {
  it('an order at 23:30 New York time lands on the New York day, not the UTC one', () => {
    expect(toLocalDate(new Date('2026-03-02T04:30:00Z'), 'America/New_York')).toBe('2026-03-01');
    expect(toLocalDate(new Date('2026-03-02T04:30:00Z'), 'Etc/UTC')).toBe('2026-03-02');
  });

  it('day arithmetic crosses month and DST boundaries by calendar day', () => {
    expect(addDays(localDate('2026-03-07'), 2)).toBe('2026-03-09');
    expect(daysBetween(localDate('2026-02-27'), localDate('2026-03-02'))).toBe(3);
    expect(eachDay(localDate('2026-12-30'), localDate('2027-01-01'))).toEqual([
      '2026-12-30',
      '2026-12-31',
      '2027-01-01',
    ]);
    expect(weekStart(localDate('2026-11-29'))).toBe('2026-11-23');
  });

  it('refuses impossible dates and timestamps without an offset', () => {
    expect(() => localDate('2026-02-30')).toThrow(/not a calendar date/);
    expect(() => parseInstant('2026-01-01 10:00')).toThrow(/without offset/);
    expect(parseInstant('2026-01-01T10:00:00-05:00').toISOString()).toBe('2026-01-01T15:00:00.000Z');
  });
});
