import {
  type AllocationCampaign,
  allocateBudget,
  type CurveDay,
  fitBrandCurves,
  fittedRevenue,
  type HillParams,
  marginalRoasAt,
  spendBounds,
} from '../../shared/domain/curves';
import { fitResponseCurve } from '../../shared/domain/recommendations/curve';
import { seededRandom } from '../../shared/kernel/util/random';
import type { BenchLine, Benchmark } from './run';

/**
 * `npm run bench curves`: fits the response curves of a generated brand with PP_BENCH_CAMPAIGNS
 * campaigns (default 500) × 365 days — planted Hill curves with adstock, weekly budget tests, ±5 %
 * noise, a stockout week in one campaign of ten — then allocates the brand's daily budget across
 * them. Baseline: the power curve the recommendations used before, fitted on the same days.
 */
const CAMPAIGNS = Number(process.env.PP_BENCH_CAMPAIGNS ?? 500);
const DAYS = 365;

interface Generated {
  id: string;
  truth: HillParams;
  days: CurveDay[];
}

function generateBrand(): Generated[] {
  const rand = seededRandom(500);
  return Array.from({ length: CAMPAIGNS }, (_, k) => {
    const budget = 5_000 + rand() * 95_000;
    const truth: HillParams = {
      halfSat: budget * (0.7 + rand() * 0.8),
      shape: 0.9 + rand() * 0.5,
      decay: Math.round(rand() * 5) / 10,
      top: budget * (2 + rand() * 6),
    };
    const spend: number[] = [];
    let step = 0;
    for (let t = 0; t < DAYS; t++) {
      if (t % 14 === 0) step = 0.6 * (2 * rand() - 1);
      const week = Math.floor(t / 7) % 2 === 0 ? step : -step;
      spend.push(Math.round(budget * (1 + week) * (0.9 + 0.2 * rand())));
    }
    const revenue = fittedRevenue(spend, truth);
    const outFrom = k % 10 === 0 ? 200 : DAYS;
    return {
      id: `campaign-${k}`,
      truth,
      days: spend.map((s, t) => {
        const out = t >= outFrom && t < outFrom + 7;
        return {
          spendMinor: s,
          revenueMinor: out ? 0 : Math.round(revenue[t]! * (0.95 + 0.1 * rand())),
          censored: out,
        };
      }),
    };
  });
}

export const bench: Benchmark = {
  name: 'curves',
  async run(): Promise<BenchLine[]> {
    const brand = generateBrand();
    const baselineStart = performance.now();
    for (const c of brand) fitResponseCurve(c.days);
    const baselineMs = performance.now() - baselineStart;

    const started = performance.now();
    const cpuStart = process.cpuUsage();
    const fitted = fitBrandCurves(brand.map((c) => ({ id: c.id, days: c.days })));
    const fitMs = performance.now() - started;
    // On a shared machine wall time includes other tenants' load; CPU time is this fit's own.
    const cpu = process.cpuUsage(cpuStart);
    const fitCpuMs = (cpu.user + cpu.system) / 1000;

    const errors: number[] = [];
    const campaigns: AllocationCampaign[] = [];
    for (const c of brand) {
      const fit = fitted.fits.get(c.id);
      if (!fit?.ok) continue;
      const current = c.days.slice(-7).reduce((s, d) => s + d.spendMinor, 0) / 7;
      errors.push(Math.abs(fit.curve.params.halfSat / c.truth.halfSat - 1));
      errors.push(Math.abs(marginalRoasAt(fit.curve.params, current) / marginalRoasAt(c.truth, current) - 1));
      campaigns.push({
        id: c.id,
        curve: fit.curve.params,
        margin: 0.45,
        currentSpendMinor: current,
        ...spendBounds(current, 0.2, 500),
      });
    }
    errors.sort((a, b) => a - b);
    const budget = campaigns.reduce((s, c) => s + c.currentSpendMinor, 0);
    const optimiserStart = performance.now();
    const allocation = allocateBudget(campaigns, budget);
    const optimiserMs = performance.now() - optimiserStart;
    return [
      { name: 'campaigns × days', value: CAMPAIGNS * DAYS, unit: 'campaign-days' },
      {
        name: 'fit (Hill + adstock, pooled, censored)',
        value: fitMs,
        unit: 'ms',
        ratio: fitMs / baselineMs,
        baseline: 'power-curve fit',
        target: '< 10000 ms',
      },
      { name: 'fit CPU time', value: fitCpuMs, unit: 'ms', target: '< 10000 ms' },
      { name: 'fitted', value: campaigns.length, unit: 'campaigns' },
      {
        name: 'median error (half-saturation, marginal ROAS)',
        value: (errors[errors.length >> 1] ?? 0) * 100,
        unit: '%',
      },
      { name: 'p90 error', value: (errors[Math.floor(errors.length * 0.9)] ?? 0) * 100, unit: '%' },
      { name: 'optimiser', value: optimiserMs, unit: 'ms' },
      {
        name: 'optimiser profit gain',
        value: (allocation.totals.proposedProfitMinor - allocation.totals.currentProfitMinor) / 100,
        unit: 'a day (currency units)',
      },
    ];
  },
};
