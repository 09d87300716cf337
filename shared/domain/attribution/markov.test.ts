import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fitMarkov, type Journey, removalEffectWeights } from './markov';
import { heuristicWeights } from './models';

const j = (path: string, conversions: number, nulls = 0): Journey => ({
  states: path.split(' > '),
  conversions,
  nulls,
});

describe('Markov removal effect', () => {
  it('reproduces the published worked example (Puzyrov 2019): Google Ads 2.4, mailing 1.6 of 4 conversions', () => {
    // serhiipuzyrov.com/2019/07/markov-chain-attribution-simple-explanation-of-removal-effect:
    // P(conv) = 0.8 × (0.5 + 0.25 × 1) + 0.2 = 0.8; without Google Ads 0.2 (RE 0.75); without
    // mailing 0.4 (RE 0.5); shares 0.75 / 1.25 and 0.5 / 1.25 of the 4 conversions.
    const m = fitMarkov([
      j('google ads', 2),
      j('mailing', 1),
      j('google ads > mailing', 1),
      j('google ads', 0, 1),
    ]);
    expect(m.conversionProbability).toBeCloseTo(0.8, 12);
    expect(m.removalEffects.get('google ads')).toBeCloseTo(0.75, 12);
    expect(m.removalEffects.get('mailing')).toBeCloseTo(0.5, 12);
    const re = [...m.removalEffects.values()].reduce((a, b) => a + b, 0);
    expect((4 * m.removalEffects.get('google ads')!) / re).toBeCloseTo(2.4, 12);
  });

  it('matches the three-journey example of Anderl et al. (2016): C1 0.2, C2 0.4, C3 0.4', () => {
    // start→C1 2/3, start→C2 1/3, C1→C2 1/2, C1→null 1/2, C2→C3 1, C3→conv 1/2, C3→null 1/2.
    // P(conv) = 1/3; without C1 1/6 (RE 0.5); without C2 or C3 0 (RE 1).
    const m = fitMarkov([j('C1 > C2 > C3', 1), j('C1', 0, 1), j('C2 > C3', 0, 1)]);
    expect(m.conversionProbability).toBeCloseTo(1 / 3, 12);
    expect(m.removalEffects.get('C1')).toBeCloseTo(0.5, 12);
    expect(m.removalEffects.get('C2')).toBeCloseTo(1, 12);
    expect(m.removalEffects.get('C3')).toBeCloseTo(1, 12);
    const w = removalEffectWeights(['C1', 'C2', 'C3'], m.removalEffects);
    expect(w[0]).toBeCloseTo(0.2, 12);
    expect(w[1]).toBeCloseTo(0.4, 12);
  });

  it('splits a state credit evenly over its repeats in one journey', () => {
    const w = removalEffectWeights(
      ['a', 'b', 'a'],
      new Map([
        ['a', 1],
        ['b', 1],
      ]),
    );
    expect(w).toEqual([0.25, 0.5, 0.25]);
  });

  it('falls back to equal shares when no state has an effect', () => {
    expect(removalEffectWeights(['a', 'b'], new Map())).toEqual([0.5, 0.5]);
  });

  it('has no effects when nothing ever converts', () => {
    const m = fitMarkov([j('a > b', 0, 3)]);
    expect(m.conversionProbability).toBe(0);
    expect(m.removalEffects.get('a')).toBe(0);
  });
});

/** The ChannelAttribution package's own example data (path;conversions;value;nulls). */
function loadPathData(): Journey[] {
  // The reference datasets sit in ../shared beside the checkout (read-only), in CI as here.
  const text = readFileSync(
    new URL(
      '../../../../shared/datasets/channelattribution/ChannelAttribution_PathData.csv',
      import.meta.url,
    ),
    'utf8',
  );
  return text
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => {
      const [path, conv, , nulls] = line.split(';');
      return j(path!, Number(conv), Number(nulls));
    });
}

describe('against ChannelAttribution_PathData.csv', () => {
  const journeys = loadPathData();
  const sumBy = (f: (jr: Journey) => Array<[string, number]>) => {
    const out = new Map<string, number>();
    for (const jr of journeys) for (const [s, v] of f(jr)) out.set(s, (out.get(s) ?? 0) + v);
    return out;
  };

  it.each([
    ['first_touch', (jr: Journey) => [[jr.states[0]!, jr.conversions]] as Array<[string, number]>],
    ['last_touch', (jr: Journey) => [[jr.states.at(-1)!, jr.conversions]] as Array<[string, number]>],
    [
      'linear',
      (jr: Journey) =>
        jr.states.map((s) => [s, jr.conversions / jr.states.length]) as Array<[string, number]>,
    ],
  ] as const)('%s totals per channel equal the direct count over the paths', (model, direct) => {
    const expected = sumBy(direct);
    const actual = sumBy((jr) => {
      const w = heuristicWeights(
        model,
        jr.states.map((_, i) => i),
        jr.states.length,
      );
      return jr.states.map((s, i) => [s, jr.conversions * w[i]!]);
    });
    for (const [channel, total] of expected) expect(actual.get(channel)).toBeCloseTo(total, 6);
    const all = journeys.reduce((a, jr) => a + jr.conversions, 0);
    expect([...actual.values()].reduce((a, b) => a + b, 0)).toBeCloseTo(all, 6);
  });

  it('solves the same removal effects a random-walk simulation of the fitted chain estimates', () => {
    const m = fitMarkov(journeys);
    const sim = simulate(journeys, 200_000);
    expect(m.conversionProbability).toBeCloseTo(sim.base, 2);
    for (const [state, re] of m.removalEffects) expect(Math.abs(re - sim.effect(state))).toBeLessThan(0.02);
  });
});

/**
 * An independent estimate: count transitions (self loops kept), then walk the chain from start
 * with a seeded generator, with and without each state, and compare conversion rates.
 */
function simulate(journeys: Journey[], walks: number) {
  const next = new Map<string, Map<string, number>>();
  const add = (a: string, b: string, n: number) => {
    const row = next.get(a) ?? new Map<string, number>();
    row.set(b, (row.get(b) ?? 0) + n);
    next.set(a, row);
  };
  for (const jr of journeys) {
    const n = jr.conversions + jr.nulls;
    const path = ['(start)', ...jr.states];
    for (let i = 1; i < path.length; i++) add(path[i - 1]!, path[i]!, n);
    if (jr.conversions) add(path.at(-1)!, '(conversion)', jr.conversions);
    if (jr.nulls) add(path.at(-1)!, '(null)', jr.nulls);
  }
  const table = new Map(
    [...next].map(([s, row]) => {
      const total = [...row.values()].reduce((a, b) => a + b, 0);
      return [s, [...row].map(([t, c]) => [t, c / total] as const)];
    }),
  );
  let seed = 12345;
  const rand = () => {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    return seed / 4294967296;
  };
  const rate = (removed?: string) => {
    let hits = 0;
    for (let w = 0; w < walks; w++) {
      let s = '(start)';
      while (s !== '(conversion)' && s !== '(null)' && s !== removed) {
        const r = rand();
        let acc = 0;
        const row = table.get(s)!;
        s = row.at(-1)![0];
        for (const [t, p] of row) {
          acc += p;
          if (acc > r) {
            s = t;
            break;
          }
        }
      }
      if (s === '(conversion)') hits++;
    }
    return hits / walks;
  };
  const base = rate();
  return { base, effect: (state: string) => 1 - rate(state) / base };
}
