import { describe, expect, it } from 'vitest';
import { aBrand } from '../../../test/support/builders';
import { systemContext } from '../../domain/tenancy';
import { localDate } from '../../domain/time';
import type { OperationalStore } from '../../ports/operational-store';
import type { PerformanceQueries } from '../../reporting/read-model/performance-queries';
import { comparePeriods } from './performance-tools';
import type { ToolContext } from './types';

/** Totals read by date range: 100.00 of spend and 400.00 of revenue a day in 2026, half that in 2025. */
function aToolContext(slices: { from: string; to: string }[], dataFrom = '0000-00-00'): ToolContext {
  const perDay = (day: string) => (day < dataFrom ? 0 : day.startsWith('2025') ? 1 : 2);
  const eachDay = (s: { from: string; to: string }) => {
    const days: string[] = [];
    for (
      let d = new Date(`${s.from}T00:00:00Z`);
      d.toISOString().slice(0, 10) <= s.to;
      d.setUTCDate(d.getUTCDate() + 1)
    )
      days.push(d.toISOString().slice(0, 10));
    return days;
  };
  const sum = (s: { from: string; to: string }) => {
    let units = 0;
    for (
      let d = new Date(`${s.from}T00:00:00Z`);
      d.toISOString().slice(0, 10) <= s.to;
      d.setUTCDate(d.getUTCDate() + 1)
    )
      units += perDay(d.toISOString().slice(0, 10));
    return units;
  };
  const queries = {
    totals: async (_ctx: unknown, s: { from: string; to: string }) => {
      slices.push({ from: s.from, to: s.to });
      const u = sum(s);
      return { spend_minor: 5_000 * u, revenue_minor: 20_000 * u, profit_minor: 1_000 * u, orders: u };
    },
    daily: async (_ctx: unknown, s: { from: string; to: string }) =>
      eachDay(s)
        .filter((date) => perDay(date) > 0)
        .map((date) => ({
          date,
          spend_minor: 5_000 * perDay(date),
          revenue_minor: 20_000 * perDay(date),
          profit_minor: 1_000 * perDay(date),
          orders: perDay(date),
        })),
    channels: async () => [],
    products: async () => [],
  } as unknown as PerformanceQueries;
  const store = { products: { list: async () => [] } } as unknown as OperationalStore;
  return {
    ctx: systemContext('t1', 'test'),
    brand: aBrand('b1'),
    asOf: localDate('2026-11-20'),
    today: localDate('2026-11-20'),
    now: new Date('2026-11-20T12:00:00Z'),
    queries,
    store,
  };
}

describe('compare_periods', () => {
  it('compares with the same dates last year when asked', async () => {
    const slices: { from: string; to: string }[] = [];
    const out = (await comparePeriods.run(aToolContext(slices), {
      from: '2026-11-01',
      to: '2026-11-07',
      compare_with: 'year',
    })) as { comparison: string; previous: { period: object; spend: number }; change: { spend_pct: number } };
    expect(out.comparison).toBe('year');
    expect(out.previous.period).toEqual({ from: '2025-11-01', to: '2025-11-07', days: 7 });
    // 7 days × 50.00 last year against 7 × 100.00 now: +100 %.
    expect(out.previous.spend).toBe(350);
    expect(out.change.spend_pct).toBe(100);
    expect(slices).toContainEqual({ from: '2025-11-01', to: '2025-11-07' });
  });

  it('leaves percent changes out, and says why, when the earlier period has data on too few days', async () => {
    // Data only from Nov 6: the week before Nov 8–14 has 2 days of 7.
    const out = (await comparePeriods.run(aToolContext([], '2026-11-06'), {
      from: '2026-11-08',
      to: '2026-11-14',
    })) as { change: Record<string, number | null>; comparison_warning?: string };
    expect(out.change).toMatchObject({
      revenue_pct: null,
      spend_pct: null,
      profit_pct: null,
      roas_pct: null,
    });
    // 7 × 400.00 now against 2 × 400.00 before: the difference in money is still given.
    expect(out.change.revenue).toBe(2_000);
    expect(out.comparison_warning).toMatch(/only 2 of its 7 days/);
    const full = (await comparePeriods.run(aToolContext([]), { from: '2026-11-08', to: '2026-11-14' })) as {
      comparison_warning?: string;
    };
    expect(full.comparison_warning).toBeUndefined();
  });

  it('compares with the days just before by default', async () => {
    const out = (await comparePeriods.run(aToolContext([]), { from: '2026-11-08', to: '2026-11-14' })) as {
      previous: { period: object };
    };
    expect(out.previous.period).toEqual({ from: '2026-11-01', to: '2026-11-07', days: 7 });
  });

  it('takes a custom comparison and refuses one without its end', async () => {
    const out = (await comparePeriods.run(aToolContext([]), {
      from: '2026-11-01',
      to: '2026-11-07',
      compare_with: 'custom',
      compare_from: '2025-12-01',
      compare_to: '2025-12-03',
    })) as { previous: { period: object; spend: number } };
    expect(out.previous).toMatchObject({
      period: { from: '2025-12-01', to: '2025-12-03', days: 3 },
      spend: 150,
    });
    await expect(
      comparePeriods.run(aToolContext([]), {
        from: '2026-11-01',
        to: '2026-11-07',
        compare_with: 'custom',
        compare_from: '2025-12-01',
      }),
    ).rejects.toThrow('a custom comparison needs both `compare_from` and `compare_to`');
  });
});
