import { describe, expect, it } from 'vitest';
import { loadFebrl } from '../../../test/support/febrl';
import { type MatchModel, matchProbability, matchWeight } from './fellegi-sunter';
import { matchPeople, pairMetrics } from './matcher';
import { personKey } from './person';

describe('Fellegi–Sunter match weight', () => {
  const model: MatchModel = {
    comparisons: [
      { name: 'a', levels: ['missing', 'exact', 'different'] },
      { name: 'b', levels: ['missing', 'exact', 'different'] },
    ],
    m: [
      [1, 0.9, 0.1],
      [1, 0.8, 0.2],
    ],
    u: [
      [1, 0.01, 0.99],
      [1, 0.2, 0.8],
    ],
    lambda: 0.5,
  };

  it('adds log2(m/u) of each level to the prior log-odds and ignores missing values', () => {
    // log2(0.9/0.01) + log2(0.8/0.2) = log2(90) + 2
    expect(matchWeight(model, [1, 1])).toBeCloseTo(Math.log2(90) + 2, 10);
    expect(matchWeight(model, [1, 0])).toBeCloseTo(Math.log2(90), 10);
    expect(matchWeight(model, [2, 2])).toBeCloseTo(Math.log2(0.1 / 0.99) + Math.log2(0.25), 10);
    expect(matchProbability(0)).toBe(0.5);
    expect(matchProbability(Math.log2(9))).toBeCloseTo(0.9, 10);
  });
});

describe('pair metrics', () => {
  it('computes precision, recall and F1 over pairs', () => {
    const m = pairMetrics(new Set(['0|1', '2|3', '4|5']), new Set(['0|1', '2|3', '6|7', '8|9']));
    expect(m).toMatchObject({ truePositives: 2, falsePositives: 1, falseNegatives: 2 });
    expect(m.f1).toBeCloseTo((2 * (2 / 3) * 0.5) / (2 / 3 + 0.5), 10);
  });
});

describe('matchPeople', () => {
  it('links a typo-ridden duplicate and leaves a namesake at another address alone', () => {
    const people = [
      {
        firstName: 'Sarah',
        lastName: 'Bruhn',
        address1: '44 Forbes Street',
        city: 'Kellerberrin',
        postcode: '4510',
        dateOfBirth: '1930-02-13',
      },
      {
        firstName: 'Sara',
        lastName: 'Bruhn',
        address1: '44 Forbse Street',
        city: 'Kellerberrin',
        postcode: '4510',
        dateOfBirth: '1930-02-13',
      },
      {
        firstName: 'Sarah',
        lastName: 'Bruhn',
        address1: '9 Milne Cove',
        city: 'Beaconsfield',
        postcode: '2602',
        dateOfBirth: '1981-07-05',
      },
    ];
    // Parameters learnt from the Febrl records: three records are too few to estimate a model from.
    const { model } = matchPeople(loadFebrl('dataset1').records);
    const filler = Array.from({ length: 300 }, (_, i) => ({
      firstName: `given${i % 37}`,
      lastName: `family${i}`,
      address1: `${i} street ${i % 11}`,
      city: `town${i % 23}`,
      postcode: String(2000 + (i % 97)),
      dateOfBirth: `19${String(40 + (i % 50)).padStart(2, '0')}-0${1 + (i % 9)}-1${i % 10}`,
    }));
    const records = [...people, ...filler].map(personKey);
    const result = matchPeople(records, { model });
    const linked = result.links.map((l) => `${l.left}|${l.right}`);
    expect(linked).toContain('0|1');
    expect(linked).not.toContain('0|2');
    expect(linked).not.toContain('1|2');
  });
});
