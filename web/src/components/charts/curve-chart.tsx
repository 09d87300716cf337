import { Legend } from './bar-chart';
import { linearScale } from './scale';

export const CURVE_COLOR = '#2563eb';
export const TARGET_COLOR = '#b45309';
export const TODAY_COLOR = '#111827';
export const PROPOSED_COLOR = '#059669';
/** A curve that does not explain the revenue it was fitted to (decision 990): drawn faint and dashed. */
export const WEAK_CURVE_COLOR = '#9ca3af';

/**
 * A response curve: expected daily revenue (y) along daily spend (x), the break-even line of the
 * brand's target ROAS (revenue = target × spend), today's point and the optimiser's proposal.
 * A `weak` curve (one that moves no budget) is drawn faint and dashed, and its legend says why, so
 * its shape does not read as a finding.
 */
export function CurveChart(props: {
  title: string;
  points: readonly { spendMinor: number; revenueMinor: number }[];
  today: { spendMinor: number; revenueMinor: number };
  proposed: { spendMinor: number; revenueMinor: number } | null;
  roasTarget: number;
  weak?: boolean;
  formatMoney: (minor: number) => string;
  describePoint: (label: string, p: { spendMinor: number; revenueMinor: number }) => string;
}) {
  const width = 560;
  const height = 320;
  // Room for the rotated axis label beside tick labels at the phone's 20px chart text.
  const left = 88;
  const bottom = height - 48;
  const maxSpend = Math.max(...props.points.map((p) => p.spendMinor));
  const x = linearScale([maxSpend], left, width - 32);
  const y = linearScale(
    props.points.map((p) => p.revenueMinor),
    bottom,
    12,
  );
  const path = props.points
    .map((p, i) => `${i ? 'L' : 'M'}${x(p.spendMinor)},${y(p.revenueMinor)}`)
    .join(' ');
  // The target line, clipped to the plot: it leaves through the top or the right edge.
  const xEnd = Math.min(x.domain[1], y.domain[1] / props.roasTarget);
  const dots = [
    { key: 'today', label: 'Today', color: TODAY_COLOR, p: props.today },
    ...(props.proposed
      ? [{ key: 'proposed', label: 'Proposed', color: PROPOSED_COLOR, p: props.proposed }]
      : []),
  ];
  return (
    <figure class="chart">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={props.title}>
        <title>{props.title}</title>
        {y.ticks.map((t) => (
          <g key={`y${t}`}>
            <line x1={left} x2={width} y1={y(t)} y2={y(t)} class="grid" />
            <text x={left - 6} y={y(t) + 4} text-anchor="end" class="tick">
              {props.formatMoney(t)}
            </text>
          </g>
        ))}
        {/* The origin's $0 is the revenue axis's; spend's own would sit on it. */}
        {x.ticks
          .filter((t) => t !== 0)
          .map((t) => (
            <text key={`x${t}`} x={x(t)} y={bottom + 20} text-anchor="middle" class="tick">
              {props.formatMoney(t)}
            </text>
          ))}
        <text x={(left + width) / 2} y={height - 4} text-anchor="middle" class="axis-label">
          Daily spend
        </text>
        <text
          x={20}
          y={bottom / 2}
          text-anchor="middle"
          class="axis-label"
          transform={`rotate(-90 20 ${bottom / 2})`}
        >
          Daily revenue
        </text>
        <line
          x1={x(0)}
          y1={y(0)}
          x2={x(xEnd)}
          y2={y(xEnd * props.roasTarget)}
          stroke={TARGET_COLOR}
          stroke-dasharray="6 4"
          stroke-width={2}
        />
        <path
          d={path}
          fill="none"
          stroke={props.weak ? WEAK_CURVE_COLOR : CURVE_COLOR}
          stroke-width={props.weak ? 2 : 3}
          stroke-dasharray={props.weak ? '4 4' : undefined}
        />
        {dots.map((d) => (
          <circle key={d.key} cx={x(d.p.spendMinor)} cy={y(d.p.revenueMinor)} r={6} fill={d.color}>
            <title>{props.describePoint(d.label, d.p)}</title>
          </circle>
        ))}
      </svg>
      <Legend
        series={[
          props.weak
            ? { name: 'Expected revenue (not enough signal)', color: WEAK_CURVE_COLOR }
            : { name: 'Expected revenue', color: CURVE_COLOR },
          { name: `Target ROAS ${props.roasTarget}×`, color: TARGET_COLOR },
          { name: 'Today', color: TODAY_COLOR },
          ...(props.proposed ? [{ name: 'Proposed', color: PROPOSED_COLOR }] : []),
        ]}
      />
    </figure>
  );
}
