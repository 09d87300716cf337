import { describe, expect, it } from 'vitest';
import { dataDaysOf } from './rollup';

describe('the days a brand has data', () => {
  it('spans the first to the last day with spend or an order, whatever the period viewed', () => {
    const spend = new Map([
      ['2026-03-02', 10_000],
      ['2026-03-14', 500],
      ['2026-03-20', 0],
    ]);
    const sales = new Map([
      ['2026-03-03', { gross: 4_000, count: 1 }],
      ['2026-03-15', { gross: 8_000, count: 2 }],
      ['2026-02-01', { gross: 0, count: 0 }],
    ]);
    expect(dataDaysOf({ spend, sales })).toEqual({ from: '2026-03-02', to: '2026-03-15' });
  });

  it('is null for a brand with no spend and no order yet', () => {
    expect(dataDaysOf({ spend: new Map([['2026-03-02', 0]]), sales: new Map() })).toBeNull();
  });
});
