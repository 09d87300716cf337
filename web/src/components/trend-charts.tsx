import type { ComparisonKind } from '../../../shared/domain/reporting/period';
import type { ComparisonPoint, TrendPoint } from '../api/schemas';
import { useBrand } from '../context';
import type { Format } from '../format';
import { COMPARISON_NAMES } from '../period';
import { REVENUE_COLOR, SPEND_COLOR } from './channel-panel';
import { LineChart, LineKey, type LineSeries } from './charts/line-chart';

export const ROAS_COLOR = '#6941c6';

type Measure = 'spendMinor' | 'revenueMinor' | 'roas';
/** The KPI whose comparison flag a measure's line honours (the API's `incompleteComparison`). */
const FLAG: Record<Measure, string> = {
  spendMinor: 'spendMinor',
  revenueMinor: 'revenueMinor',
  roas: 'blendedRoas',
};
const WORD: Record<Measure, string> = { spendMinor: 'spend', revenueMinor: 'revenue', roas: 'ROAS' };

const list = (words: readonly string[]) =>
  words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;

/**
 * Which measures get a previous-period line, and what to tell the merchant about the rest: a
 * line is left out when its comparison is flagged as resting on too little data (decision 895)
 * or when the earlier period has nothing recorded at all; a line that starts late says where.
 */
export function comparisonPlan(args: {
  measures: readonly Measure[];
  previousTrend: readonly ComparisonPoint[];
  incomplete: readonly string[];
  previousPeriod: { from: string; to: string };
  /** What the earlier period is (decision 955): named in the sentence. The previous period by default. */
  comparison?: ComparisonKind;
  fmt: Pick<Format, 'day' | 'dayRange'>;
}): { drawn: Measure[]; note: string | null } {
  const { measures, previousTrend, incomplete, fmt } = args;
  const range = fmt.dayRange(args.previousPeriod.from, args.previousPeriod.to);
  const name = COMPARISON_NAMES[args.comparison ?? 'previous'];
  const Name = name.charAt(0).toUpperCase() + name.slice(1);
  const recorded = (m: Measure) => previousTrend.some((p) => p[m] !== null);
  const drawn = measures.filter((m) => !incomplete.includes(FLAG[m]) && recorded(m));
  const left = measures.filter((m) => !drawn.includes(m));
  if (left.length > 0) {
    const lines =
      left.length === measures.length && measures.length > 1
        ? 'lines are'
        : `${list(left.map((m) => WORD[m]))} ${left.length > 1 ? 'lines are' : 'line is'}`;
    return {
      drawn,
      note: `${Name} (${range}) has too little data to compare with: its ${lines} left out.`,
    };
  }
  const starts = drawn
    .map((m) => previousTrend.findIndex((p) => p[m] !== null))
    .filter((i) => i > 0)
    .sort((a, b) => b - a)[0];
  if (starts !== undefined && previousTrend[starts])
    return {
      drawn,
      note: `${Name}'s line starts on ${fmt.day(previousTrend[starts].date)}, where the data begins.`,
    };
  return { drawn, note: null };
}

/**
 * The dashed line's legend entry for one chart: none when no comparison line is drawn on it, and
 * the measures it stands for when only some are ("Spend, Oct 4 – 6") — never a key for a line left out.
 */
export function comparisonKey(
  measures: readonly { key: Measure; name: string }[],
  drawn: readonly Measure[],
  previous: string,
): string | null {
  const shown = measures.filter((m) => drawn.includes(m.key));
  if (shown.length === 0) return null;
  return shown.length === measures.length ? previous : `${list(shown.map((m) => m.name))}, ${previous}`;
}

/** Legend: colour names the measure, line style names the period (solid this one, dashed the one compared with). */
function PeriodLegend(props: {
  measures: readonly { name: string; color: string }[];
  current: string;
  previous: string | null;
  comparison: ComparisonKind;
}) {
  return (
    <figcaption class="legend">
      {props.measures.map((s) => (
        <span key={s.name}>
          <i style={{ background: s.color }} aria-hidden="true" />
          {s.name}
        </span>
      ))}
      <LineKey>{props.current}</LineKey>
      {props.previous ? (
        <LineKey dashed>
          {props.previous} ({COMPARISON_NAMES[props.comparison].replace(/^the /, '')})
        </LineKey>
      ) : null}
    </figcaption>
  );
}

interface ChartSpec {
  title: string;
  measures: readonly { key: Measure; name: string; color: string }[];
  formatValue: (v: number) => string;
}

/**
 * Daily spend and revenue (and ROAS, on the dashboard) for the period, each with the previous
 * period beside it as a lighter dashed line, day i under day i.
 */
export function TrendCharts(props: {
  /** What the charts are of, for their accessible titles ("Summer Sale"); the brand when absent. */
  subject?: string;
  trend: readonly TrendPoint[];
  previousTrend: readonly ComparisonPoint[];
  period: { from: string; to: string };
  previousPeriod: { from: string; to: string };
  /** What the dashed line is: the previous period, the same period last year, … */
  comparison: ComparisonKind;
  incomplete: readonly string[];
  withRoas?: boolean;
}) {
  const { fmt } = useBrand();
  const of = props.subject ? `${props.subject}: ` : '';
  const charts: ChartSpec[] = [
    {
      title: `${of}daily spend and revenue`,
      measures: [
        { key: 'spendMinor', name: 'Spend', color: SPEND_COLOR },
        { key: 'revenueMinor', name: 'Revenue', color: REVENUE_COLOR },
      ],
      formatValue: fmt.compactMoney,
    },
    ...(props.withRoas
      ? [
          {
            title: `${of}daily ROAS`,
            measures: [{ key: 'roas' as const, name: 'ROAS', color: ROAS_COLOR }],
            formatValue: (v: number) => `${fmt.decimal(v)}×`,
          },
        ]
      : []),
  ];
  const labels = props.trend.map((t) => t.date);
  const current = fmt.dayRange(props.period.from, props.period.to);
  const previous = fmt.dayRange(props.previousPeriod.from, props.previousPeriod.to);
  // One plan over every measure on screen, so the merchant reads one sentence about the earlier period.
  const plan = comparisonPlan({
    measures: charts.flatMap((c) => c.measures.map((m) => m.key)),
    previousTrend: props.previousTrend,
    incomplete: props.incomplete,
    previousPeriod: props.previousPeriod,
    comparison: props.comparison,
    fmt,
  });
  const rendered = charts.map((chart) => {
    const key = comparisonKey(chart.measures, plan.drawn, previous);
    const drawn = key !== null;
    const series: LineSeries[] = chart.measures.flatMap((m) => [
      { name: `${m.name}, ${current}`, color: m.color, values: props.trend.map((t) => t[m.key]) },
      ...(plan.drawn.includes(m.key)
        ? [
            {
              name: `${m.name}, ${previous}`,
              color: m.color,
              values: props.previousTrend.map((t) => t[m.key]),
              dashed: true,
            },
          ]
        : []),
    ]);
    return (
      <LineChart
        key={chart.title}
        title={`${chart.title}, ${current}${drawn ? `, against ${previous}` : ''}`}
        labels={labels}
        series={series}
        formatValue={chart.formatValue}
        formatLabel={fmt.shortDay}
        legend={
          <PeriodLegend
            measures={chart.measures}
            current={current}
            previous={key}
            comparison={props.comparison}
          />
        }
      />
    );
  });
  return (
    <>
      {rendered}
      {plan.note ? (
        <p class="muted small" data-comparison-note>
          {plan.note}
        </p>
      ) : null}
    </>
  );
}
