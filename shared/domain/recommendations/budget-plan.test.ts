import { describe, expect, it } from 'vitest';
import {
  aCampaign,
  anInput,
  aProduct,
  aSpendLine,
  curvePoints,
} from '../../../test/support/recommendation-builders';
import { seededRandom } from '../../kernel/util/random';
import { fitHillCurve } from '../curves';
import { recommendationSchema } from '../entities/actions';
import { generateRecommendations } from '.';
import { allocationInputs, curveEvidence, describeHill, planBudget } from './budget-plan';

const DAYS = 60;

/** Spend moving as in curvePoints; revenue drawn around `mean` whatever the spend did. */
function noiseDays(base: number, mean: number, seed: number) {
  const rand = seededRandom(seed);
  return curvePoints(1, 1, base, DAYS).map((p) => ({
    spendMinor: p.spendMinor,
    revenueMinor: Math.round(mean * (0.4 + 1.2 * rand())),
  }));
}

const totals = (days: readonly { spendMinor: number; revenueMinor: number }[]) => {
  const last = days.slice(-14);
  return {
    spendMinor: last.reduce((s, d) => s + d.spendMinor, 0),
    revenueMinor: last.reduce((s, d) => s + d.revenueMinor, 0),
  };
};

describe('budget plan: only curves that explain revenue move budget', () => {
  const explained = curvePoints(40, 0.7, 10_000, DAYS);
  const noise = noiseDays(10_000, 6_000, 3);
  const input = anInput({
    totalSpendMinor: 2 * totals(explained).spendMinor,
    campaigns: [
      aCampaign('fits', { ...totals(explained), profitMinor: 0, daily: explained }),
      // Half its spend lost after margin: a cut saves more than the margin it gives up.
      aCampaign('noise', {
        ...totals(noise),
        profitMinor: -totals(noise).spendMinor / 2,
        daily: noise,
        campaignName: 'Broad — Noise',
      }),
    ],
  });

  it('holds a fitted campaign whose revenue did not follow its spend, and says why in words', () => {
    const row = planBudget(input).get('noise')!.row;
    expect(planBudget(input).get('noise')!.curve.quality.r2).toBeLessThan(0.3);
    expect(row.binding).toBe('held');
    expect(row.proposedSpendMinor).toBe(Math.round(row.currentSpendMinor));
    expect(row.heldReason).toMatch(/^Not enough signal: over 60 days its revenue did not rise and fall/);
    expect(row.heldReason).not.toMatch(/R²|r2/i);
  });

  it('still moves a campaign whose curve explains its revenue', () => {
    const plan = planBudget(input).get('fits')!;
    expect(plan.curve.quality.r2).toBeGreaterThan(0.9);
    expect(plan.row.binding).not.toBe('held');
    expect(plan.row.heldReason).toBeNull();
    expect(Math.abs(plan.row.proposedSpendMinor - plan.currentDailyMinor)).toBeGreaterThan(100);
  });

  it('cuts a held, below-target campaign on its average return, saying no curve sized the cut', () => {
    const rec = generateRecommendations(input).find((r) => r.dedupeKey === 'reduce_spend:roas:noise')!;
    // One scale step (20 %), the most the optimiser moves any campaign in a day.
    expect(input.thresholds.scaleStep).toBe(0.2);
    expect(rec.change.proposedDailySpendMinor).toBe(Math.round(rec.change.currentDailySpendMinor! * 0.8));
    expect(rec.reason).toContain('judged on its average return, not on a response curve');
    // The assumed ROAS is the one the title states: the rule's own 14 days.
    const roas = (input.campaigns[1]!.revenueMinor / input.campaigns[1]!.spendMinor).toFixed(2);
    expect(rec.expectedImpact.model).toMatch(new RegExp(`^stated assumption: constant ROAS of ${roas}× `));
    expect(rec.expectedImpact.description).toMatch(
      new RegExp(
        `: the spend saved exceeds the margin on the revenue it would lose at its average ROAS of ${roas}× over 14 days\\.$`,
      ),
    );
    expect(rec.expectedImpact.description).not.toContain('curve');
    expect(rec.evidence).toMatchObject({ curve_used: 'no: revenue did not follow spend', curve_min_r2: 0.3 });
  });

  it('never scales a held campaign, however far above target its average ROAS is', () => {
    const rich = noiseDays(5_000, 200_000, 5);
    const campaign = aCampaign('rich', {
      ...totals(rich),
      profitMinor: totals(rich).revenueMinor / 2,
      daily: rich,
    });
    const scaled = anInput({ totalSpendMinor: 20 * campaign.spendMinor, campaigns: [campaign] });
    expect(planBudget(scaled).get('rich')!.row.binding).toBe('held');
    expect(generateRecommendations(scaled).map((r) => r.type)).not.toContain('increase_spend');
  });
});

describe('curve evidence', () => {
  it('records no marginal ROAS where a concave curve is proposed at zero spend (no stock), rather than Infinity', () => {
    const days = curvePoints(40, 0.7, 10_000, DAYS);
    const fit = fitHillCurve(days);
    if (!fit.ok) throw new Error(fit.reason);
    const curve = { ...fit.curve, params: { ...fit.curve.params, shape: 0.7 } };
    const evidence = curveEvidence(
      {
        curve,
        currentDailyMinor: 10_000,
        margin: 0.6,
        row: {
          id: 'out-of-stock',
          currentSpendMinor: 10_000,
          proposedSpendMinor: 0,
          binding: 'stock',
          heldReason: null,
          currentRevenueMinor: 0,
          proposedRevenueMinor: 0,
          proposedRevenue: null,
          proposedProfitMinor: 0,
          proposedProfit: null,
          marginalRoas: Number.POSITIVE_INFINITY,
        },
      },
      days,
    );
    expect(evidence.marginal_roas_proposed).toBeNull();
    expect(evidence.marginal_roas_current).toBeGreaterThan(0);
    expect(recommendationSchema.shape.evidence.safeParse(evidence).success).toBe(true);
  });

  it('describes the curve with money in the brand currency and ROAS as a ratio, never a bare number of cents', () => {
    const days = curvePoints(40, 0.7, 10_000, DAYS);
    const fit = fitHillCurve(days);
    if (!fit.ok) throw new Error(fit.reason);
    const curve = { ...fit.curve, params: { ...fit.curve.params, halfSat: 151_402 } };
    const row = { id: 'c', currentSpendMinor: 10_000, proposedSpendMinor: 10_000, marginalRoas: 1 };
    const plan = { curve, currentDailyMinor: 10_000, margin: 0.6, row } as Parameters<typeof describeHill>[0];
    const usd = describeHill(plan, 'USD');
    expect(usd).toContain('half-saturation at $1,514.02 a day');
    expect(usd).toMatch(/marginal ROAS \d+\.\d\d× at today's spend/);
    expect(describeHill(plan, 'EUR')).toContain('half-saturation at €1,514.02 a day');
  });

  it('gives the fit window as the app writes a date range, not as ISO dates', () => {
    const days = curvePoints(40, 0.7, 10_000, DAYS);
    const fit = fitHillCurve(days);
    if (!fit.ok) throw new Error(fit.reason);
    const curve = { ...fit.curve, window: { from: '2026-09-07', to: '2026-12-06' } };
    const row = { id: 'c', currentSpendMinor: 10_000, proposedSpendMinor: 10_000, marginalRoas: 1 };
    const plan = { curve, currentDailyMinor: 10_000, margin: 0.6, row } as Parameters<typeof describeHill>[0];
    const text = describeHill(plan, 'USD');
    expect(text).toMatch(/\(Sep 7\s–\sDec 6, 2026\)/u);
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}|hill-adstock/);
  });
});

describe('budget plan: the shelf that holds a campaign is named', () => {
  const days = curvePoints(40, 0.7, 10_000, DAYS);
  const campaign = aCampaign('shoes', { ...totals(days), profitMinor: 0, daily: days });
  const line = (productId: string, share: number) =>
    aSpendLine('shoes', productId, {
      spendMinor: Math.round(campaign.spendMinor * share),
      revenueMinor: Math.round(campaign.revenueMinor * share),
    });

  it('names the advertised product whose stock caps the campaign tightest, with its cover', () => {
    const input = anInput({
      totalSpendMinor: campaign.spendMinor,
      campaigns: [campaign],
      campaignProducts: [line('roomy', 0.5), line('scarce', 0.5)],
      products: [
        aProduct('roomy', { stockAvailable: 5_000, daysOfCover: 300 }),
        aProduct('scarce', { title: 'Velocity Runner — M', stockAvailable: 3, daysOfCover: 0.5 }),
      ],
    });
    const { fitted, campaigns } = allocationInputs(input);
    expect(fitted.get('shoes')!.stockProduct).toMatchObject({
      productId: 'scarce',
      title: 'Velocity Runner — M',
    });
    // The cap it names is the one the optimiser works under: what is left of the campaign's revenue
    // beside the scarce product's half, plus the little the 3 units can sell before a restock.
    const cap = campaigns[0]!.maxRevenueMinor!;
    expect(cap).toBeLessThan(campaign.revenueMinor / input.windowDays);
    expect(cap).toBeGreaterThan((campaign.revenueMinor * 0.5) / input.windowDays - 1);
    expect(planBudget(input).get('shoes')!.row.binding).toBe('stock');
  });

  it('is not capped by a product it sold none of in the window, whatever that product’s stock', () => {
    // A TikTok campaign names no promoted products: its spend follows other days' revenue mix, so
    // a scarce product can carry some of its spend without a sale from it in the window.
    const input = anInput({
      totalSpendMinor: campaign.spendMinor,
      campaigns: [campaign],
      campaignProducts: [
        line('roomy', 0.95),
        aSpendLine('shoes', 'scarce', {
          spendMinor: Math.round(campaign.spendMinor * 0.05),
          revenueMinor: 0,
        }),
      ],
      products: [
        aProduct('roomy', { stockAvailable: 5_000, daysOfCover: 300 }),
        aProduct('scarce', { title: 'Daypack 22L', stockAvailable: 2, daysOfCover: 0.4 }),
      ],
    });
    const { fitted } = allocationInputs(input);
    expect(fitted.get('shoes')!.stockProduct?.productId).not.toBe('scarce');
    expect(planBudget(input).get('shoes')!.row.binding).not.toBe('stock');
  });

  it('names no product when nothing it advertises has a known stock', () => {
    const input = anInput({
      totalSpendMinor: campaign.spendMinor,
      campaigns: [campaign],
      campaignProducts: [line('untracked', 1)],
      products: [aProduct('untracked', { stockAvailable: null, daysOfCover: null })],
    });
    expect(allocationInputs(input).fitted.get('shoes')!.stockProduct).toBeNull();
    expect(allocationInputs(input).campaigns[0]!.maxRevenueMinor).toBeNull();
  });
});
