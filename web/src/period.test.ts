import { describe, expect, it } from 'vitest';
import { rangeEndingYesterday } from './period';

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
