import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bgNbdLogLikelihood, expectedPurchases, fitBgNbd, probabilityAlive } from './bg-nbd';
import { expectedSpend, fitGammaGamma, spendSummaryOf } from './gamma-gamma';
import { compressSummary, summaryOf } from './summary';

// The reference datasets sit in ../shared beside the checkout (read-only), in CI as here.
// CDNOW: 2,357 customers of the 1997 Q1 cohort, 39-week calibration period, times in weeks.
function readCsv(name: string): Array<Record<string, number>> {
  const text = readFileSync(new URL(`../../../../../shared/datasets/cdnow/${name}`, import.meta.url), 'utf8');
  const [header, ...lines] = text.trim().split(/\r?\n/);
  const cols = (header as string).split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((v, i) => [cols[i], Number(v)])));
}

const sig3 = (v: number) => Number(v.toPrecision(3));

describe('BG/NBD on CDNOW (Fader, Hardie & Lee 2005, table 1)', () => {
  const rows = readCsv('cdnow_customers_summary.csv').map((r) => ({
    x: r.frequency!,
    tx: r.recency!,
    T: r.T!,
  }));
  const data = summaryOf(rows);
  const fit = fitBgNbd(data);

  it('reads all 2,357 customers', () => {
    expect(data.size).toBe(2357);
  });

  it('reproduces the published estimates to three significant digits', () => {
    expect(fit.converged).toBe(true);
    expect(sig3(fit.params.r)).toBe(0.243);
    expect(sig3(fit.params.alpha)).toBe(4.41);
    expect(sig3(fit.params.a)).toBe(0.793);
    expect(sig3(fit.params.b)).toBe(2.43);
    expect(sig3(fit.logLikelihood)).toBe(-9580);
    expect(fit.logLikelihood).toBeCloseTo(-9582.4, 1);
  });

  it('fits the same model on rows merged into weights', () => {
    const merged = compressSummary(data);
    expect(merged.size).toBeLessThan(data.size);
    expect(bgNbdLogLikelihood(fit.params, merged)).toBeCloseTo(fit.logLikelihood, 8);
  });

  it("predicts 1.226 purchases in the next 39 weeks for the paper's example customer", () => {
    // Section 5 of the paper: x = 2, t_x = 30.43, T = 38.86 → E[Y(39)] = 1.226 at the published estimates.
    const published = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
    expect(expectedPurchases(published, 2, 30.43, 38.86, 39)).toBeCloseTo(1.226, 3);
    expect(probabilityAlive(published, 2, 30.43, 38.86)).toBeGreaterThan(0.5);
  });
});

describe('Gamma-Gamma on the CDNOW repeat buyers (Fader & Hardie, monetary value note)', () => {
  const repeaters = readCsv('cdnow_customers_summary_with_transactions.csv')
    .filter((r) => r.x! > 0)
    .map((r) => ({ x: r.x!, mean: r.zbar! }));
  const fit = fitGammaGamma(spendSummaryOf(repeaters));

  it('uses the 946 repeat buyers', () => {
    expect(repeaters).toHaveLength(946);
  });

  it('reproduces p = 6.25, q = 3.74, γ = 15.44', () => {
    expect(fit.converged).toBe(true);
    expect(sig3(fit.params.p)).toBe(6.25);
    expect(sig3(fit.params.q)).toBe(3.74);
    expect(sig3(fit.params.gamma)).toBe(15.4);
    expect(fit.params.gamma).toBeCloseTo(15.44, 1);
  });

  it("shrinks a customer's own mean toward the population mean", () => {
    const population = (fit.params.p * fit.params.gamma) / (fit.params.q - 1);
    const own = 100;
    const few = expectedSpend(fit.params, 1, own);
    const many = expectedSpend(fit.params, 20, own);
    expect(few).toBeGreaterThan(population);
    expect(few).toBeLessThan(many);
    expect(many).toBeLessThan(own);
  });
});
