/**
 * The special functions the lifetime-value models need, in plain double precision.
 * No npm numerics package is installed; these are short, classical and tested against known values.
 */

// Lanczos approximation, g = 7, n = 9 (Numerical Recipes 3rd ed. §6.1 / Godfrey's coefficients):
// relative error below 1e-15 over the positive reals.
const LANCZOS_G = 7;
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];
const HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

/** ln Γ(x) for x > 0. */
export function lnGamma(x: number): number {
  if (!(x > 0)) throw new RangeError(`lnGamma needs x > 0, got ${x}`);
  if (x < 0.5) {
    // Reflection keeps the series accurate near zero: Γ(x)Γ(1−x) = π / sin(πx).
    return Math.log(Math.PI / Math.sin(Math.PI * x)) - lnGamma(1 - x);
  }
  const z = x - 1;
  let sum = LANCZOS[0] as number;
  for (let i = 1; i < LANCZOS.length; i++) sum += (LANCZOS[i] as number) / (z + i);
  const t = z + LANCZOS_G + 0.5;
  return HALF_LOG_TWO_PI + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** ln B(a, b). */
export function lnBeta(a: number, b: number): number {
  return lnGamma(a) + lnGamma(b) - lnGamma(a + b);
}

/** ln(e^u + e^v) without overflow. */
export function logAddExp(u: number, v: number): number {
  const m = Math.max(u, v);
  if (m === Number.NEGATIVE_INFINITY) return m;
  return m + Math.log(Math.exp(u - m) + Math.exp(v - m));
}

/**
 * Gauss's hypergeometric series 2F1(a, b; c; z) for 0 ≤ z < 1 with positive a, b, c.
 * Every term is positive there, so the sum has no cancellation; it converges like z^n, so callers
 * keep z away from 1 (see `expectedPurchasesWhileAlive`). Throws rather than return a partial sum.
 */
export function hyp2f1(a: number, b: number, c: number, z: number, maxTerms = 20_000): number {
  if (!(z >= 0 && z < 1)) throw new RangeError(`hyp2f1 series needs 0 ≤ z < 1, got ${z}`);
  let term = 1;
  let sum = 1;
  for (let n = 0; n < maxTerms; n++) {
    const ratio = ((a + n) * (b + n) * z) / ((c + n) * (n + 1));
    term *= ratio;
    sum += term;
    // The term ratio tends to z, monotonically from some n on; bounding every later ratio by
    // max(ratio, z) < 1 bounds the tail by a geometric series.
    const q = Math.max(ratio, z);
    if (q < 1 && (term * q) / (1 - q) < 1e-15 * sum) return sum;
  }
  throw new RangeError(`hyp2f1(${a}, ${b}; ${c}; ${z}) did not converge in ${maxTerms} terms`);
}

// Tanh-sinh (double-exponential) nodes on (0, 1), Takahasi & Mori 1974: exact to ~1e-12 for
// integrands with algebraic singularities at both ends, such as Beta densities with a or b < 1.
const TS_STEP = 1 / 16;
const TS_LEVELS = 6 * 16;
interface Node {
  readonly x: number;
  /** 1 − x, computed directly so points near 1 keep their precision. */
  readonly oneMinusX: number;
  readonly w: number;
}
const TANH_SINH_NODES: readonly Node[] = (() => {
  const nodes: Node[] = [];
  for (let k = -TS_LEVELS; k <= TS_LEVELS; k++) {
    const t = k * TS_STEP;
    const u = (Math.PI / 2) * Math.sinh(t);
    const w = (TS_STEP * (Math.PI / 2) * Math.cosh(t)) / (2 * Math.cosh(u) ** 2);
    // x = (1 + tanh u)/2 = 1/(1 + e^{−2u}); 1 − x = 1/(1 + e^{2u}).
    const x = 1 / (1 + Math.exp(-2 * u));
    const oneMinusX = 1 / (1 + Math.exp(2 * u));
    if (w > 0 && x > 0 && oneMinusX > 0) nodes.push({ x, oneMinusX, w });
  }
  return nodes;
})();

/** ∫₀¹ f(x, 1−x) dx by tanh-sinh quadrature. */
export function integrateUnit(f: (x: number, oneMinusX: number) => number): number {
  let sum = 0;
  for (const n of TANH_SINH_NODES) sum += n.w * f(n.x, n.oneMinusX);
  return sum;
}
