import { describe, expect, it } from 'vitest';
import { type LocalDate, localDate } from '../time';
import { judgedDay, olderWindowNote, reportingDay, reportingEnd, stockDay } from './judged-window';

const d = (s: string) => localDate(s);

describe('the day a recommend pass judges', () => {
  it.each([
    [
      'data up to today: the last complete day, not the running one',
      '2026-11-20',
      '2026-11-20',
      '2026-11-19',
    ],
    ['data up to yesterday: the last complete day', '2026-11-20', '2026-11-19', '2026-11-19'],
    ['data ending in March: its last day', '2026-11-20', '2026-03-15', '2026-03-15'],
    ['no data at all: the last complete day', '2026-11-20', undefined, '2026-11-19'],
    [
      'a re-run over an older range with later data: the range’s day',
      '2026-11-10',
      '2026-11-20',
      '2026-11-10',
    ],
  ])('%s', (_, passTo, latest, judged) => {
    expect(
      judgedDay({
        passTo: d(passTo),
        latestWithData: latest === undefined ? undefined : d(latest),
        today: d('2026-11-20'),
      }),
    ).toBe(judged);
  });
});

describe('the day a read of the current state is as of', () => {
  const today = d('2026-11-20');
  it('is the day a pass up to today judges, whatever the data’s last day', () => {
    for (const latest of ['2026-11-20', '2026-11-19', '2026-03-15'])
      expect(reportingDay(d(latest), today)).toBe(
        judgedDay({ passTo: today, latestWithData: d(latest), today }),
      );
    expect(reportingDay(d('2026-11-20'), today)).toBe('2026-11-19');
  });
  it('is undefined without data', () => {
    expect(reportingDay(undefined, today)).toBeUndefined();
  });
  it('ends a report on it, or on yesterday before any data: an imported store’s on its last day', () => {
    expect(reportingEnd(d('2026-03-15'), today)).toBe('2026-03-15');
    expect(reportingEnd(d('2026-11-20'), today)).toBe('2026-11-19');
    expect(reportingEnd(undefined, today)).toBe('2026-11-19');
  });
});

describe('the day stock is read as of', () => {
  const today = d('2026-11-20');
  it('is the pass’s own day when the window is the last complete days', () => {
    expect(stockDay({ judged: d('2026-11-19'), passTo: today, today })).toBe('2026-11-20');
  });
  it('is the judged day when the window is older (an imported store, a re-run)', () => {
    expect(stockDay({ judged: d('2026-03-15'), passTo: today, today })).toBe('2026-03-15');
    expect(stockDay({ judged: d('2026-11-10'), passTo: d('2026-11-10'), today })).toBe('2026-11-10');
  });
});

describe('what an older window says about itself', () => {
  const today = d('2026-11-20');
  const window = (from: string, to: string) => ({ from: d(from) as LocalDate, to: d(to) as LocalDate });
  it('says nothing about the last complete days', () => {
    expect(olderWindowNote(window('2026-11-06', '2026-11-19'), today, d('2026-11-20'))).toBeNull();
  });
  it('names the days and that no later data exists when they are the data’s last', () => {
    expect(olderWindowNote(window('2026-03-02', '2026-03-15'), today, d('2026-03-15'))).toBe(
      'Judged on Mar 2\u2009–\u200915, 2026, the last days with data.',
    );
  });
  it('names only the days when later data exists (a re-run over an older range)', () => {
    expect(olderWindowNote(window('2026-10-28', '2026-11-10'), today, d('2026-11-20'))).toBe(
      'Judged on Oct 28\u2009–\u2009Nov 10, 2026.',
    );
  });
});
