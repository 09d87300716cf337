import { describe, expect, it } from 'vitest';
import type { BreakdownRow } from '../api/schemas';
import { pivotChannelRegions } from './channel-panel';

const row = (key: string, spendMinor: number): BreakdownRow => ({
  key,
  spendMinor,
  revenueMinor: spendMinor * 3,
  profitMinor: spendMinor,
  orders: 1,
  roas: 3,
});

describe('channel × region pivot', () => {
  it('turns each region’s channel breakdown into each channel’s regions, biggest spend first', () => {
    const pivot = pivotChannelRegions([
      { region: 'CA', rows: [row('meta', 100), row('tiktok', 50)] },
      { region: 'NY', rows: [row('meta', 300)] },
    ]);
    expect(pivot.get('meta')?.map((r) => [r.region, r.row.spendMinor])).toEqual([
      ['NY', 300],
      ['CA', 100],
    ]);
    expect(pivot.get('tiktok')?.map((r) => r.region)).toEqual(['CA']);
    expect(pivot.get('google_ads')).toBeUndefined();
  });
});
