import { linearScale } from './scale';

export interface BarGroup {
  label: string;
  values: readonly number[];
  /** Shown at the end of the group, e.g. the region's ROAS. */
  note?: string;
}

export interface BarSeries {
  name: string;
  color: string;
}

/**
 * Width (viewBox units) of the category labels: room for the longest one at the largest label
 * size the stylesheet uses (21 units on a phone, where the chart is scaled down), between 110
 * and 40 % of the chart. Short labels keep the narrow column; "Free shipping" is not cut.
 */
const LABEL_CHAR = 11.5;
export function barLabelWidth(labels: readonly string[], width: number): number {
  const longest = Math.max(0, ...labels.map((l) => l.length));
  return Math.round(Math.min(width * 0.4, Math.max(110, longest * LABEL_CHAR + 12)));
}

/** A label longer than its column ends in "…" (the bar's tooltip keeps the whole name). */
export function fitLabel(label: string, labelWidth: number): string {
  const fits = Math.floor((labelWidth - 12) / LABEL_CHAR);
  return label.length <= fits ? label : `${label.slice(0, Math.max(1, fits - 1))}…`;
}

/** Horizontal grouped bars: one group per category (region), one bar per series (spend, revenue). */
export function BarChart(props: {
  title: string;
  groups: readonly BarGroup[];
  series: readonly BarSeries[];
  formatValue: (v: number) => string;
}) {
  const { groups, series } = props;
  const barHeight = 14;
  const gap = 10;
  // Room for "12.34×" at the phone's 20-unit note size (64 cut the "×" off).
  const noteWidth = 76;
  const width = 640;
  const labelWidth = barLabelWidth(
    groups.map((g) => g.label),
    width,
  );
  const groupHeight = series.length * barHeight + gap;
  const height = groups.length * groupHeight + 28;
  const x = linearScale(
    groups.flatMap((g) => g.values),
    labelWidth,
    width - noteWidth,
  );
  return (
    <figure class="chart">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={props.title}>
        <title>{props.title}</title>
        {x.ticks.map((t) => (
          <g key={t}>
            <line x1={x(t)} x2={x(t)} y1={0} y2={height - 22} class="grid" />
            <text x={x(t)} y={height - 6} text-anchor="middle" class="tick">
              {props.formatValue(t)}
            </text>
          </g>
        ))}
        {groups.map((g, gi) => {
          const top = gi * groupHeight + 4;
          return (
            <g key={g.label}>
              <text
                x={labelWidth - 8}
                y={top + (series.length * barHeight) / 2 + 4}
                text-anchor="end"
                class="label"
              >
                {fitLabel(g.label, labelWidth)}
              </text>
              {g.values.map((v, si) => (
                <rect
                  key={series[si]?.name}
                  x={Math.min(x(0), x(v))}
                  y={top + si * barHeight}
                  width={Math.max(1, Math.abs(x(v) - x(0)))}
                  height={barHeight - 2}
                  fill={series[si]?.color}
                  rx={2}
                >
                  <title>{`${g.label} ${series[si]?.name}: ${props.formatValue(v)}`}</title>
                </rect>
              ))}
              {g.note ? (
                <text x={width - noteWidth + 8} y={top + (series.length * barHeight) / 2 + 4} class="note">
                  {g.note}
                </text>
              ) : null}
            </g>
          );
        })}
      </svg>
      <Legend series={series} />
    </figure>
  );
}

export function Legend(props: { series: readonly BarSeries[] }) {
  return (
    <figcaption class="legend">
      {props.series.map((s) => (
        <span key={s.name}>
          <i style={{ background: s.color }} aria-hidden="true" />
          {s.name}
        </span>
      ))}
    </figcaption>
  );
}
