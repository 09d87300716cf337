import { relativeChange } from '../format';

/** A headline number with its change against the previous period of the same length. */
export function KpiCard(props: {
  label: string;
  value: number | null;
  previous: number | null;
  format: (v: number) => string;
  /** Spend going up is not good news by itself; only colour changes where up is better. */
  upIsGood?: boolean;
  formatChange: (fraction: number | undefined) => string;
}) {
  const change =
    props.value == null || props.previous == null ? undefined : relativeChange(props.value, props.previous);
  const tone =
    change === undefined || change === 0 || props.upIsGood === undefined
      ? 'neutral'
      : change > 0 === props.upIsGood
        ? 'good'
        : 'bad';
  return (
    <div class="kpi" data-kpi={props.label}>
      <div class="kpi-label">{props.label}</div>
      <div class="kpi-value">{props.value == null ? '—' : props.format(props.value)}</div>
      <div class={`kpi-change ${tone}`}>
        {change === undefined ? 'no previous data' : `${props.formatChange(change)} vs previous period`}
      </div>
    </div>
  );
}
