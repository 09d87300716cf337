import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../kernel/util/random';
import { addDays, type LocalDate } from '../time';
import { type CurveDay, fitHillCurve, fittedRevenue, WARM_UP_DAYS } from './fit';
import { type HillParams, marginalRoasAt } from './hill';

const planted: HillParams = { top: 400_000, halfSat: 60_000, shape: 1.3, decay: 0.4 };

/** Spend with weekly budget steps between 0.4× and 1.8× of 50k, revenue from `p` with ±noise. */
function daysFrom(p: HillParams, n: number, noise: number, seed = 1): CurveDay[] {
  const rand = seededRandom(seed);
  const spend: number[] = [];
  let level = 50_000;
  for (let t = 0; t < n; t++) {
    if (t % 7 === 0) level = 50_000 * (0.4 + 1.4 * rand());
    spend.push(Math.round(level * (0.9 + 0.2 * rand())));
  }
  const revenue = fittedRevenue(spend, p);
  return spend.map((s, t) => ({
    spendMinor: s,
    revenueMinor: Math.round(revenue[t]! * (1 + noise * (2 * rand() - 1))),
  }));
}

describe('Hill curve with adstock, fitted', () => {
  it('recovers planted half-saturation spend, carry-over and marginal ROAS from noisy days', () => {
    const fit = fitHillCurve(daysFrom(planted, 180, 0.1));
    if (!fit.ok) throw new Error(fit.reason);
    const p = fit.curve.params;
    expect(p.halfSat / planted.halfSat).toBeCloseTo(1, 0);
    expect(Math.abs(p.halfSat / planted.halfSat - 1)).toBeLessThan(0.1);
    expect(p.decay).toBeCloseTo(planted.decay, 1);
    const m = marginalRoasAt(p, 50_000) / marginalRoasAt(planted, 50_000);
    expect(Math.abs(m - 1)).toBeLessThan(0.1);
    expect(fit.curve.quality.r2).toBeGreaterThan(0.8);
  });

  it('leaves censored days out of the fit while their spend still carries over', () => {
    const days = daysFrom(planted, 120, 0.05, 7);
    // The last 30 days the product was out: revenue collapsed whatever the spend.
    const capped = days.map((d, t) =>
      t >= 90 ? { ...d, spendMinor: d.spendMinor * 2, revenueMinor: 0 } : d,
    );
    const naive = fitHillCurve(capped);
    const censored = fitHillCurve(capped.map((d, t) => ({ ...d, censored: t >= 90 })));
    if (!naive.ok || !censored.ok) throw new Error('fit failed');
    const truth = marginalRoasAt(planted, 50_000);
    expect(Math.abs(marginalRoasAt(censored.curve.params, 50_000) / truth - 1)).toBeLessThan(0.15);
    expect(Math.abs(marginalRoasAt(naive.curve.params, 50_000) / truth - 1)).toBeGreaterThan(0.3);
    expect(censored.curve.quality).toMatchObject({ days: 120, daysUsed: 90, daysCensored: 30 });
  });

  it('refuses, with a reason, when spend never moved and there is no brand curve to lean on', () => {
    const flat = Array.from({ length: 60 }, () => ({ spendMinor: 10_000, revenueMinor: 30_000 }));
    const fit = fitHillCurve(flat);
    expect(fit).toMatchObject({ ok: false, reason: expect.stringContaining('barely varied') });
  });

  it('borrows the pooled shape when spend never moved', () => {
    const flat = Array.from({ length: 60 }, (_, t) => ({
      spendMinor: 10_000 + (t % 2),
      revenueMinor: 30_000,
    }));
    const fit = fitHillCurve(flat, { prior: { relHalfSat: 1.5, shape: 1, decay: 0.3 } });
    if (!fit.ok) throw new Error(fit.reason);
    expect(fit.curve.params.halfSat / 15_000).toBeCloseTo(1, 1);
    expect(fit.curve.pooled).toBe(true);
  });
});

describe('the carry-over the window starts with', () => {
  // λ = 0.5, K = 100, s = 1, top = 1000; 28 days at 200 before the window, then a first week at 20
  // and weekly steps between 60 and 180. On the window's first day the real adstock is
  // 0.5·20 + 0.5·200 = 110 (revenue 524); started from that day's own spend it reads 20.
  const truth: HillParams = { top: 1000, halfSat: 100, shape: 1, decay: 0.5 };
  const before = Array.from({ length: WARM_UP_DAYS }, () => 200);
  const inWindow = Array.from({ length: 56 }, (_, t) => (t < 7 ? 20 : Math.floor(t / 7) % 2 ? 60 : 180));
  const revenue = fittedRevenue([...before, ...inWindow], truth);
  const days: CurveDay[] = [...before, ...inWindow].map((spendMinor, t) => ({
    date: addDays('2026-01-01' as LocalDate, t),
    spendMinor,
    revenueMinor: revenue[t]!,
  }));
  // Warm-up revenue is set to nothing: the fit must read only its spend.
  const warmed = days.map((d, t) => (t < WARM_UP_DAYS ? { ...d, warmUp: true, revenueMinor: 0 } : d));

  it('recovers the planted half-saturation and carry-over when the spend before the window is warm-up', () => {
    const fit = fitHillCurve(warmed);
    if (!fit.ok) throw new Error(fit.reason);
    expect(Math.abs(fit.curve.params.halfSat / truth.halfSat - 1)).toBeLessThan(0.01);
    expect(fit.curve.params.decay).toBe(truth.decay);
    expect(fit.curve.quality.r2).toBeGreaterThan(0.999);
    // The warm-up is not part of the window: not counted, not in the mean spend, not in the dates.
    expect(fit.curve.quality).toMatchObject({ days: 56, daysUsed: 56, daysCensored: 0 });
    expect(fit.curve.window).toEqual({ from: days[WARM_UP_DAYS]!.date, to: days.at(-1)!.date });
    expect(fit.curve.meanSpendMinor).toBe(100);
  });

  it('reads a cold first week as revenue without spend: half-saturation far above planted', () => {
    // A new campaign's series has no warm-up: its adstock starts from the first day's spend.
    const cold = fitHillCurve(days.slice(WARM_UP_DAYS));
    if (!cold.ok) throw new Error(cold.reason);
    // Seen: K at the search's upper bound, 50× planted, λ = 0.4.
    expect(cold.curve.params.halfSat / truth.halfSat).toBeGreaterThan(3);
  });
});
