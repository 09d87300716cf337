/**
 * Nelder–Mead downhill simplex (Nelder & Mead 1965, with the standard coefficients of Lagarias et
 * al. 1998): a derivative-free minimiser, enough for the two log-parameters of a Hill curve.
 */
export interface MinimiseOptions {
  step?: number;
  maxIterations?: number;
  tolerance?: number;
}

export function nelderMead(
  f: (x: readonly number[]) => number,
  start: readonly number[],
  options: MinimiseOptions = {},
): { x: number[]; value: number } {
  const step = options.step ?? 0.3;
  const maxIterations = options.maxIterations ?? 200;
  const tolerance = options.tolerance ?? 1e-9;
  const n = start.length;
  let simplex = [start.slice(), ...start.map((_, i) => start.map((v, j) => (i === j ? v + step : v)))].map(
    (x) => ({ x, v: f(x) }),
  );
  for (let it = 0; it < maxIterations; it++) {
    simplex.sort((a, b) => a.v - b.v);
    const best = simplex[0]!;
    const worst = simplex[n]!;
    if (Math.abs(worst.v - best.v) <= tolerance * (Math.abs(best.v) + tolerance)) break;
    const centroid = new Array<number>(n).fill(0);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) centroid[j]! += simplex[i]!.x[j]! / n;
    const along = (t: number) => centroid.map((c, j) => c + t * (worst.x[j]! - c));
    const reflected = along(-1);
    const fr = f(reflected);
    if (fr < best.v) {
      const expanded = along(-2);
      const fe = f(expanded);
      simplex[n] = fe < fr ? { x: expanded, v: fe } : { x: reflected, v: fr };
      continue;
    }
    if (fr < simplex[n - 1]!.v) {
      simplex[n] = { x: reflected, v: fr };
      continue;
    }
    const contracted = fr < worst.v ? along(-0.5) : along(0.5);
    const fc = f(contracted);
    if (fc < Math.min(fr, worst.v)) {
      simplex[n] = { x: contracted, v: fc };
      continue;
    }
    simplex = simplex.map((p, i) =>
      i === 0
        ? p
        : (() => {
            const x = p.x.map((v, j) => best.x[j]! + 0.5 * (v - best.x[j]!));
            return { x, v: f(x) };
          })(),
    );
  }
  simplex.sort((a, b) => a.v - b.v);
  return { x: simplex[0]!.x, value: simplex[0]!.v };
}
