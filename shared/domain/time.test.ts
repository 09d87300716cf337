import { describe, expect, it } from 'vitest';
import {
  addDays,
  daysBetween,
  eachDay,
  isLocalDate,
  localDate,
  parseInstant,
  toLocalDate,
  wallClockToInstant,
  weekStart,
} from './time';

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

  it('day arithmetic agrees with the calendar over leap days and decades, both ways', () => {
    expect(addDays(localDate('2028-02-28'), 1)).toBe('2028-02-29');
    expect(addDays(localDate('2027-02-28'), 1)).toBe('2027-03-01');
    expect(addDays(localDate('2026-01-05'), -6)).toBe('2025-12-30');
    expect(daysBetween(localDate('2026-03-15'), localDate('2026-03-01'))).toBe(-14);
    // Day by day over ten years, against Date's own calendar.
    let day = localDate('2020-01-01');
    for (let i = 1; i <= 3_653; i++) {
      day = addDays(day, 1);
      expect(day).toBe(new Date(Date.UTC(2020, 0, 1 + i)).toISOString().slice(0, 10));
    }
    expect(daysBetween(localDate('2020-01-01'), day)).toBe(3_653);
    expect(eachDay(localDate('2020-01-01'), day)).toHaveLength(3_654);
    expect(eachDay(localDate('2026-03-02'), localDate('2026-03-01'))).toEqual([]);
  });

  it('refuses impossible dates and timestamps without an offset', () => {
    expect(() => localDate('2026-02-30')).toThrow(/not a calendar date/);
    expect(() => parseInstant('2026-01-01 10:00')).toThrow(/without offset/);
    expect(parseInstant('2026-01-01T10:00:00-05:00').toISOString()).toBe('2026-01-01T15:00:00.000Z');
  });
});

describe('the checks every request makes (decision 1017)', () => {
  it('isLocalDate accepts exactly the days a UTC Date keeps, century leap rules included', () => {
    const byDate = (v: string) => {
      const d = new Date(`${v}T00:00:00Z`);
      return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
    };
    const pad = (n: number, w: number) => String(n).padStart(w, '0');
    let accepted = 0;
    for (const year of [0, 4, 1600, 1700, 1900, 1999, 2000, 2023, 2024, 2100, 2400, 9999])
      for (let month = 0; month <= 13; month++)
        for (let day = 0; day <= 32; day++) {
          const v = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
          expect([v, isLocalDate(v)]).toEqual([v, byDate(v)]);
          if (byDate(v)) accepted++;
        }
    expect(accepted).toBe(12 * 365 + 6); // leap years: 0000, 0004, 1600, 2000, 2024, 2400
    for (const v of ['2026-1-01', '20260101', '2026-01-01T00:00', ' 2026-01-01', '２０２６-01-01'])
      expect(isLocalDate(v)).toBe(false);
  });

  it('toLocalDate answers as the zone’s own formatter every 17 s across DST changes and quarter-hour offsets', () => {
    const zones = [
      'America/New_York',
      'Asia/Kathmandu',
      'Australia/Lord_Howe',
      'Pacific/Chatham',
      'Europe/London',
    ];
    // A transition night of each kind, and midnights either side, sampled every 20 s over 30 hours.
    const starts = [
      '2026-03-07T12:00:00Z',
      '2026-10-03T12:00:00Z',
      '2026-04-04T06:00:00Z',
      '1985-12-31T06:00:00Z',
    ];
    for (const zone of zones) {
      const fresh = new Intl.DateTimeFormat('en-CA', {
        timeZone: zone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
      });
      const wrong: string[] = [];
      for (const start of starts)
        for (let s = 0; s < 30 * 3600; s += 17) {
          const at = new Date(Date.parse(start) + s * 1000 + (s % 3) * 333);
          if (toLocalDate(at, zone) !== fresh.format(at)) wrong.push(`${zone} ${at.toISOString()}`);
        }
      expect(wrong).toEqual([]);
    }
  });
});

describe('wallClockToInstant', () => {
  it.each([
    ['2026-11-20 14:03', 'Europe/London', '2026-11-20T14:03:00.000Z'],
    ['2026-07-01T09:30:15', 'Europe/London', '2026-07-01T08:30:15.000Z'],
    ['2026-11-20 09:00', 'Asia/Kolkata', '2026-11-20T03:30:00.000Z'],
    ['2026-03-08 12:00', 'America/New_York', '2026-03-08T16:00:00.000Z'],
  ])('%s in %s is %s', (local, tz, iso) => {
    expect(wallClockToInstant(local, tz).toISOString()).toBe(iso);
  });

  it('refuses text that is not a local date-time', () => {
    expect(() => wallClockToInstant('20/11/2026 14:03', 'Europe/London')).toThrow(RangeError);
  });
});
