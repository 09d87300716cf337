import type { ComponentChildren } from 'preact';
import { Legend } from './bar-chart';
import { linearScale } from './scale';

export interface LineSeries {
  name: string;
  color: string;
  /** One value per label; null is a day with nothing recorded, drawn as a gap. */
  values: readonly (number | null)[];
  /** A comparison line: dashed and lighter, under the solid lines. */
  dashed?: boolean;
}

/** Runs of consecutive non-null values, as [index, value] pairs: one polyline each. */
export function segments(values: readonly (number | null)[]): [number, number][][] {
  const runs: [number, number][][] = [];
  let run: [number, number][] = [];
  values.forEach((v, i) => {
    if (v === null || !Number.isFinite(v)) {
      if (run.length) runs.push(run);
      run = [];
    } else run.push([i, v]);
  });
  if (run.length) runs.push(run);
  return runs;
}

const DASH = '6 4';

/** A trend over days: one line per series against the same y axis, comparison lines dashed. */
export function LineChart(props: {
  title: string;
  labels: readonly string[];
  series: readonly LineSeries[];
  formatValue: (v: number) => string;
  formatLabel: (label: string) => string;
  /** Replaces the default legend (one swatch per series), e.g. to name periods by line style. */
  legend?: ComponentChildren;
}) {
  const width = 640;
  const height = 220;
  // Room for a tick label drawn at phone size (styles.css draws chart text at 22 units there).
  const left = 80;
  const bottom = height - 28;
  const n = props.labels.length;
  // The top tick's label is centred on its line: 14 units keep a 22-unit label inside the chart.
  const y = linearScale(
    props.series.flatMap((s) => s.values.filter((v): v is number => v !== null)),
    bottom,
    14,
  );
  const xAt = (i: number) => left + (n <= 1 ? 0 : (i / (n - 1)) * (width - left - 12));
  // Five date labels at most: at a phone's 22-unit text a sixth ran the first two together.
  const labelEvery = Math.max(1, Math.ceil(n / 5));
  // Comparison lines first, so this period's lines are drawn over them.
  const ordered = [...props.series].sort((a, b) => Number(b.dashed === true) - Number(a.dashed === true));
  return (
    <figure class="chart">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={props.title}>
        <title>{props.title}</title>
        {y.ticks.map((t) => (
          <g key={t}>
            <line x1={left} x2={width - 8} y1={y(t)} y2={y(t)} class="grid" />
            <text x={left - 6} y={y(t) + 4} text-anchor="end" class="tick">
              {props.formatValue(t)}
            </text>
          </g>
        ))}
        {props.labels.map((label, i) =>
          i % labelEvery === 0 ? (
            // The first label starts at the axis (clear of the y axis's lowest label) and the
            // last ends at the axis end instead of running off the chart's edge.
            <text
              key={label}
              x={xAt(i)}
              y={height - 6}
              text-anchor={i === 0 && n > 1 ? 'start' : i === n - 1 && n > 1 ? 'end' : 'middle'}
              class="tick"
            >
              {props.formatLabel(label)}
            </text>
          ) : null,
        )}
        {ordered.map((s) =>
          segments(s.values).map((run) => (
            <polyline
              key={`${s.name}:${run[0]?.[0]}`}
              data-series={s.name}
              fill="none"
              stroke={s.color}
              stroke-width={2}
              {...(s.dashed ? { 'stroke-dasharray': DASH, 'stroke-opacity': 0.55 } : {})}
              points={run.map(([i, v]) => `${xAt(i).toFixed(1)},${y(v).toFixed(1)}`).join(' ')}
            />
          )),
        )}
      </svg>
      {props.legend ?? <Legend series={props.series} />}
    </figure>
  );
}

/** A short line in the legend, solid or dashed, standing for a period rather than a measure. */
export function LineKey(props: { dashed?: boolean; children: ComponentChildren }) {
  return (
    <span class="line-key">
      <svg width="22" height="10" aria-hidden="true">
        <line
          x1="1"
          x2="21"
          y1="5"
          y2="5"
          stroke="currentColor"
          stroke-width="2"
          {...(props.dashed ? { 'stroke-dasharray': '5 3', 'stroke-opacity': 0.7 } : {})}
        />
      </svg>
      {props.children}
    </span>
  );
}
