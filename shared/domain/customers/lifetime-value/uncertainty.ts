/**
 * Parameter uncertainty from the curvature of the log-likelihood: the inverse of the observed
 * information (the Hessian of −ℓ at the maximum, in log-parameters) is the asymptotic covariance
 * of the estimates. Predictions carry it to an interval by the delta method.
 */

/** Central-difference Hessian of f at x. */
export function numericHessian(
  f: (x: readonly number[]) => number,
  x: readonly number[],
  h = 1e-4,
): number[][] {
  const n = x.length;
  const at = (di: number, i: number, dj: number, j: number) => {
    const y = [...x];
    y[i] = (y[i] as number) + di;
    y[j] = (y[j] as number) + dj;
    return f(y);
  };
  const f0 = f(x);
  const hess: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    (hess[i] as number[])[i] = (at(h, i, 0, i) - 2 * f0 + at(-h, i, 0, i)) / (h * h);
    for (let j = 0; j < i; j++) {
      const v = (at(h, i, h, j) - at(h, i, -h, j) - at(-h, i, h, j) + at(-h, i, -h, j)) / (4 * h * h);
      (hess[i] as number[])[j] = v;
      (hess[j] as number[])[i] = v;
    }
  }
  return hess;
}

/** Inverse of a symmetric positive-definite matrix by Gauss–Jordan; null when it is singular. */
export function invertSymmetric(m: readonly (readonly number[])[]): number[][] | null {
  const n = m.length;
  const a = m.map((row, i) => [...row, ...Array.from({ length: n }, (_, j) => (i === j ? 1 : 0))]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(a[r]![col]!) > Math.abs(a[pivot]![col]!)) pivot = r;
    if (Math.abs(a[pivot]![col]!) < 1e-12) return null;
    [a[col], a[pivot]] = [a[pivot]!, a[col]!];
    const p = a[col]![col]!;
    for (let k = 0; k < 2 * n; k++) a[col]![k]! /= p;
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const factor = a[r]![col]!;
      if (factor === 0) continue;
      for (let k = 0; k < 2 * n; k++) a[r]![k]! -= factor * a[col]![k]!;
    }
  }
  const inv = a.map((row) => row.slice(n));
  // A covariance must have positive variances; a saddle or a flat direction shows up here.
  return inv.every((row, i) => row[i]! > 0 && Number.isFinite(row[i]!)) ? inv : null;
}

/** g′ Σ g. */
export function quadraticForm(g: readonly number[], cov: readonly (readonly number[])[]): number {
  let s = 0;
  for (let i = 0; i < g.length; i++) for (let j = 0; j < g.length; j++) s += g[i]! * cov[i]![j]! * g[j]!;
  return s;
}

/** The z of a two-sided interval holding 80 % of the mass of a normal distribution. */
export const Z_80 = 1.2815515655446004;
