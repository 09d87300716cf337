import { describe, expect, it } from 'vitest';
import { type LocalDate, localDate } from '../time';
import { judgedDay, olderWindowNote } from './judged-window';

const d = (s: string) => localDate(s);

describe('the day a recommend pass judges', () => {
  it.each([
    ['data up to today: the pass’s own day', '2026-11-20', '2026-11-20', '2026-11-20'],
    ['data up to yesterday: the pass’s own day', '2026-11-20', '2026-11-19', '2026-11-20'],
    ['data ending in March: its last day', '2026-11-20', '2026-03-15', '2026-03-15'],
    ['no data at all: the pass’s own day', '2026-11-20', undefined, '2026-11-20'],
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
