import { describe, expect, it } from 'vitest';
import {
  type CurveDay,
  type FittedCurve,
  fitBrandCurves,
  fitHillCurve,
  type HillParams,
  marginalRoasAt,
  WARM_UP_DAYS,
} from '../../shared/domain/curves';
import { addDays, type LocalDate } from '../../shared/domain/time';
import { averageOrderValueUsd, factsFor, firstDay, sumFacts } from './ads/facts';
import { plantedResponse } from './response';
import { CAMPAIGNS, type Campaign, isStockedOut, PLANTED, usdPer } from './world';

const asOf = '2026-03-31' as LocalDate;
/**
 * The world's 181 days read as production reads them (brand-window.ts): the window, and the
 * WARM_UP_DAYS before it marked warm-up. The world has no days before its first, so the window here
 * is its last 181 − 28 = 153 days, so the warm-up is a full one. Before warm-up existed, the
 * window's first week carried the spend before it that the fit could not see, and Retargeting's
 * fitted half-saturation came out 3.2× planted (decision 996, 999).
 */
const readFrom = firstDay(asOf);
const from = addDays(readFrom, WARM_UP_DAYS);

/** What each platform reports per campaign-day, in USD, marked censored when its products were out. */
function reportedDays(c: Campaign): CurveDay[] {
  const facts = sumFacts(
    factsFor(c.platform, readFrom, asOf, asOf).filter((f) => f.campaign.id === c.id),
    (f) => f.date,
  );
  return facts.map((f) => {
    const rate = usdPer(c.accountCurrency, f.date);
    return {
      date: f.date,
      spendMinor: f.spendMinor * rate,
      revenueMinor: f.conversionValueMinor * rate,
      censored: c.promotedSkus.length > 0 && c.promotedSkus.every((s) => isStockedOut(s, f.date, asOf)),
      ...(f.date < from ? { warmUp: true } : {}),
    };
  });
}

/** The planted curve in the platform's (over-claimed) revenue. */
function plantedCurve(c: Campaign): HillParams {
  const p = plantedResponse(c);
  return {
    top: p.maxConversions * averageOrderValueUsd(c) * c.overClaim,
    halfSat: p.halfSatUsdMinor,
    shape: p.shape,
    decay: p.decay,
  };
}

/**
 * Today's spend: the last fortnight's average, USD minor — one down and one up week of the budget
 * tests, so about the usual budget even for a TikTok campaign paused this week (world.ts testWeeks).
 */
const currentSpend = (days: readonly CurveDay[]) =>
  days.slice(-14).reduce((s, d) => s + d.spendMinor, 0) / 14;
const within = (fitted: number, truth: number) => Math.abs(fitted / truth - 1);

describe('the sandbox ad platforms report conversions from planted response curves', () => {
  const days = new Map(CAMPAIGNS.map((c) => [c.id, reportedDays(c)]));
  const brand = fitBrandCurves(CAMPAIGNS.map((c) => ({ id: c.id, days: days.get(c.id)! })));
  const fitted = (c: Campaign): FittedCurve => {
    const fit = brand.fits.get(c.id);
    if (!fit?.ok) throw new Error(`${c.name}: ${fit?.ok === false ? fit.reason : 'no fit'}`);
    return fit.curve;
  };

  it.each(CAMPAIGNS.map((c) => [c.name, c] as const))(
    '%s: fitted half-saturation spend and marginal ROAS at current spend within 15 % of planted',
    (_, c) => {
      const curve = fitted(c);
      const truth = plantedCurve(c);
      const spend = currentSpend(days.get(c.id)!);
      expect(within(curve.params.halfSat, truth.halfSat)).toBeLessThan(0.15);
      expect(within(marginalRoasAt(curve.params, spend), marginalRoasAt(truth, spend))).toBeLessThan(0.15);
    },
  );

  it('misses planted half-saturation on the same window when the warm-up is dropped (cold adstock)', () => {
    const cold = fitBrandCurves(
      CAMPAIGNS.map((c) => ({ id: c.id, days: days.get(c.id)!.filter((d) => !d.warmUp) })),
    );
    // Seen 2026-12-06: Merino Tee 1.77× planted, Retargeting 0.78×, Storm Shell 0.87×; with the
    // warm-up every campaign is within 7 %.
    const off = CAMPAIGNS.filter((c) => {
      const fit = cold.fits.get(c.id);
      return !fit?.ok || within(fit.curve.params.halfSat, plantedCurve(c).halfSat) > 0.15;
    }).map((c) => c.name);
    expect(off).toEqual(expect.arrayContaining(['Merino Tee — Summer', 'Retargeting — All Products']));
  });

  it('reads the stockout as lost sales, not saturation, only when the stockout days are censored', () => {
    const c = CAMPAIGNS.find(
      (x) => x.promotedSkus.length === 1 && x.promotedSkus[0] === PLANTED.STOCKED_OUT,
    )!;
    const own = days.get(c.id)!;
    expect(own.filter((d) => d.censored)).toHaveLength(10);
    const truth = plantedCurve(c);
    const spend = currentSpend(own);
    const naive = fitHillCurve(
      own.map((d) => ({ ...d, censored: false })),
      {
        prior: brand.pooled ?? undefined,
      },
    );
    const censored = fitted(c);
    if (!naive.ok) throw new Error(naive.reason);
    const censoredError = within(marginalRoasAt(censored.params, spend), marginalRoasAt(truth, spend));
    const naiveError = within(marginalRoasAt(naive.curve.params, spend), marginalRoasAt(truth, spend));
    expect(censoredError).toBeLessThan(0.15);
    // With the budget tests' wide steps the curve is pinned down well enough that ten zero days
    // bend it less than before (14.6 % off, was over 15 %); since TikTok's down weeks pause (969) its
    // paused weeks pin it further: 5.9 % off, still eight times the censored fit's 0.7 %.
    expect(naiveError).toBeGreaterThan(0.05);
    expect(naiveError).toBeGreaterThan(5 * censoredError);
    expect(censored.quality).toMatchObject({
      days: own.length - WARM_UP_DAYS,
      daysCensored: 10,
      daysUsed: own.length - WARM_UP_DAYS - 10,
    });
  });

  it('spends through the stockout: the days read as zero revenue still carry spend', () => {
    const c = CAMPAIGNS.find((x) => x.promotedSkus[0] === PLANTED.STOCKED_OUT)!;
    const last = days.get(c.id)!.at(-1)!;
    expect(last.date).toBe(asOf);
    expect(last.spendMinor).toBeGreaterThan(0);
    expect(last.revenueMinor).toBe(0);
  });
});
