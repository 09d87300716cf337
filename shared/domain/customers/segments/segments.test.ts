import { describe, expect, it } from 'vitest';
import { segmentMovement } from './movement';
import { quintileScores, type Segment, scoreRfm, segmentOf } from './rfm';

describe('quintileScores', () => {
  it('scores ten distinct values two to a quintile', () => {
    expect([...quintileScores([10, 1, 9, 2, 8, 3, 7, 4, 6, 5])]).toEqual([5, 1, 5, 1, 4, 2, 4, 2, 3, 3]);
  });

  it('gives tied values one score, placed by their mid-rank', () => {
    // Seven one-order customers sit at mid-rank 3.5/10 → score 2; the three others rank above.
    expect([...quintileScores([1, 1, 1, 1, 1, 1, 1, 2, 3, 4])]).toEqual([2, 2, 2, 2, 2, 2, 2, 4, 5, 5]);
  });
});

describe('segmentOf', () => {
  it.each<[number, number, number, number, Segment]>([
    [5, 5, 4, 6, 'champions'],
    [4, 5, 4, 6, 'loyal'],
    [3, 4, 4, 4, 'loyal'],
    [5, 1, 2, 1, 'new'],
    [4, 2, 3, 2, 'promising'],
    [3, 2, 2, 2, 'needs_attention'],
    [2, 4, 3, 4, 'at_risk'],
    [1, 3, 3, 3, 'at_risk'],
    [2, 1, 2, 1, 'hibernating'],
    [1, 1, 1, 1, 'lost'],
  ])('R %i, F %i, M %i with %i orders is %s', (r, f, m, orders, segment) => {
    expect(segmentOf(r, f, m, orders)).toBe(segment);
  });
});

it('scoreRfm ranks the recent, frequent big spender a champion and the lapsed one-timer lost', () => {
  const customers = Array.from({ length: 10 }, (_, i) => ({
    recencyDays: 10 * (10 - i),
    orders: i + 1,
    revenueMinor: 1000 * (i + 1),
  }));
  const scored = scoreRfm(customers);
  expect(scored[9]!.segment).toBe('champions');
  expect(scored[0]!.segment).toBe('lost');
});

describe('segmentMovement', () => {
  const prev = new Map<string, Segment>([
    ['a', 'champions'],
    ['b', 'loyal'],
    ['c', 'lost'],
  ]);
  const now = new Map<string, Segment>([
    ['a', 'champions'],
    ['b', 'at_risk'],
    ['d', 'new'],
  ]);
  const m = segmentMovement(prev, now);

  it('counts who moved where, new customers coming from none', () => {
    expect(m.moves).toEqual(
      expect.arrayContaining([
        { from: 'loyal', to: 'at_risk', customers: 1 },
        { from: 'none', to: 'new', customers: 1 },
      ]),
    );
    expect(m.moves).toHaveLength(2);
  });

  it('reports each segment now and before, with customers gone from the data moving out', () => {
    const size = (s: Segment) => m.sizes.find((x) => x.segment === s)!;
    expect(size('loyal')).toMatchObject({ customers: 0, previousCustomers: 1, movedOut: 1, movedIn: 0 });
    expect(size('lost')).toMatchObject({ customers: 0, previousCustomers: 1, movedOut: 1 });
    expect(size('champions')).toMatchObject({ customers: 1, previousCustomers: 1, movedIn: 0, movedOut: 0 });
    expect(m.hasPrevious).toBe(true);
  });
});
