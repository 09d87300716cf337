/**
 * Nelder–Mead simplex minimisation (Nelder & Mead 1965, in the form of Lagarias et al. 1998:
 * reflection 1, expansion 2, contraction ½, shrink ½), restarted from the best point until a restart
 * no longer improves: a collapsed simplex is the method's known failure, and a restart is its cure.
 * No npm optimiser is installed; the likelihoods here are smooth, low-dimensional and cheap.
 */

export interface NelderMeadOptions {
  /** Stop when the spread of values across the simplex falls below this (absolute). */
  readonly fTolerance?: number;
  /** …and the simplex fits inside a box of this size. */
  readonly xTolerance?: number;
  readonly maxIterations?: number;
  /** Size of the initial simplex's steps along each axis. */
  readonly initialStep?: number;
  readonly maxRestarts?: number;
}

export interface NelderMeadResult {
  readonly x: number[];
  readonly value: number;
  readonly iterations: number;
  readonly evaluations: number;
  readonly converged: boolean;
}

interface Vertex {
  x: number[];
  f: number;
}

export function nelderMead(
  f: (x: readonly number[]) => number,
  start: readonly number[],
  options: NelderMeadOptions = {},
): NelderMeadResult {
  const fTol = options.fTolerance ?? 1e-10;
  const xTol = options.xTolerance ?? 1e-8;
  const maxIterations = options.maxIterations ?? 5_000;
  const maxRestarts = options.maxRestarts ?? 5;
  let step = options.initialStep ?? 0.5;
  let evaluations = 0;
  let iterations = 0;
  const value = (x: number[]): number => {
    evaluations++;
    const v = f(x);
    // A point outside the function's domain is treated as infinitely bad, never as a minimum.
    return Number.isFinite(v) ? v : Number.POSITIVE_INFINITY;
  };

  let best: Vertex = { x: [...start], f: value([...start]) };
  let converged = false;
  for (let restart = 0; restart <= maxRestarts; restart++) {
    const run = simplexRun(value, best.x, step, fTol, xTol, maxIterations - iterations);
    iterations += run.iterations;
    const improved = best.f - run.best.f > fTol;
    best = run.best.f <= best.f ? run.best : best;
    converged = run.converged;
    if (!improved && restart > 0) break;
    if (iterations >= maxIterations) break;
    step = Math.max(step / 2, 1e-3);
  }
  return { x: best.x, value: best.f, iterations, evaluations, converged };
}

function simplexRun(
  value: (x: number[]) => number,
  start: readonly number[],
  step: number,
  fTol: number,
  xTol: number,
  maxIterations: number,
): { best: Vertex; iterations: number; converged: boolean } {
  const n = start.length;
  const simplex: Vertex[] = [{ x: [...start], f: value([...start]) }];
  for (let i = 0; i < n; i++) {
    const x = [...start];
    x[i] = (x[i] as number) + step;
    simplex.push({ x, f: value(x) });
  }
  const blend = (p: number[], q: number[], t: number) => p.map((pi, i) => pi + t * ((q[i] as number) - pi));

  for (let it = 0; it < maxIterations; it++) {
    simplex.sort((u, v) => u.f - v.f);
    const lo = simplex[0] as Vertex;
    const hi = simplex[n] as Vertex;
    const secondWorst = simplex[n - 1] as Vertex;
    if (isConverged(simplex, fTol, xTol)) return { best: lo, iterations: it, converged: true };

    const centroid = new Array<number>(n).fill(0);
    for (let v = 0; v < n; v++) {
      const xv = (simplex[v] as Vertex).x;
      for (let i = 0; i < n; i++) centroid[i] = (centroid[i] as number) + (xv[i] as number) / n;
    }
    const reflected = blend(centroid, hi.x, -1);
    const fr = value(reflected);
    if (fr < lo.f) {
      const expanded = blend(centroid, hi.x, -2);
      const fe = value(expanded);
      simplex[n] = fe < fr ? { x: expanded, f: fe } : { x: reflected, f: fr };
      continue;
    }
    if (fr < secondWorst.f) {
      simplex[n] = { x: reflected, f: fr };
      continue;
    }
    // Contract outside when the reflection beat the worst point, inside otherwise.
    const outside = fr < hi.f;
    const contracted = blend(centroid, hi.x, outside ? -0.5 : 0.5);
    const fc = value(contracted);
    if (fc < (outside ? fr : hi.f)) {
      simplex[n] = { x: contracted, f: fc };
      continue;
    }
    for (let v = 1; v <= n; v++) {
      const x = blend(lo.x, (simplex[v] as Vertex).x, 0.5);
      simplex[v] = { x, f: value(x) };
    }
  }
  simplex.sort((u, v) => u.f - v.f);
  return { best: simplex[0] as Vertex, iterations: maxIterations, converged: false };
}

function isConverged(simplex: readonly Vertex[], fTol: number, xTol: number): boolean {
  const lo = simplex[0] as Vertex;
  const hi = simplex[simplex.length - 1] as Vertex;
  if (!(hi.f - lo.f <= fTol)) return false;
  for (const v of simplex) {
    for (let i = 0; i < lo.x.length; i++) {
      if (Math.abs((v.x[i] as number) - (lo.x[i] as number)) > xTol) return false;
    }
  }
  return true;
}
