import { describe, expect, it } from 'vitest';
import {
  aCampaign,
  anInput,
  aProduct,
  aSpendLine,
  curvePoints,
} from '../../../test/support/recommendation-builders';
import { fitResponseCurve, generateRecommendations, predictRevenue, spendForAverageRoas } from '.';
import { promoteTitle } from './stock-rules';

describe('response curve', () => {
  it('recovers a and b of an exact power curve from daily history', () => {
    const curve = fitResponseCurve(curvePoints(40, 0.7, 10_000));
    expect(curve.kind).toBe('power');
    if (curve.kind !== 'power') return;
    expect(curve.b).toBeCloseTo(0.7, 3);
    expect(curve.a).toBeCloseTo(40, 0);
    expect(predictRevenue(curve, 10_000)).toBeCloseTo(40 * 10_000 ** 0.7, -1);
  });

  it('falls back to a stated constant ROAS when spend never moved', () => {
    const flat = Array.from({ length: 14 }, () => ({ spendMinor: 10_000, revenueMinor: 30_000 }));
    const curve = fitResponseCurve(flat);
    expect(curve).toMatchObject({ kind: 'constant_roas', roas: 3, why: 'daily spend barely varied' });
    expect(spendForAverageRoas(curve, 2)).toBeUndefined();
  });

  it.each([
    [1, 1.5, 'revenue grew faster than spend, which no diminishing-returns curve fits (exponent 1.50)'],
    [1e6, -0.5, 'revenue did not rise with spend (exponent -0.50)'],
  ])('says in words why revenue = %s·spend^%s is no curve', (a, b, why) => {
    const curve = fitResponseCurve(curvePoints(a, b, 10_000));
    expect(curve).toMatchObject({ kind: 'constant_roas', why });
  });

  it('finds the spend where average ROAS meets a target', () => {
    const curve = fitResponseCurve(curvePoints(40, 0.7, 10_000));
    const s = spendForAverageRoas(curve, 2)!;
    expect(predictRevenue(curve, s) / s).toBeCloseTo(2, 3);
  });
});

describe('recommendation rules', () => {
  it('pauses a campaign that spends only on a stocked-out product, scored as critical waste', () => {
    const recs = generateRecommendations(
      anInput({
        campaigns: [aCampaign('c1', { spendMinor: 280_000 })],
        campaignProducts: [aSpendLine('c1', 'p1', { spendMinor: 280_000, recentSpendMinor: 60_000 })],
        products: [aProduct('p1', { stockAvailable: 0, daysOfCover: 0 })],
      }),
    );
    expect(recs.map((r) => r.type)).toEqual(['pause']);
    expect(recs[0]).toMatchObject({
      type: 'pause',
      dedupeKey: 'pause:c1:p1',
      change: { campaignId: 'c1', currentDailySpendMinor: 20_000, proposedDailySpendMinor: 0 },
      evidence: { stock_available: 0, spend_recent_minor: 60_000 },
      expectedImpact: { amountMinor: 140_000 },
    });
    expect(recs[0]!.priority).toBe('critical');
  });

  it('gives a campaign that advertises a stocked-out product one budget: the stockout’s, not also a ROAS cut', () => {
    const recs = generateRecommendations(
      anInput({
        campaigns: [aCampaign('c1', { spendMinor: 280_000, revenueMinor: 28_000 })],
        campaignProducts: [
          aSpendLine('c1', 'p1', { spendMinor: 200_000, recentSpendMinor: 45_000 }),
          aSpendLine('c1', 'p2', { spendMinor: 80_000, recentSpendMinor: 15_000 }),
        ],
        products: [aProduct('p1', { stockAvailable: 0, daysOfCover: 0 }), aProduct('p2')],
      }),
    );
    const onC1 = recs.filter((r) => r.change.campaignId === 'c1' && r.change.proposedDailySpendMinor != null);
    expect(onC1.map((r) => r.type)).toEqual(['pause']);
    expect(onC1[0]!.change.proposedDailySpendMinor).toBeGreaterThan(0);
  });

  it('gives a campaign one budget when a low-cover product and its ROAS both call for a cut: the stock’s', () => {
    const recs = generateRecommendations(
      anInput({
        campaigns: [aCampaign('c1', { spendMinor: 280_000, revenueMinor: 84_000 })],
        campaignProducts: [aSpendLine('c1', 'p1', { spendMinor: 140_000 })],
        products: [aProduct('p1', { stockAvailable: 20, daysOfCover: 4 })],
      }),
    );
    const onC1 = recs.filter((r) => r.change.campaignId === 'c1' && r.change.proposedDailySpendMinor != null);
    expect(onC1.map((r) => r.type)).toEqual(['reduce_spend']);
    expect(onC1[0]!.dedupeKey).toMatch(/cover/);
  });

  it('cuts spend on a low-cover product in proportion to cover ÷ threshold, not the rest of the campaign', () => {
    const [rec] = generateRecommendations(
      anInput({
        campaigns: [aCampaign('c1', { spendMinor: 280_000, revenueMinor: 1_400_000 })],
        campaignProducts: [aSpendLine('c1', 'p1', { spendMinor: 140_000 })],
        products: [aProduct('p1', { stockAvailable: 35, daysOfCover: 7 })],
      }),
    );
    // product spends 10 000/day; 7 of 14 days cover → 5 000/day; campaign 20 000 → 15 000.
    expect(rec).toMatchObject({
      type: 'reduce_spend',
      change: { productId: 'p1', currentDailySpendMinor: 20_000, proposedDailySpendMinor: 15_000 },
      evidence: { days_of_cover: 7, spend_share: 0.14 },
      expectedImpact: { amountMinor: 35_000 },
    });
  });

  it('leaves a low-cover product alone when its spend share is immaterial', () => {
    const recs = generateRecommendations(
      anInput({
        campaignProducts: [aSpendLine('c1', 'p1', { spendMinor: 10_000 })],
        products: [aProduct('p1', { stockAvailable: 5, daysOfCover: 3 })],
      }),
    );
    expect(recs.filter((r) => r.type === 'reduce_spend')).toEqual([]);
  });

  it('promotes an overstocked product nobody advertises and values the excess at unit cost', () => {
    const [rec] = generateRecommendations(
      anInput({
        products: [aProduct('p9', { stockAvailable: 2600, daysOfCover: 455, units: 80, cogsMinor: 248_000 })],
      }),
    );
    // 80 units / 14 days × 90 days = 514.3 → 515 kept; 2085 excess × 3100 unit cost.
    expect(rec).toMatchObject({
      type: 'promote',
      evidence: { excess_units: 2085, unit_cost_minor: 3100, inventory_tied_up_minor: 6_463_500 },
    });
    expect(rec!.score).toBeLessThan(50);
    // The test budget's share is written as the app writes shares: "5%", never "5 %".
    expect(rec!.action).toMatch(/ a day \(5% of the brand's daily ad spend\)/);
  });

  it('titles a product that sold nothing by its units on hand, not "no sales and of stock on hand"', () => {
    const [rec] = generateRecommendations(
      anInput({
        products: [
          aProduct('p9', {
            title: 'Linen Throw',
            stockAvailable: 2600,
            daysOfCover: null,
            units: 0,
            cogsMinor: 0,
            unitCostMinor: 3100,
          }),
        ],
      }),
    );
    expect(rec!.title).toBe('Promote Linen Throw: no sales in the window and 2,600 units on hand');
    expect(promoteTitle('Linen Throw', 455, 2600)).toBe('Promote Linen Throw: over a year of stock on hand');
  });

  it('keeps at most five promote suggestions, the most money tied up first, none worth less than a day of spend', () => {
    // Daily spend is 1,000,000 / 14 = 71,429; each product has 80 units sold and 2600 on hand.
    const overstocked = [1, 2, 3, 4, 5, 6, 7].map((n) =>
      aProduct(`p${n}`, { stockAvailable: 2600, daysOfCover: 455, units: 80, cogsMinor: 80 * 100 * n }),
    );
    const small = aProduct('tiny', { stockAvailable: 2600, daysOfCover: 455, units: 80, cogsMinor: 80 * 30 });
    const recs = generateRecommendations(anInput({ products: [small, ...overstocked] }));
    // 2085 excess units × 30 = 62,550 tied up: less than a day of spend, so not worth a card.
    expect(recs.map((r) => r.change.productId)).toEqual(['p7', 'p6', 'p5', 'p4', 'p3']);
  });

  it('cuts a below-target campaign to where its fitted curve stops paying its margin, within a day’s step, and says the curve sized it', () => {
    const daily = curvePoints(40, 0.7, 10_000, 28);
    const spend = daily.slice(-14).reduce((s, p) => s + p.spendMinor, 0);
    const revenue = daily.slice(-14).reduce((s, p) => s + p.revenueMinor, 0);
    const [rec] = generateRecommendations(
      anInput({
        totalSpendMinor: spend * 3,
        campaigns: [aCampaign('c1', { spendMinor: spend, revenueMinor: revenue, profitMinor: 0, daily })],
      }),
    );
    expect(revenue / spend).toBeLessThan(3);
    expect(rec).toMatchObject({ type: 'reduce_spend', dedupeKey: 'reduce_spend:roas:c1' });
    expect(rec!.expectedImpact.model).toMatch(
      /^Hill saturation curve with geometric carry-over fitted on 28 days/,
    );
    expect(rec!.evidence).toMatchObject({
      curve_model: 'hill-adstock/v1',
      curve_days: 28,
      curve_days_censored: 0,
    });
    // margin 1/ROAS ≈ 0.37 × marginal ROAS ≈ 1.8 < 1: cut, but by no more than the 20 % daily step.
    const current = rec!.change.currentDailySpendMinor!;
    expect(rec!.change.proposedDailySpendMinor!).toBeLessThan(current);
    expect(rec!.change.proposedDailySpendMinor!).toBeGreaterThanOrEqual(Math.floor(current * 0.8));
    expect(rec!.expectedImpact.description).toMatch(
      /^About \$[\d,]+\.\d\d more profit a week: the spend saved exceeds the margin on the revenue the curve expects to lose\.$/,
    );
    expect(rec!.reason).not.toMatch(/stated|average return/);
  });

  /** A campaign that ran 5 of the 14 days at ROAS 1.5× and a 40 % margin: too few days for any curve. */
  const newCampaign = (revenuePerDay: number, margin: number) =>
    aCampaign('new', {
      spendMinor: 140_000,
      revenueMinor: 5 * revenuePerDay,
      profitMinor: Math.round(margin * 5 * revenuePerDay) - 140_000,
      daily: Array.from({ length: 5 }, () => ({ spendMinor: 28_000, revenueMinor: revenuePerDay })),
    });

  it('says a cut made without a curve rests on the average ROAS it assumed, and over how many days', () => {
    const [rec] = generateRecommendations(anInput({ campaigns: [newCampaign(42_000, 0.4)] }));
    expect(rec).toMatchObject({ type: 'reduce_spend', dedupeKey: 'reduce_spend:roas:new' });
    expect(rec!.expectedImpact.model).toMatch(/^stated assumption: constant ROAS of 1\.50× /);
    // $100.00 a day cut by the stated 30 % to $70.00: 1.5 × 0.4 = 0.6 of each dollar comes back as
    // margin, so a week saves (1 − 0.6) × $30.00 × 7 = $84.00.
    expect(rec!.change.proposedDailySpendMinor).toBe(7_000);
    expect(rec!.expectedImpact.description).toBe(
      'About $84.00 more profit a week: the spend saved exceeds the margin on the revenue it would lose at its average ROAS of 1.50× over 5 days.',
    );
    expect(rec!.reason).toContain(
      'No response curve could be fitted to its days, so the cut is a stated 30% step.',
    );
  });

  it('does not scale a campaign no curve could be fitted to, however high its average ROAS', () => {
    const recs = generateRecommendations(anInput({ campaigns: [newCampaign(168_000, 0.5)] }));
    // ROAS 6× on 14 % of spend: a scale candidate by its numbers, but nothing says more spend pays.
    expect(recs.map((r) => r.type)).not.toContain('increase_spend');
  });

  it('scales a small, well-above-target campaign only when all its products are well stocked', () => {
    const daily = curvePoints(400, 0.8, 5_000, 28);
    const spend = daily.slice(-14).reduce((s, p) => s + p.spendMinor, 0);
    const revenue = daily.slice(-14).reduce((s, p) => s + p.revenueMinor, 0);
    const campaign = aCampaign('c2', {
      spendMinor: spend,
      revenueMinor: revenue,
      profitMinor: revenue / 2,
      daily,
    });
    const line = aSpendLine('c2', 'p2', { spendMinor: spend, recentSpendMinor: 1 });
    const base = { totalSpendMinor: spend * 20, campaigns: [campaign], campaignProducts: [line] };
    const healthy = generateRecommendations(anInput({ ...base, products: [aProduct('p2')] }));
    expect(healthy.map((r) => r.type)).toEqual(['increase_spend']);
    // Marginal ROAS ≈ 59 at a margin of ½: the optimiser takes the whole 20 % daily step.
    expect(healthy[0]!.change.proposedDailySpendMinor).toBeCloseTo(
      healthy[0]!.change.currentDailySpendMinor! * 1.2,
      -1,
    );
    expect(healthy[0]!.evidence.marginal_roas_current).toBeGreaterThan(30);
    const low = generateRecommendations(anInput({ ...base, products: [aProduct('p2', { daysOfCover: 5 })] }));
    expect(low.map((r) => r.type)).not.toContain('increase_spend');
  });

  it('ranks any waste above any opportunity', () => {
    const recs = generateRecommendations(
      anInput({
        campaigns: [aCampaign('c1')],
        campaignProducts: [aSpendLine('c1', 'p1', { recentSpendMinor: 300 })],
        products: [
          aProduct('p1', { stockAvailable: 0 }),
          aProduct('p9', { stockAvailable: 100_000, daysOfCover: 5000 }),
        ],
      }),
    );
    expect(recs.map((r) => r.type)).toEqual(['pause', 'promote']);
    expect(recs[0]!.score).toBeGreaterThan(recs[1]!.score);
  });
});
