import { describe, expect, it } from 'vitest';
import { countedThing, countsLine, syncStage } from './counts';

describe('what a sync or an import counted, in words', () => {
  it('puts the noun in the number the count needs', () => {
    expect(countedThing('accounts', 1)).toBe('1 ad account');
    expect(countedThing('accounts', 3)).toBe('3 ad accounts');
    expect(countedThing('orderLines', 25_855)).toBe('25,855 order lines');
    expect(countedThing('clickIds', 45_134)).toBe('45,134 ad clicks matched to their campaigns');
  });

  it('splits a counter it does not know at its capitals rather than gluing the words', () => {
    expect(countedThing('giftCardsRedeemed', 2)).toBe('2 gift cards redeemed');
  });

  it('leaves zero counters out of the line', () => {
    expect(countsLine({ orders: 21_619, orderLines: 25_855, staleSkipped: 0, inventoryLevels: 480 })).toBe(
      '21,619 orders · 25,855 order lines · 480 inventory levels',
    );
  });

  it('names each stage the jobs record, and any other in words', () => {
    expect(syncStage('orders:backfill')).toBe('Reading the order history');
    expect(syncStage('done')).toBe('Done');
    expect(syncStage('writing_rows')).toBe('Writing rows');
  });
});
