import { describe, expect, it } from 'vitest';
import { createFormat } from '../format';
import { agencyQuery, quietWeek } from './agency';

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
      `No data in this period; its data covers ${fmt.dayRange('2026-03-02', '2026-03-15')}.`,
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

describe('the agency overview’s period, as the dashboard keeps it', () => {
  it('asks for each brand’s last N days, or the dates picked, with the comparison', () => {
    expect(agencyQuery({ kind: 'trailing', days: 7 }, 'previous', true)).toBe('?days=7');
    expect(agencyQuery({ kind: 'trailing', days: 28 }, 'year', true)).toBe('?days=28&compare=year');
    expect(agencyQuery({ kind: 'custom', from: '2026-03-02', to: '2026-03-15' }, 'previous', true)).toBe(
      '?from=2026-03-02&to=2026-03-15',
    );
  });
});
