import { describe, expect, it } from 'vitest';
import type { HillParams } from './hill';
import { type AllocationCampaign, allocateBudget, spendBounds, stockRevenueCap } from './optimise';

/** Concave Hill curves R = top·x / (x + K): R′ = top·K / (x + K)², so R′ = ν ⇔ x = √(top·K/ν) − K. */
const concave = (top: number): HillParams => ({ top, halfSat: 10_000, shape: 1, decay: 0 });

const three = (maxRevenue3: number | null = null): AllocationCampaign[] =>
  [
    { id: 'a', top: 640_000, current: 40_000 },
    { id: 'b', top: 1_440_000, current: 50_000 },
    { id: 'c', top: 2_560_000, current: 60_000 },
  ].map((c) => ({
    id: c.id,
    curve: concave(c.top),
    margin: 0.5,
    currentSpendMinor: c.current,
    ...spendBounds(c.current, 0.5, 1_000),
    maxRevenueMinor: c.id === 'c' ? maxRevenue3 : null,
  }));

describe('budget optimiser', () => {
  it('splits a budget where marginal ROAS is equal: the analytic optimum of three campaigns', () => {
    // √(top·K) = 80k, 120k, 160k; Σx = 150k ⇒ √(1/ν)·360k = 180k ⇒ ν = 4, x = 30k, 50k, 70k.
    const a = allocateBudget(three(), 150_000);
    expect(a.rows.map((r) => r.proposedSpendMinor)).toEqual([30_000, 50_000, 70_000]);
    for (const r of a.rows) expect(r.marginalRoas).toBeCloseTo(4, 3);
    expect(a.rows.every((r) => r.binding === null)).toBe(true);
    expect(a.allocatedMinor).toBe(150_000);
  });

  it('holds a campaign at what its stock can sell and gives the rest to the others', () => {
    // c's shelf carries R = 2.56M·40k/50k = 2.048M a day ⇒ x_c ≤ 40k; the other 110k:
    // √(1/ν)·200k = 130k ⇒ x_a = 0.65·80k − 10k = 42k, x_b = 0.65·120k − 10k = 68k.
    const a = allocateBudget(three(2_048_000), 150_000);
    const byId = Object.fromEntries(a.rows.map((r) => [r.id, r]));
    expect(byId.c).toMatchObject({ proposedSpendMinor: 40_000, binding: 'stock' });
    expect(byId.a!.proposedSpendMinor).toBe(42_000);
    expect(byId.b!.proposedSpendMinor).toBe(68_000);
    expect(byId.a!.marginalRoas).toBeCloseTo(byId.b!.marginalRoas, 6);
  });

  it('never proposes below the platform minimum, even for a campaign whose stock can carry less', () => {
    // c's shelf carries R = 2.56M·100/10.1k ≈ 25.3k a day ⇒ x_c ≤ 100, under its 1,000 minimum.
    const a = allocateBudget(three(25_346), 150_000);
    const c = a.rows.find((r) => r.id === 'c')!;
    expect(c).toMatchObject({ proposedSpendMinor: 1_000, binding: 'stock' });
    // Without a minimum the stock alone would set it.
    const free = allocateBudget(
      three(25_346).map((x) => ({ ...x, platformMinimumMinor: 0, minSpendMinor: 0 })),
      150_000,
    );
    expect(free.rows.find((r) => r.id === 'c')!.proposedSpendMinor).toBe(100);
  });

  it('keeps a held campaign at today’s spend and splits the rest of the budget at equal marginal ROAS', () => {
    // c keeps 60k; a and b share 90k: √(1/ν)·200k = 110k ⇒ x_a = 0.55·80k − 10k = 34k, x_b = 56k.
    const held = three().map((c) => (c.id === 'c' ? { ...c, heldReason: 'no signal' } : c));
    const a = allocateBudget(held, 150_000);
    expect(a.rows.map((r) => [r.id, r.proposedSpendMinor, r.binding, r.heldReason])).toEqual([
      ['a', 34_000, null, null],
      ['b', 56_000, null, null],
      ['c', 60_000, 'held', 'no signal'],
    ]);
    expect(a.allocatedMinor).toBe(150_000);
    expect(a.rows.find((r) => r.id === 'c')!.proposedRevenueMinor).toBe(
      a.rows.find((r) => r.id === 'c')!.currentRevenueMinor,
    );
  });

  it('says a held campaign is why a budget cannot be placed in full', () => {
    const held = three().map((c) => (c.id === 'c' ? { ...c, heldReason: 'no signal' } : c));
    const a = allocateBudget(held, 300_000);
    // a and b at +50 %, c at today's 60k: 60k + 75k + 60k.
    expect(a.allocatedMinor).toBe(195_000);
    expect(a.note).toContain('one campaign keeps today’s budget');
  });

  it('with every campaign held, spends today’s budget as it is and says so', () => {
    const a = allocateBudget(
      three().map((c) => ({ ...c, heldReason: 'no signal' })),
      150_000,
    );
    expect(a.rows.map((r) => r.proposedSpendMinor)).toEqual([40_000, 50_000, 60_000]);
    expect(a.totals.proposedProfitMinor).toBe(a.totals.currentProfitMinor);
    expect(a.note).toMatch(/^every campaign keeps today’s budget/);
  });

  it('never moves a campaign by more than the daily change allows', () => {
    const a = allocateBudget(three(), 300_000);
    expect(a.rows.map((r) => [r.proposedSpendMinor, r.binding])).toEqual([
      [60_000, 'max'],
      [75_000, 'max'],
      [90_000, 'max'],
    ]);
    expect(a.note).toContain('above what the campaigns can absorb');
  });

  it('at a target ROAS above what the budget earns (26.1), spends only as much as keeps the total at the target', () => {
    const a = allocateBudget(three(), 150_000, { objective: 'revenue', targetRoas: 28 });
    const spend = a.rows.reduce((s, r) => s + r.proposedSpendMinor, 0);
    expect(a.totals.proposedRevenueMinor / spend).toBeCloseTo(28, 1);
    expect(spend).toBeLessThan(150_000);
  });

  it('with the budget as a ceiling, stops each campaign where margin × marginal ROAS is 1', () => {
    // margin 0.5 ⇒ R′ = 2 ⇒ x = √(top·K/2) − K: a 46,569, b 74,853, c 103,137 — c capped at +50 %.
    const a = allocateBudget(three(), 1_000_000, { budgetIsCap: true });
    expect(a.rows.map((r) => [r.proposedSpendMinor, r.binding])).toEqual([
      [46_569, null],
      [74_853, null],
      [90_000, 'max'],
    ]);
  });

  it('turns a shelf into a daily revenue cap after organic demand', () => {
    expect(
      stockRevenueCap({
        unitsAvailable: 100,
        daysUntilRestock: 10,
        organicUnitsPerDay: 4,
        unitPriceMinor: 5_000,
      }),
    ).toBe(30_000);
  });
});
