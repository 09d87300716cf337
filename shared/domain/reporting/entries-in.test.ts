import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../kernel/util/random';
import { addDays, type LocalDate, localDate } from '../time';
import { type DimensionDay, entriesIn } from './rollup';

const START = localDate('2026-01-01');
const entry = (day: LocalDate, n: number): DimensionDay => ({
  day,
  spend: n,
  revenue: 2 * n,
  profit: n,
  orders: 1,
  units: 1,
  rows: 1,
  stock: null,
  cover: null,
});

describe('entriesIn', () => {
  it('picks exactly the entries a day-by-day filter picks, from lists in any order with repeated days', () => {
    const rand = seededRandom(11);
    for (let trial = 0; trial < 300; trial++) {
      const entries = Array.from({ length: Math.floor(rand() * 60) }, (_, i) =>
        entry(addDays(START, Math.floor(rand() * 40)), i),
      );
      const from = addDays(START, Math.floor(rand() * 45) - 3);
      const to = addDays(from, Math.floor(rand() * 20) - 2); // sometimes before `from`: empty
      const expected = entries.filter((e) => e.day >= from && e.day <= to);
      const got = entriesIn(entries, { from, to });
      expect([...got].sort((a, b) => a.spend - b.spend)).toEqual(expected.sort((a, b) => a.spend - b.spend));
      // In day order, and asking again gives the same answer (the sorted copy is kept).
      expect(got.map((e) => e.day)).toEqual([...got.map((e) => e.day)].sort());
      expect(entriesIn(entries, { from, to })).toEqual(got);
    }
  });
});
