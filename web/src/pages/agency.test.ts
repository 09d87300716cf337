import { describe, expect, it } from 'vitest';
import { createFormat } from '../format';
import { quietWeek } from './agency';

const fmt = createFormat({ locale: 'en-US', currency: 'USD', timeZone: 'UTC' });
const kpis = (spendMinor: number, orders: number) => ({
  spendMinor,
  revenueMinor: orders * 4_000,
  blendedRoas: null,
  profitMinor: null,
  orders,
});

describe('a brand with nothing in the agency week', () => {
  it('says where an imported store’s data is instead of $0.00 and a healthy score', () => {
    expect(quietWeek({ kpis: kpis(0, 0), dataDays: { from: '2026-03-02', to: '2026-03-15' } }, fmt)).toBe(
      `No data in the last 7 days; its data covers ${fmt.dayRange('2026-03-02', '2026-03-15')}.`,
    );
  });

  it('says a brand with no data at all has none yet', () => {
    expect(quietWeek({ kpis: kpis(0, 0), dataDays: null }, fmt)).toMatch(/^No data yet/);
  });

  it('says nothing of a week with spend or orders', () => {
    expect(quietWeek({ kpis: kpis(1_000, 0), dataDays: null }, fmt)).toBeNull();
    expect(quietWeek({ kpis: kpis(0, 2), dataDays: null }, fmt)).toBeNull();
  });
});
