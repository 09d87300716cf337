/**
 * A brand's lifetime-value model: BG/NBD for how often, Gamma-Gamma for how much, each either
 * fitted to the brand's own customers or — below the data a fit needs — the stated priors with a
 * wide spread, so a small store gets an honest, hedged answer instead of nothing.
 */
import {
  type BgNbdParams,
  bgNbdFromVector,
  bgNbdLogLikelihood,
  bgNbdToVector,
  fitBgNbd,
  totalWeight,
} from './bg-nbd';
import {
  fitGammaGamma,
  type GammaGammaParams,
  gammaGammaLogLikelihood,
  type SpendSummary,
} from './gamma-gamma';
import { compressSummary, type RepeatSummary } from './summary';
import { invertSymmetric, numericHessian } from './uncertainty';

/**
 * Below these a per-brand fit is not trusted (Klaviyo's predictive analytics asks for 500
 * customers and 180 days of history; the Gamma-Gamma fit needs repeat buyers of its own).
 */
export const FIT_REQUIREMENTS = { minCustomers: 500, minHistoryDays: 180, minRepeatBuyers: 100 } as const;

/**
 * The priors: the CDNOW estimates of Fader, Hardie & Lee (2005), α converted from weeks to days,
 * and Gamma-Gamma's p and q from the same data with γ set so the mean spend is the brand's own.
 * Each log-parameter gets a standard deviation of 0.75 (a factor of about 2 either way), which is
 * what makes the intervals of a prior-based prediction wide.
 */
export const PRIOR_BG_NBD: BgNbdParams = { r: 0.243, alpha: 4.414 * 7, a: 0.793, b: 2.426 };
export const PRIOR_GAMMA_GAMMA_SHAPE = { p: 6.25, q: 3.74 } as const;
export const PRIOR_LOG_SD = 0.75;

export type ModelSource = 'fitted' | 'prior';

export interface ComponentModel<P> {
  readonly source: ModelSource;
  readonly params: P;
  /** Covariance of the log-parameters, in the order of the parameter vector. */
  readonly logCovariance: number[][];
  readonly logLikelihood: number | null;
  readonly converged: boolean | null;
  /**
   * Why the prior was used: each shortfall against FIT_REQUIREMENTS, or that the fit did not
   * converge. Empty when fitted. The spend fit needs what the purchase fit needs and more, so the
   * two lists share their first items when both fall short (shared/customers/rows.ts says each once).
   */
  readonly priorBecause: readonly string[];
}

export interface LifetimeModel {
  readonly bgNbd: ComponentModel<BgNbdParams>;
  readonly gammaGamma: ComponentModel<GammaGammaParams>;
}

export interface FitInput {
  readonly purchases: RepeatSummary;
  /** Repeat buyers only: repeat-purchase count and their mean value (minor units). */
  readonly spend: SpendSummary;
  /** Days from the first order in the data to the end of the window. */
  readonly historyDays: number;
  /** Mean value of all orders in the window (minor units): where the spend prior is centred. */
  readonly meanOrderValueMinor: number;
  /** Customers of the brand, when `purchases` is a sample of them (default: its weight). */
  readonly customers?: number;
}

const diagonal = (n: number, variance: number) =>
  Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? variance : 0)));

export type FitRequirements = { readonly [K in keyof typeof FIT_REQUIREMENTS]: number };

/**
 * `requirements` defaults to FIT_REQUIREMENTS; a holdout fit passes a history requirement shortened
 * by the holdout, so it judges the same kind of model the full window gets.
 */
export function fitLifetimeModel(
  input: FitInput,
  requirements: FitRequirements = FIT_REQUIREMENTS,
): LifetimeModel {
  const customers = input.customers ?? totalWeight(input.purchases);
  const shortfall: string[] = [];
  if (customers < requirements.minCustomers)
    shortfall.push(`${customers} customers (a fit needs ${requirements.minCustomers})`);
  if (input.historyDays < requirements.minHistoryDays)
    shortfall.push(`${input.historyDays} days of history (a fit needs ${requirements.minHistoryDays})`);
  const bgNbd = shortfall.length === 0 ? fitBgNbdWithCovariance(input.purchases) : null;
  const repeatShortfall =
    input.spend.size < requirements.minRepeatBuyers
      ? [`${input.spend.size} repeat buyers (a spend fit needs ${requirements.minRepeatBuyers})`]
      : [];
  const spendShortfall = [...shortfall, ...repeatShortfall];
  const gammaGamma = spendShortfall.length === 0 ? fitGammaGammaWithCovariance(input.spend) : null;
  return {
    bgNbd:
      bgNbd ??
      priorComponent(
        PRIOR_BG_NBD,
        4,
        shortfall.length > 0 ? shortfall : ['the purchase fit did not converge'],
      ),
    gammaGamma:
      gammaGamma ??
      priorComponent(
        priorGammaGamma(input.meanOrderValueMinor),
        3,
        spendShortfall.length > 0 ? spendShortfall : ['the spend fit did not converge'],
      ),
  };
}

export function priorGammaGamma(meanOrderValueMinor: number): GammaGammaParams {
  const { p, q } = PRIOR_GAMMA_GAMMA_SHAPE;
  const mean = meanOrderValueMinor > 0 ? meanOrderValueMinor : 1;
  return { p, q, gamma: (mean * (q - 1)) / p };
}

function priorComponent<P>(params: P, size: number, because: readonly string[]): ComponentModel<P> {
  return {
    source: 'prior',
    params,
    logCovariance: diagonal(size, PRIOR_LOG_SD ** 2),
    logLikelihood: null,
    converged: null,
    priorBecause: because,
  };
}

function fitBgNbdWithCovariance(s: RepeatSummary): ComponentModel<BgNbdParams> | null {
  const fit = fitBgNbd(s);
  if (!fit.converged) return null;
  const merged = compressSummary(s);
  const negLl = (logV: readonly number[]) => -bgNbdLogLikelihood(bgNbdFromVector(logV.map(Math.exp)), merged);
  const cov = invertSymmetric(numericHessian(negLl, bgNbdToVector(fit.params).map(Math.log)));
  if (!cov) return null;
  return {
    source: 'fitted',
    params: fit.params,
    logCovariance: cov,
    logLikelihood: fit.logLikelihood,
    converged: true,
    priorBecause: [],
  };
}

function fitGammaGammaWithCovariance(s: SpendSummary): ComponentModel<GammaGammaParams> | null {
  const fit = fitGammaGamma(s);
  if (!fit.converged || fit.params.q <= 1) return null;
  const negLl = (v: readonly number[]) =>
    -gammaGammaLogLikelihood({ p: Math.exp(v[0]!), q: Math.exp(v[1]!), gamma: Math.exp(v[2]!) }, s);
  const { p, q, gamma } = fit.params;
  const cov = invertSymmetric(numericHessian(negLl, [Math.log(p), Math.log(q), Math.log(gamma)]));
  if (!cov) return null;
  return {
    source: 'fitted',
    params: fit.params,
    logCovariance: cov,
    logLikelihood: fit.logLikelihood,
    converged: true,
    priorBecause: [],
  };
}
