import { Legend } from './bar-chart';
import { linearScale } from './scale';

export interface LineSeries {
  name: string;
  color: string;
  values: readonly number[];
}

/** A trend over days: one polyline per series against the same y axis. */
export function LineChart(props: {
  title: string;
  labels: readonly string[];
  series: readonly LineSeries[];
  formatValue: (v: number) => string;
  formatLabel: (label: string) => string;
}) {
  const width = 640;
  const height = 220;
  // Room for a tick label drawn at phone size (styles.css doubles chart text there).
  const left = 80;
  const bottom = height - 24;
  const n = props.labels.length;
  const y = linearScale(
    props.series.flatMap((s) => s.values),
    bottom,
    8,
  );
  const xAt = (i: number) => left + (n <= 1 ? 0 : (i / (n - 1)) * (width - left - 12));
  const labelEvery = Math.max(1, Math.ceil(n / 6));
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
            // The last label ends at the axis end instead of running off the chart's edge.
            <text
              key={label}
              x={xAt(i)}
              y={height - 6}
              text-anchor={i === n - 1 && n > 1 ? 'end' : 'middle'}
              class="tick"
            >
              {props.formatLabel(label)}
            </text>
          ) : null,
        )}
        {props.series.map((s) => (
          <polyline
            key={s.name}
            fill="none"
            stroke={s.color}
            stroke-width={2}
            points={s.values.map((v, i) => `${xAt(i).toFixed(1)},${y(v).toFixed(1)}`).join(' ')}
          />
        ))}
      </svg>
      <Legend series={props.series} />
    </figure>
  );
}
