import { describe, expect, it } from 'vitest';
import { localDate } from '../time';
import { reconcile } from './reconciliation';

const d = (date: string, amountMinor: number, platform: 'meta' | 'tiktok' = 'meta') => ({
  date: localDate(date),
  platform,
  amountMinor,
});

describe('reconciliation', () => {
  it('sums per platform and ISO week and gives claimed ÷ attributed', () => {
    // 2026-03-09 is a Monday; the 15th is the Sunday of the same week.
    const rows = reconcile([d('2026-03-09', 10_000), d('2026-03-15', 10_000)], [d('2026-03-10', 27_000)]);
    expect(rows).toEqual([
      {
        weekStart: '2026-03-09',
        platform: 'meta',
        attributedRevenueMinor: 20_000,
        claimedValueMinor: 27_000,
        overClaimRatio: 1.35,
      },
    ]);
  });

  it('a platform claiming sales Shopify never credited it has no ratio (null, not Infinity)', () => {
    const [row] = reconcile([], [d('2026-03-16', 500, 'tiktok')]);
    expect(row).toMatchObject({ weekStart: '2026-03-16', attributedRevenueMinor: 0, overClaimRatio: null });
  });
});
