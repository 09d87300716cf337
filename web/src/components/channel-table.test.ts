import { describe, expect, it } from 'vitest';
import type { Dashboard } from '../api/schemas';
import { channelLines } from './channel-table';

const row = (key: string, spendMinor: number, revenueMinor: number, orders: number) => ({
  key,
  spendMinor,
  revenueMinor,
  profitMinor: 0,
  orders,
  roas: spendMinor ? revenueMinor / spendMinor : null,
});
const period = { from: '2026-11-01', to: '2026-11-28' };
const kpis = {
  spendMinor: 60_000,
  revenueMinor: 500_000,
  blendedRoas: 500_000 / 60_000,
  profitMinor: null,
  orders: 100,
};
const dashboard: Dashboard = {
  currency: 'USD',
  period,
  comparison: 'previous',
  previousPeriod: period,
  model: 'last_touch',
  defaultModel: 'last_touch',
  revenueDefinition: { basis: 'order_total', refunds: 'refund_day' },
  attribution: {
    attributedRevenueMinor: 300_000,
    campaignNotIdentifiedRevenueMinor: 0,
    campaignNotIdentified: [],
    unattributedRevenueMinor: 200_000,
    modelledRevenueMinor: null,
  },
  kpis,
  previous: kpis,
  change: { spendMinor: null, revenueMinor: null, blendedRoas: null, profitMinor: null, orders: null },
  incompleteComparison: [],
  previousTrend: [],
  byChannel: [
    row('meta', 50_000, 250_000, 50),
    row('tiktok', 10_000, 50_000, 10),
    row('google_ads', 0, 0, 0),
  ],
  byRegion: [],
  trend: [],
  inventory: [],
};

describe('channels side by side', () => {
  it('lists the channels with money, then what no channel earned, then the store total (MER)', () => {
    // $5,000 of store revenue, $3,000 of it earned by channels: $2,000 and 40 orders by none.
    expect(channelLines(dashboard)).toEqual([
      { key: 'meta', kind: 'channel', spendMinor: 50_000, revenueMinor: 250_000, orders: 50 },
      { key: 'tiktok', kind: 'channel', spendMinor: 10_000, revenueMinor: 50_000, orders: 10 },
      { key: 'unattributed', kind: 'unattributed', spendMinor: 0, revenueMinor: 200_000, orders: 40 },
      { key: 'total', kind: 'total', spendMinor: 60_000, revenueMinor: 500_000, orders: 100 },
    ]);
  });
});
