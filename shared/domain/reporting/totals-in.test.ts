import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../kernel/util/random';
import { addDays, eachDay, type LocalDate, localDate } from '../time';
import { type BrandRollup, type DimensionDay, entriesIn, kpisOf, sumEntries, totalsIn } from './rollup';

const START = localDate('2026-01-01');
const rand = seededRandom(23);
const int = (n: number) => Math.floor(rand() * n);
const entry = (day: LocalDate): DimensionDay => ({
  day,
  spend: int(50_000),
  revenue: int(90_000),
  profit: int(40_000) - 20_000,
  orders: int(9),
  units: int(20),
  rows: 1 + int(3),
  stock: null,
  cover: null,
});
const aWindow = () => {
  const from = addDays(START, int(45) - 3);
  return { from, to: addDays(from, int(20) - 2) }; // sometimes ends before it starts: empty
};

describe('totals within a period from running totals', () => {
  it('equal the entries of the period summed one by one, for lists in any order with repeated days', () => {
    for (let trial = 0; trial < 300; trial++) {
      const entries = Array.from({ length: int(60) }, () => entry(addDays(START, int(40))));
      const p = aWindow();
      const within = entriesIn(entries, p);
      expect(totalsIn(entries, p)).toEqual({ ...sumEntries(within), entries: within.length });
    }
  });

  it('give the KPIs a day-by-day sum of spend, orders and refunds gives', () => {
    for (let trial = 0; trial < 100; trial++) {
      const days = (n: number) => Array.from({ length: n }, () => addDays(START, int(40)));
      const r = {
        spend: new Map(days(30).map((d) => [d, int(9_000)])),
        sales: new Map(days(30).map((d) => [d, { gross: int(90_000), count: 1 + int(5) }])),
        refunds: new Map(days(8).map((d) => [d, int(3_000)])),
        channel: new Map([
          ['meta', days(int(20)).map(entry)],
          ['google', days(int(5)).map(entry)],
        ]),
      } as unknown as BrandRollup;
      const p = aWindow();
      let spend = 0;
      let gross = 0;
      let refunds = 0;
      let orders = 0;
      for (const day of eachDay(p.from, p.to)) {
        spend += r.spend.get(day) ?? 0;
        gross += r.sales.get(day)?.gross ?? 0;
        orders += r.sales.get(day)?.count ?? 0;
        refunds += r.refunds.get(day) ?? 0;
      }
      const attributed = sumEntries([...r.channel.values()].flatMap((es) => entriesIn(es, p)));
      expect(kpisOf(r, p)).toMatchObject({
        spendMinor: spend,
        revenueMinor: gross - refunds,
        orders,
        profitMinor: attributed.rows > 0 ? attributed.profit : null,
      });
    }
  });
});
