import { Legend } from './bar-chart';
import { areaRadius, linearScale } from './scale';

export interface Bubble {
  key: string;
  label: string;
  x: number;
  y: number;
  size: number;
  color: string;
  /** Read out by screen readers and shown on hover. */
  description: string;
}

/** x/y scatter whose bubble areas carry a third measure and colours a category. */
export function BubbleChart(props: {
  title: string;
  bubbles: readonly Bubble[];
  xLabel: string;
  yLabel: string;
  formatX: (v: number) => string;
  formatY: (v: number) => string;
  legend: readonly { name: string; color: string }[];
}) {
  const width = 560;
  const height = 340;
  // Room for the y axis's title turned on its side and its tick labels, at a phone's 22 units.
  const left = 76;
  const bottom = height - 40;
  const maxR = 26;
  const x = linearScale(
    props.bubbles.map((b) => b.x),
    left + maxR,
    width - maxR,
  );
  const y = linearScale(
    props.bubbles.map((b) => b.y),
    bottom - maxR,
    maxR,
  );
  const maxSize = Math.max(0, ...props.bubbles.map((b) => b.size));
  // Largest first, so small bubbles stay visible and clickable on top.
  const ordered = [...props.bubbles].sort((a, b) => b.size - a.size);
  return (
    <figure class="chart">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={props.title}>
        <title>{props.title}</title>
        {y.ticks.map((t) => (
          <g key={`y${t}`}>
            <line x1={left} x2={width} y1={y(t)} y2={y(t)} class="grid" />
            <text x={left - 6} y={y(t) + 4} text-anchor="end" class="tick">
              {props.formatY(t)}
            </text>
          </g>
        ))}
        {x.ticks.map((t) => (
          // The last tick's label moves in from the edge, so "$25K" is not cut at a phone's text size.
          <text
            key={`x${t}`}
            x={Math.min(x(t), width - 30)}
            y={bottom + 16}
            text-anchor="middle"
            class="tick"
          >
            {props.formatX(t)}
          </text>
        ))}
        <text x={(left + width) / 2} y={height - 4} text-anchor="middle" class="axis-label">
          {props.xLabel}
        </text>
        <text
          x={20}
          y={bottom / 2}
          text-anchor="middle"
          class="axis-label"
          transform={`rotate(-90 20 ${bottom / 2})`}
        >
          {props.yLabel}
        </text>
        {ordered.map((b) => (
          <circle
            key={b.key}
            cx={x(b.x)}
            cy={y(b.y)}
            r={areaRadius(b.size, maxSize, maxR)}
            fill={b.color}
            fill-opacity={0.7}
            stroke={b.color}
          >
            <title>{b.description}</title>
          </circle>
        ))}
      </svg>
      <Legend series={props.legend} />
    </figure>
  );
}
