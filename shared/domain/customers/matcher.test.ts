import { describe, expect, it } from 'vitest';
import { loadFebrl } from '../../../test/support/febrl';
import { PERSON_COMPARISONS } from './comparisons';
import { type MatchModel, matchProbability, matchWeight } from './fellegi-sunter';
import { corroborated, matchPeople, pairMetrics } from './matcher';
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

describe('the evidence floor of a person match', () => {
  /**
   * A store's customers as a store has them: nearly all distinct people (Shopify already joined
   * them by email), from few surnames and few cities, plus `returning` who ordered again under a
   * second email from the same address. Before the floor, EM learned "same surname, same city" as a match
   * and filed hundreds of strangers for review.
   */
  function storeOfNamesakes(returning: number) {
    const first = [
      'Ava',
      'Noah',
      'Mia',
      'Liam',
      'Zoe',
      'Omar',
      'Ines',
      'Kai',
      'Lena',
      'Ravi',
      'Sofia',
      'Theo',
    ];
    const last = [
      'Smith',
      'Garcia',
      'Chen',
      'Muller',
      'Okafor',
      'Rossi',
      'Kowalski',
      'Silva',
      'Novak',
      'Haddad',
    ];
    const cities = ['Austin', 'Miami', 'Seattle', 'Chicago', 'Toronto', 'London', 'Berlin', 'Sydney'];
    const streets = [
      'Maple Ave',
      'Oak St',
      'Cedar Rd',
      'Elm St',
      'Pine Ct',
      'Willow Way',
      'Lake Dr',
      'Hill Rd',
    ];
    let seed = 7;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
    const people = Array.from({ length: 1_000 }, () =>
      personKey({
        firstName: pick(first),
        lastName: pick(last),
        address1: `${1 + Math.floor(rand() * 999)} ${pick(streets)}`,
        city: pick(cities),
        postcode: String(10_000 + Math.floor(rand() * 89_999)),
      }),
    );
    const truth = new Set<string>();
    for (let i = 0; i < returning; i++) {
      truth.add(`${i * 37}|${people.length}`);
      people.push({ ...people[i * 37]! });
    }
    return { people, truth };
  }

  it('links the customers who came back under a second email, not their namesakes', () => {
    const { people, truth } = storeOfNamesakes(20);
    const { links } = matchPeople(people);
    const predicted = new Set(links.map((l) => `${l.left}|${l.right}`));
    const metrics = pairMetrics(predicted, truth);
    expect(metrics.recall).toBe(1);
    expect(metrics.precision).toBeGreaterThanOrEqual(0.9);
  });

  it('links nobody in a store of strangers', () => {
    const { people } = storeOfNamesakes(0);
    expect(matchPeople(people).links).toEqual([]);
  });

  it('holds when EM has learned "same surname, same city" as a match, as it did on the demo', () => {
    // The model EM fitted on the demo brand (no true matches to learn from): a shared surname and
    // city weigh ~10 bits, a different first name or postcode almost nothing.
    const level = (k: number, agree: number, differ: number) => {
      const n = PERSON_COMPARISONS[k]!.levels.length;
      return [1, ...Array.from({ length: n - 1 }, (_, i) => (i === 0 ? agree : i === n - 2 ? differ : 0.01))];
    };
    const m = [
      level(0, 0.1, 0.85),
      level(1, 0.95, 0.03),
      level(2, 0.02, 0.95),
      level(3, 0.5, 0.5),
      level(4, 0.95, 0.03),
      level(5, 0.02, 0.95),
      level(6, 0.5, 0.5),
    ];
    const u = [
      level(0, 0.08, 0.9),
      level(1, 0.1, 0.88),
      level(2, 0.01, 0.97),
      level(3, 0.5, 0.5),
      level(4, 0.12, 0.86),
      level(5, 0.01, 0.97),
      level(6, 0.5, 0.5),
    ];
    const model: MatchModel = {
      comparisons: PERSON_COMPARISONS.map((c) => ({ name: c.name, levels: c.levels })),
      m,
      u,
      lambda: 0.2,
    };
    const zoe = personKey({
      firstName: 'Zoe',
      lastName: 'Kowalski',
      address1: '216 Pine Ct',
      city: 'Toronto',
      postcode: 'M5V 2T6',
    });
    const ava = personKey({
      firstName: 'Ava',
      lastName: 'Kowalski',
      address1: '1840 Bay St',
      city: 'Toronto',
      postcode: 'M4C 1B5',
    });
    expect(matchPeople([zoe, ava], { model, floor: () => true }).links).toHaveLength(1);
    expect(matchPeople([zoe, ava], { model }).links).toEqual([]);
    // A namesake one typo away on a street of the same name in another city is not corroboration.
    const namesake = personKey({
      firstName: 'Zoe',
      lastName: 'Kowalski',
      address1: '246 Pine Ct',
      city: 'Seattle',
      postcode: '98101',
    });
    const levels = PERSON_COMPARISONS.map((c) => c.level(zoe, namesake));
    expect(levels.map((l, k) => PERSON_COMPARISONS[k]!.levels[l])).toEqual([
      'exact',
      'exact',
      'jaro-winkler ≥ 0.90',
      'missing',
      'different',
      'different',
      'missing',
    ]);
    expect(corroborated(levels, PERSON_COMPARISONS)).toBe(false);
    // The same person again under a second email, same street address: corroborated, linked.
    expect(matchPeople([zoe, { ...zoe }], { model }).links).toHaveLength(1);
  });
});
