import { describe, expect, it } from 'vitest';
import { createFormat } from '../format';
import { segments } from './charts/line-chart';
import { comparisonKey, comparisonPlan } from './trend-charts';

const fmt = createFormat({ locale: 'en-US', currency: 'USD', timeZone: 'UTC' });
const previousPeriod = { from: '2026-10-04', to: '2026-10-06' };
const point = (date: string, spendMinor: number | null, revenueMinor: number | null) => ({
  date,
  spendMinor,
  revenueMinor,
  roas: spendMinor && revenueMinor !== null ? revenueMinor / spendMinor : null,
});
const full = [point('2026-10-04', 100, 300), point('2026-10-05', 100, 300), point('2026-10-06', 100, 300)];
const plan = (over: Partial<Parameters<typeof comparisonPlan>[0]>) =>
  comparisonPlan({
    measures: ['spendMinor', 'revenueMinor'],
    previousTrend: full,
    incomplete: [],
    previousPeriod,
    fmt,
    ...over,
  });

describe('previous-period lines on trend charts', () => {
  it('draws both lines, with nothing to say, when the earlier period was recorded like this one', () => {
    expect(plan({})).toEqual({ drawn: ['spendMinor', 'revenueMinor'], note: null });
  });

  it('leaves out the line the API flags as too thin to compare, and says so with the dates', () => {
    expect(plan({ incomplete: ['revenueMinor', 'orders'] })).toEqual({
      drawn: ['spendMinor'],
      note: 'The previous period (Oct 4\u2009–\u20096, 2026) has too little data to compare with: its revenue line is left out.',
    });
    expect(plan({ incomplete: ['spendMinor', 'revenueMinor', 'blendedRoas'] }).note).toBe(
      'The previous period (Oct 4\u2009–\u20096, 2026) has too little data to compare with: its lines are left out.',
    );
  });

  it('names the chosen comparison in what it says about the earlier period', () => {
    expect(plan({ incomplete: ['revenueMinor'], comparison: 'year' }).note).toBe(
      'The same period last year (Oct 4\u2009–\u20096, 2026) has too little data to compare with: its revenue line is left out.',
    );
    const late = [
      point('2026-10-04', null, null),
      point('2026-10-05', 100, 300),
      point('2026-10-06', 100, 300),
    ];
    expect(plan({ previousTrend: late, comparison: 'custom' }).note).toBe(
      "The chosen period's line starts on Oct 5, 2026, where the data begins.",
    );
  });

  it('leaves out ROAS when its own KPI (blended ROAS) is flagged', () => {
    expect(plan({ measures: ['roas'], incomplete: ['blendedRoas'] }).drawn).toEqual([]);
  });

  it('leaves out a line with nothing recorded at all', () => {
    const empty = full.map((p) => ({ ...p, spendMinor: null, roas: null }));
    expect(plan({ previousTrend: empty }).drawn).toEqual(['revenueMinor']);
  });

  it('says where a line starts when the data begins inside the earlier period', () => {
    const late = [
      point('2026-10-04', null, null),
      point('2026-10-05', 100, null),
      point('2026-10-06', 100, 300),
    ];
    expect(plan({ previousTrend: late })).toEqual({
      drawn: ['spendMinor', 'revenueMinor'],
      note: "The previous period's line starts on Oct 6, 2026, where the data begins.",
    });
  });

  it('draws a line in runs between the gaps', () => {
    expect(segments([null, 1, 2, null, 3])).toEqual([
      [
        [1, 1],
        [2, 2],
      ],
      [[4, 3]],
    ]);
    expect(segments([null, null])).toEqual([]);
  });
});

describe('the legend of the comparison line', () => {
  const measures = [
    { key: 'spendMinor', name: 'Spend' },
    { key: 'revenueMinor', name: 'Revenue' },
  ] as const;
  it('has an entry only for the comparison lines drawn', () => {
    expect(comparisonKey(measures, ['spendMinor', 'revenueMinor'], 'Oct 4 – 6')).toBe('Oct 4 – 6');
    expect(comparisonKey(measures, ['spendMinor'], 'Oct 4 – 6')).toBe('Spend, Oct 4 – 6');
    expect(comparisonKey(measures, [], 'Oct 4 – 6')).toBeNull();
    expect(comparisonKey([{ key: 'roas', name: 'ROAS' }], ['spendMinor'], 'Oct 4 – 6')).toBeNull();
  });
});
