import { describe, expect, it } from 'vitest';
import { loadFebrl } from '../../../test/support/febrl';
import { matchPeople, pairKey, pairMetrics } from './matcher';
import { components, createUnionFind } from './union-find';

/**
 * Done-when of issue #18: on the Febrl benchmark (../shared/datasets/febrl, true pairs from
 * `rec_id`) the unsupervised matcher reaches F1 ≥ 0.95 over true pairs. Pairs are counted after
 * clustering, as profiles are: records linked through a third record are one person.
 */
function evaluate(name: 'dataset1' | 'dataset2') {
  const { records, truePairs } = loadFebrl(name);
  const { links } = matchPeople(records);
  const uf = createUnionFind(records.length);
  for (const link of links) uf.union(link.left, link.right);
  const predicted = new Set<string>();
  for (const group of components(uf))
    for (let x = 0; x < group.length; x++)
      for (let y = x + 1; y < group.length; y++) predicted.add(pairKey(group[x]!, group[y]!));
  return pairMetrics(predicted, truePairs);
}

describe('probabilistic matcher on Febrl', () => {
  it('reaches F1 ≥ 0.95 on dataset 2 (5,000 records, up to 5 duplicates each)', () => {
    const metrics = evaluate('dataset2');
    expect(metrics.f1).toBeGreaterThanOrEqual(0.95);
    expect(metrics.precision).toBeGreaterThanOrEqual(0.95);
  }, 60_000);

  it('reaches F1 ≥ 0.95 on dataset 1 (1,000 records, one duplicate each)', () => {
    expect(evaluate('dataset1').f1).toBeGreaterThanOrEqual(0.95);
  }, 60_000);
});
