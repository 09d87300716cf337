/**
 * The little arithmetic the hand-written SVG charts share: linear scales over a domain rounded
 * out to "nice" ticks (1, 2, 5 × 10^n — Heckbert, "Nice numbers for graph labels", 1990).
 */
export function niceStep(span: number, targetTicks: number): number {
  if (!(span > 0)) return 1;
  const raw = span / Math.max(1, targetTicks);
  const power = 10 ** Math.floor(Math.log10(raw));
  const fraction = raw / power;
  const nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
  return nice * power;
}

/** Ticks covering [min, max], starting at or below min and ending at or above max. */
export function niceTicks(min: number, max: number, targetTicks = 5): number[] {
  const lo = Math.min(min, max);
  const hi = Math.max(min, max);
  if (lo === hi) return hi === 0 ? [0, 1] : niceTicks(Math.min(0, lo), Math.max(0, hi), targetTicks);
  const step = niceStep(hi - lo, targetTicks);
  const start = Math.floor(lo / step) * step;
  const ticks: number[] = [];
  // Rounded to the step's precision so 0.1 + 0.2 style drift never reaches a label.
  const digits = Math.max(0, -Math.floor(Math.log10(step)));
  for (let v = start; v < hi + step / 2; v += step) ticks.push(Number(v.toFixed(digits)));
  if ((ticks.at(-1) ?? 0) < hi) ticks.push(Number(((ticks.at(-1) ?? 0) + step).toFixed(digits)));
  return ticks;
}

export interface LinearScale {
  (value: number): number;
  domain: readonly [number, number];
  ticks: number[];
}

/** Maps [ticks[0], ticks[last]] onto [rangeStart, rangeEnd]. */
export function linearScale(values: readonly number[], rangeStart: number, rangeEnd: number): LinearScale {
  const finite = values.filter(Number.isFinite);
  const ticks = niceTicks(Math.min(0, ...finite), Math.max(0, ...finite));
  const d0 = ticks[0] ?? 0;
  const d1 = ticks.at(-1) ?? 1;
  const scale = ((v: number) =>
    rangeStart + ((v - d0) / (d1 - d0 || 1)) * (rangeEnd - rangeStart)) as LinearScale;
  return Object.assign(scale, { domain: [d0, d1] as const, ticks });
}

/** Bubble radius by area (√), so a bubble twice the revenue looks twice as big, not four times. */
export function areaRadius(value: number, maxValue: number, maxRadius: number, minRadius = 3): number {
  if (!(maxValue > 0) || !(value > 0)) return minRadius;
  return Math.max(minRadius, Math.sqrt(value / maxValue) * maxRadius);
}
