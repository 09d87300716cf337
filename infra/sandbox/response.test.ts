import { describe, expect, it } from 'vitest';
import { CURVE_DAYS } from '../../shared/attribution/brand-window';
import {
  type CurveDay,
  type FittedCurve,
  fitBrandCurves,
  fitHillCurve,
  type HillParams,
  marginalRoasAt,
} from '../../shared/domain/curves';
import { addDays, type LocalDate } from '../../shared/domain/time';
import { averageOrderValueUsd, factsFor, sumFacts } from './ads/facts';
import { plantedResponse } from './response';
import { CAMPAIGNS, type Campaign, isStockedOut, PLANTED, usdPer } from './world';

const asOf = '2026-03-31' as LocalDate;
// The window production fits on (brand-window.ts CURVE_DAYS), one day shorter than the world.
// Including the world's first day moves PMax's fitted half-saturation to 1.78× planted (seen
// 2026-12-05): the fit is sensitive to that edge, recorded in the curves issue.
const from = addDays(asOf, -(CURVE_DAYS - 1));

/** What each platform reports per campaign-day, in USD, marked censored when its products were out. */
function reportedDays(c: Campaign): CurveDay[] {
  const facts = sumFacts(
    factsFor(c.platform, from, asOf, asOf).filter((f) => f.campaign.id === c.id),
    (f) => f.date,
  );
  return facts.map((f) => {
    const rate = usdPer(c.accountCurrency, f.date);
    return {
      date: f.date,
      spendMinor: f.spendMinor * rate,
      revenueMinor: f.conversionValueMinor * rate,
      censored: c.promotedSkus.length > 0 && c.promotedSkus.every((s) => isStockedOut(s, f.date, asOf)),
    };
  });
}

/**
 * The window's first week, left out of the loss (it still feeds the adstock). Its carry-over comes
 * from spend before the window, which the fit cannot see: fit.ts starts the adstock from the first
 * day's spend. After a week at 1.9× of budget, a first week at 0.1× reads as revenue without
 * spend; for Retargeting (λ = 0.5) that moved the fitted half-saturation to 3.2× planted (decision
 * 996). Production fits carry the same edge; leaving it out there is a change to fit.ts, not made.
 */
const WARM_UP_DAYS = 7;
const warmedUp = (days: readonly CurveDay[]): CurveDay[] =>
  days.map((d, i) => (i < WARM_UP_DAYS ? { ...d, censored: true } : d));

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

/** Today's spend: the last week's average, USD minor. */
const currentSpend = (days: readonly CurveDay[]) => days.slice(-7).reduce((s, d) => s + d.spendMinor, 0) / 7;
const within = (fitted: number, truth: number) => Math.abs(fitted / truth - 1);

describe('the sandbox ad platforms report conversions from planted response curves', () => {
  const days = new Map(CAMPAIGNS.map((c) => [c.id, reportedDays(c)]));
  const brand = fitBrandCurves(CAMPAIGNS.map((c) => ({ id: c.id, days: warmedUp(days.get(c.id)!) })));
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

  it('reads the stockout as lost sales, not saturation, only when the stockout days are censored', () => {
    const c = CAMPAIGNS.find(
      (x) => x.promotedSkus.length === 1 && x.promotedSkus[0] === PLANTED.STOCKED_OUT,
    )!;
    const own = days.get(c.id)!;
    expect(own.filter((d) => d.censored)).toHaveLength(10);
    const truth = plantedCurve(c);
    const spend = currentSpend(own);
    const naive = fitHillCurve(warmedUp(own.map((d) => ({ ...d, censored: false }))), {
      prior: brand.pooled ?? undefined,
    });
    const censored = fitted(c);
    if (!naive.ok) throw new Error(naive.reason);
    const censoredError = within(marginalRoasAt(censored.params, spend), marginalRoasAt(truth, spend));
    const naiveError = within(marginalRoasAt(naive.curve.params, spend), marginalRoasAt(truth, spend));
    expect(censoredError).toBeLessThan(0.15);
    // With the budget tests' wide steps the curve is pinned down well enough that ten zero days
    // bend it less than before (14.6 % off, was over 15 %), still fifty times the censored fit's 0.3 %.
    expect(naiveError).toBeGreaterThan(0.1);
    expect(naiveError).toBeGreaterThan(10 * censoredError);
    expect(censored.quality).toMatchObject({
      daysCensored: 10 + WARM_UP_DAYS,
      daysUsed: own.length - 10 - WARM_UP_DAYS,
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
