import { describe, expect, it } from 'vitest';
import type { BudgetCurves } from '../api/schemas';
import { createFormat } from '../format';
import { heldWords, planReason } from './plan-reasons';

const fmt = createFormat({ locale: 'en-US', currency: 'USD', timeZone: 'UTC' });
type Row = BudgetCurves['rows'][number];
const row = (binding: Row['binding'], heldReason: string | null = null) => ({ binding, heldReason }) as Row;
const profit = { objective: 'profit' as const, targetRoas: null };

describe('why the plan gives a campaign its budget', () => {
  it.each([
    ['held', 'Kept at today’s budget: its revenue did not follow its spend'],
    ['stock', 'Held by stock: its products can sell no more before a restock'],
    ['max', 'At its daily increase limit: the most it may rise in a day'],
    ['min', 'At its daily cut limit: the most it may fall in a day'],
    [null, 'Its curve: more here would earn less profit than on the other campaigns'],
  ] as const)('binding %s: %s', (binding, words) => {
    expect(planReason(row(binding), profit, fmt)).toBe(words);
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
    expect(heldWords(row('held', 'Not enough signal: …'))).toBe('Not enough signal: …');
    expect(heldWords(row('stock'))).toMatch(/can wait, unspent, until the stock arrives\.$/);
    expect(heldWords(row('max'))).toBeNull();
    expect(heldWords(row(null))).toBeNull();
  });
});
