import { describe, expect, it } from 'vitest';
import {
  type ComponentModel,
  fitLifetimeModel,
  type LifetimeModel,
  PRIOR_BG_NBD,
  priorGammaGamma,
} from '../domain/customers/lifetime-value/model';
import { modelNotes } from './rows';

const component = <P>(params: P, priorBecause: readonly string[]): ComponentModel<P> => ({
  source: priorBecause.length > 0 ? 'prior' : 'fitted',
  params,
  logCovariance: [],
  logLikelihood: null,
  converged: null,
  priorBecause,
});
const model = (bg: readonly string[], gg: readonly string[]): LifetimeModel => ({
  bgNbd: component(PRIOR_BG_NBD, bg),
  gammaGamma: component(priorGammaGamma(4000), gg),
});

describe('modelNotes', () => {
  it('says a shortfall both components share once, then what only the spend fit lacks', () => {
    const small = fitLifetimeModel({
      purchases: {
        size: 2,
        x: Float64Array.of(0, 1),
        tx: Float64Array.of(0, 20),
        T: Float64Array.of(40, 60),
        weight: Float64Array.of(3, 2),
      },
      spend: { size: 2, x: Float64Array.of(1, 1), mean: Float64Array.of(3000, 5000) },
      historyDays: 60,
      meanOrderValueMinor: 4000,
    });
    expect(modelNotes(small, null)).toBe(
      'Prior used: 5 customers (a fit needs 500), 60 days of history (a fit needs 180), 2 repeat buyers (a spend fit needs 100).',
    );
  });

  it('says each note once when both components fall short for the same reasons', () => {
    const notes = modelNotes(
      model(['5 customers (a fit needs 500)'], ['5 customers (a fit needs 500)']),
      null,
    );
    expect(notes).toBe('Prior used: 5 customers (a fit needs 500).');
  });

  it('names the spend shortfall alone when the purchase model was fitted', () => {
    expect(modelNotes(model([], ['80 repeat buyers (a spend fit needs 100)']), null)).toBe(
      'Prior used: 80 repeat buyers (a spend fit needs 100).',
    );
  });

  it('adds why there is no holdout, and is null with nothing to say', () => {
    const why = '90 days of history leave no holdout of at least 28 days.';
    expect(modelNotes(model(['x'], ['x']), why)).toBe(`Prior used: x. ${why}`);
    expect(modelNotes(model([], []), null)).toBeNull();
  });
});
