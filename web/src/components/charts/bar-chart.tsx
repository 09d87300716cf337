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
 * size the stylesheet uses (22 units on a phone, where the chart is scaled down), between 110
 * and 40 % of the chart. Short labels keep the narrow column; "Free shipping" is not cut. A label
 * longer than 40 % of the chart wraps to two lines (`wrapLabel`), and the column is as wide as
 * the longest line needs. A character is taken as 12.6 units (the phone's font is about 0.55 em
 * a character, with room to spare): at 11.5 units a character and a 21-unit font, "Bavaria,
 * Germany" reached 0.7 px past the chart's left edge at 390 px (test/e2e/region-names.ts
 * measures every label's box).
 */
export const LABEL_CHAR = 12.6;
const labelRoom = (chars: number) => chars * LABEL_CHAR + 12;
export function barLabelWidth(labels: readonly string[], width: number): number {
  const cap = width * 0.4;
  const longest = Math.max(0, ...labels.map((l) => l.length));
  // Rounded up: a column rounded down would be a fraction of a character short of its longest label.
  if (labelRoom(longest) <= cap) return Math.ceil(Math.max(110, labelRoom(longest)));
  const lines = labels.flatMap((l) => wrapLabel(l, cap));
  const widest = Math.max(0, ...lines.map((l) => l.length));
  return Math.ceil(Math.min(cap, Math.max(110, labelRoom(widest))));
}

/** A label longer than its column ends in "…" (the bar's tooltip keeps the whole name). */
export function fitLabel(label: string, labelWidth: number): string {
  const fits = Math.floor((labelWidth - 12) / LABEL_CHAR);
  return label.length <= fits ? label : `${label.slice(0, Math.max(1, fits - 1))}…`;
}

/**
 * A label as the lines it is drawn on: one when it fits its column, else two, broken at the last
 * space that lets the first line fit ("New South Wales," / "Australia"); only a second line that
 * still does not fit, or a first word longer than the column, ends in "…".
 */
export function wrapLabel(label: string, labelWidth: number): string[] {
  const fits = Math.floor((labelWidth - 12) / LABEL_CHAR);
  if (label.length <= fits) return [label];
  const space = label.lastIndexOf(' ', fits);
  if (space <= 0) return [fitLabel(label, labelWidth)];
  return [label.slice(0, space), fitLabel(label.slice(space + 1).trimStart(), labelWidth)];
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
  // Room for "12.34×" at the phone's 22-unit note size (64 cut the "×" off at 20 units).
  const noteWidth = 84;
  const width = 640;
  const labelWidth = barLabelWidth(
    groups.map((g) => g.label),
    width,
  );
  const lines = groups.map((g) => wrapLabel(g.label, labelWidth));
  // Two-line labels need room for two lines at the phone's 22-unit size (1.1em apart): half of it
  // above the bars (the first group's first line stays inside the chart), half below.
  const extra = lines.some((l) => l.length > 1) ? 12 : 0;
  const groupHeight = series.length * barHeight + gap + extra;
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
          const top = gi * groupHeight + 4 + extra / 2;
          const label = lines[gi] ?? [g.label];
          return (
            <g key={g.label}>
              <g>
                <title>{g.label}</title>
                <text
                  x={labelWidth - 8}
                  y={top + (series.length * barHeight) / 2 + 4}
                  text-anchor="end"
                  class="label"
                >
                  {label.length === 1
                    ? label[0]
                    : label.map((line, li) => (
                        <tspan key={line} x={labelWidth - 8} dy={li === 0 ? '-0.55em' : '1.1em'}>
                          {line}
                        </tspan>
                      ))}
                </text>
              </g>
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
