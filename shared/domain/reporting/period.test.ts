import { describe, expect, it } from 'vitest';
import { isoWeekday, localDate } from '../time';
import { comparisonPeriod, periodProblem, sameDayLastYear } from './period';

const p = (from: string, to: string) => ({ from: localDate(from), to: localDate(to) });

describe('comparison periods', () => {
  it('compares with the same number of days just before by default', () => {
    expect(comparisonPeriod(p('2026-11-08', '2026-11-14'), { kind: 'previous' })).toEqual(
      p('2026-11-01', '2026-11-07'),
    );
    // March 2026 has 31 days: the 31 before it run from Jan 29 (Feb has 28).
    expect(comparisonPeriod(p('2026-03-01', '2026-03-31'), { kind: 'previous' })).toEqual(
      p('2026-01-29', '2026-02-28'),
    );
  });

  it.each([
    ['2025-11-14', '2024-11-14'],
    ['2024-02-29', '2023-02-28'], // leap day: last year's February ends on the 28th
    ['2025-02-28', '2024-02-29'], // a month's last day maps to last year's last day of that month
    ['2024-02-28', '2023-02-28'], // not the month's end in a leap year: the same date
    ['2026-04-30', '2025-04-30'],
    ['2026-01-01', '2025-01-01'],
    ['2026-12-31', '2025-12-31'],
  ])('puts %s under %s in the same dates last year', (day, lastYear) => {
    expect(sameDayLastYear(localDate(day))).toBe(lastYear);
  });

  it('compares a whole month with the whole month a year earlier, leap day included', () => {
    expect(comparisonPeriod(p('2025-02-01', '2025-02-28'), { kind: 'year' })).toEqual(
      p('2024-02-01', '2024-02-29'),
    );
    expect(comparisonPeriod(p('2024-02-01', '2024-02-29'), { kind: 'year' })).toEqual(
      p('2023-02-01', '2023-02-28'),
    );
    expect(comparisonPeriod(p('2024-02-29', '2024-03-06'), { kind: 'year' })).toEqual(
      p('2023-02-28', '2023-03-06'),
    );
  });

  it('puts each weekday under the same weekday 52 weeks earlier', () => {
    const current = p('2026-11-09', '2026-11-15'); // Monday to Sunday
    const earlier = comparisonPeriod(current, { kind: 'year_weekday' });
    expect(earlier).toEqual(p('2025-11-10', '2025-11-16'));
    expect(isoWeekday(earlier.from)).toBe(isoWeekday(current.from));
    // Across the leap day: 2024-03-01 (Friday) sits over 2023-03-03 (Friday).
    expect(comparisonPeriod(p('2024-03-01', '2024-03-01'), { kind: 'year_weekday' })).toEqual(
      p('2023-03-03', '2023-03-03'),
    );
  });

  it('uses a custom range as given, whatever its length', () => {
    const chosen = p('2025-12-01', '2025-12-24');
    expect(comparisonPeriod(p('2026-11-01', '2026-11-30'), { kind: 'custom', period: chosen })).toBe(chosen);
  });

  it('names what is wrong with a range', () => {
    expect(periodProblem(p('2026-11-02', '2026-11-01'))).toBe('the first day must not be after the last');
    expect(periodProblem(p('2024-01-01', '2026-01-01'))).toBe('a period spans at most 731 days');
    expect(periodProblem(p('2026-11-01', '2026-11-01'))).toBeNull();
  });
});
