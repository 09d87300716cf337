import { describe, expect, it } from 'vitest';
import { createFormat } from '../format';
import { kpiCards } from './kpi-cards';

const fmt = createFormat({ locale: 'en-US', currency: 'USD', timeZone: 'UTC' });
const shown = (cards: ReturnType<typeof kpiCards>) =>
  cards.map((c) => [
    c.label,
    c.value === null ? '—' : c.format(c.value),
    c.change,
    c.incomplete,
    c.upIsGood,
    c.against,
  ]);

describe('KPI cards', () => {
  it("the dashboard's row: blended ROAS from blendedRoas, spend not coloured, no units", () => {
    const cards = kpiCards({
      totals: { spendMinor: 100_00, revenueMinor: 250_00, blendedRoas: 2.5, profitMinor: null, orders: 7 },
      change: { spendMinor: 0.1, revenueMinor: -0.2, blendedRoas: null, profitMinor: null, orders: 0 },
      incompleteComparison: ['revenueMinor'],
      roas: { field: 'blendedRoas', label: 'Blended ROAS' },
      against: 'the previous period',
      fmt,
    });
    expect(shown(cards)).toEqual([
      ['Spend', '$100.00', 0.1, false, undefined, 'the previous period'],
      ['Revenue', '$250.00', -0.2, true, true, 'the previous period'],
      ['Blended ROAS', '2.50×', null, false, true, 'the previous period'],
      ['Profit', '—', null, false, true, 'the previous period'],
      ['Orders', '7', 0, false, true, 'the previous period'],
    ]);
  });

  it("a drill-down's row: its own roas under the label it is given, units compared as orders are", () => {
    const cards = kpiCards({
      totals: { spendMinor: 40_00, revenueMinor: 160_00, roas: 4, profitMinor: 30_00, orders: 3, units: 5 },
      change: { spendMinor: null, revenueMinor: 0.5, roas: 0.25, profitMinor: 1, orders: -0.5, units: 0.2 },
      // The API names ROAS's and units' comparison by the dashboard's measures.
      incompleteComparison: ['blendedRoas', 'orders'],
      roas: { field: 'roas', label: 'ROAS' },
      against: 'the same period last year',
      fmt,
    });
    expect(shown(cards)).toEqual([
      ['Spend', '$40.00', null, false, undefined, 'the same period last year'],
      ['Revenue', '$160.00', 0.5, false, true, 'the same period last year'],
      ['ROAS', '4.00×', 0.25, true, true, 'the same period last year'],
      ['Profit', '$30.00', 1, false, true, 'the same period last year'],
      ['Orders', '3', -0.5, true, true, 'the same period last year'],
      ['Units', '5', 0.2, true, true, 'the same period last year'],
    ]);
  });
});
