import { describe, expect, it } from 'vitest';
import type { BudgetCurves } from '../api/schemas';
import { createFormat } from '../format';
import { heldGroups, heldWords, planReason } from './plan-reasons';

const fmt = createFormat({ locale: 'en-US', currency: 'USD', timeZone: 'UTC' });
type Row = BudgetCurves['rows'][number];
const row = (binding: Row['binding'], heldReason: string | null = null) => ({ binding, heldReason }) as Row;
const profit = { objective: 'profit' as const, targetRoas: null };

describe('why the plan gives a campaign its budget', () => {
  it.each([
    ['held', 'Kept at today’s budget: its revenue did not follow its spend'],
    ['stock', 'Capped by stock: planned at what its products can sell before a restock'],
    ['max', 'At its daily increase limit: the most it may rise in a day'],
    ['min', 'At its daily cut limit: the most it may fall in a day'],
    [null, 'Its curve: more here would earn less profit than on the other campaigns'],
  ] as const)('binding %s: %s', (binding, words) => {
    expect(planReason(row(binding), profit, fmt)).toBe(words);
  });

  it('names the product whose stock caps a campaign, in words true whether the cap lets it rise or cuts it', () => {
    const capped = { ...row('stock'), stockProduct: { title: 'Daypack 22L' } } as Row;
    expect(planReason(capped, profit, fmt)).toBe(
      'Capped by Daypack 22L’s stock: planned at what it can sell before a restock',
    );
  });

  it('names the ROAS target a campaign bound by nothing is planned to', () => {
    expect(planReason(row(null), { objective: 'revenue', targetRoas: 3.5 }, fmt)).toBe(
      'Its curve, keeping the total ROAS at the 3.50× target',
    );
    expect(planReason(row(null), { objective: 'revenue', targetRoas: null }, fmt)).toBe(
      'Its curve: more here would bring less revenue than on the other campaigns',
    );
  });

  it('gives the full sentence only for a campaign the plan holds', () => {
    expect(heldWords(row('held', 'Not enough signal: …'), 14, fmt)).toBe('Not enough signal: …');
    expect(heldWords(row('stock'), 14, fmt)).toMatch(/can wait, unspent, until the stock arrives\.$/);
    expect(heldWords(row('max'), 14, fmt)).toBeNull();
    expect(heldWords(row(null), 14, fmt)).toBeNull();
  });
});

describe('the campaigns the plan holds, one sentence per reason', () => {
  const bottle = { productId: 'p-bottle', title: 'Trail Bottle', daysOfCover: 6.5, stockAvailable: 120 };
  const beanie = { productId: 'p-beanie', title: 'Beanie', daysOfCover: null, stockAvailable: 1 };
  const campaign = (id: string, binding: Row['binding'], extra: Partial<Row> = {}) =>
    ({
      campaignId: id,
      campaignName: `Campaign ${id}`,
      binding,
      heldReason: null,
      stockProduct: null,
      ...extra,
    }) as Row;
  const curve = (campaignId: string, daysUsed: number) => ({ campaignId, daysUsed });
  const planOf = (rows: Row[], curves: { campaignId: string; daysUsed: number }[] = []) =>
    ({ rows, curves, restockDays: 14 }) as unknown as Pick<BudgetCurves, 'rows' | 'curves' | 'restockDays'>;

  it('says the stock sentence once for every campaign one product holds, naming the product and its cover', () => {
    const groups = heldGroups(
      planOf([
        campaign('a', 'stock', { stockProduct: bottle }),
        campaign('b', 'max'),
        campaign('c', 'stock', { stockProduct: bottle }),
        campaign('d', 'stock', { stockProduct: beanie }),
        campaign('e', 'stock', { stockProduct: bottle }),
      ]),
      fmt,
    );
    expect(groups.map((g) => [g.key, g.rows.map((r) => r.campaignId)])).toEqual([
      ['stock:p-bottle', ['a', 'c', 'e']],
      ['stock:p-beanie', ['d']],
    ]);
    expect(groups[0]!.words).toBe(
      'Trail Bottle has 120 units left, 6.5 days of stock at its current sales. The plan spends on these 3 campaigns only what that stock can sell in the 14 days it assumes until a restock. The rest can wait, unspent, until the stock arrives.',
    );
    // One unit, no known cover: the count in the singular, and no cover invented.
    expect(groups[1]!.words).toBe(
      'Beanie has 1 unit left. The plan spends on this campaign only what that stock can sell in the 14 days it assumes until a restock. The rest can wait, unspent, until the stock arrives.',
    );
  });

  it('says an out-of-stock product is out of stock, not that it has "0 units, 0 days" left', () => {
    const out = { productId: 'p-out', title: 'Trail Bottle — OS', daysOfCover: 0, stockAvailable: 0 };
    expect(heldGroups(planOf([campaign('t', 'stock', { stockProduct: out })]), fmt)[0]!.words).toBe(
      'Trail Bottle — OS is out of stock. The plan spends on this campaign only what that stock can sell in the 14 days it assumes until a restock. The rest can wait, unspent, until the stock arrives.',
    );
  });

  it('says it is the platform’s minimum that keeps a campaign spending on a product out of stock, and that pausing stops it', () => {
    const out = { productId: 'p-out', title: 'Trail Bottle — OS', daysOfCover: 0, stockAvailable: 0 };
    const spark = campaign('t', 'stock', {
      stockProduct: out,
      campaignName: 'Trail Bottle — Spark Ads',
      platform: 'tiktok',
      proposedSpendMinor: 5_000,
    });
    expect(heldGroups(planOf([spark]), fmt)[0]!.words).toMatch(
      /until the stock arrives\. TikTok’s minimum daily budget keeps Trail Bottle — Spark Ads at \$50\.00 a day: pause it to stop spending on a product that cannot be sold\.$/,
    );
    // In stock, or planned at nothing: no such sentence.
    expect(heldGroups(planOf([{ ...spark, proposedSpendMinor: 0 }]), fmt)[0]!.words).not.toMatch(/minimum/);
  });

  it('says the not-enough-signal reason once, in the plural, for every campaign held by it', () => {
    const one = 'Not enough signal: over 60 days its revenue did not rise and fall with its spend, …';
    const groups = heldGroups(
      planOf(
        [campaign('x', 'held', { heldReason: one }), campaign('y', 'held', { heldReason: one })],
        [curve('x', 60), curve('y', 45)],
      ),
      fmt,
    );
    expect(groups).toHaveLength(1);
    expect(groups[0]!.rows.map((r) => r.campaignId)).toEqual(['x', 'y']);
    expect(groups[0]!.words).toBe(
      'Not enough signal: over 45 to 60 days their revenue did not rise and fall with their spend, so nothing says more budget would pay back or that less would save money. Their budgets stay where they are.',
    );
    // Alone, a held campaign keeps the plan's own sentence.
    expect(
      heldGroups(planOf([campaign('x', 'held', { heldReason: one })], [curve('x', 60)]), fmt)[0]!.words,
    ).toBe(one);
  });

  it('holds nothing when every campaign may move', () => {
    expect(heldGroups(planOf([campaign('a', 'max'), campaign('b', null)]), fmt)).toEqual([]);
  });
});
