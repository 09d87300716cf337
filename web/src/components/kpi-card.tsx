export interface KpiCardProps {
  label: string;
  value: number | null;
  /** Relative change vs the previous period (0.25 = +25 %), null when there is nothing to compare. */
  change: number | null;
  /** The previous period has too little data for the change to mean anything. */
  incomplete?: boolean;
  format: (v: number) => string;
  formatChange: (fraction: number | null) => string;
  /** Spend going up is not good news by itself; only colour changes where up is better. */
  upIsGood?: boolean;
  /** How the comparison period is named ("the same period last year"); the previous period by default. */
  against?: string;
}

/** A headline number with its change against the comparison period (the previous one by default). */
export function KpiCard(props: KpiCardProps) {
  const against = (props.against ?? 'the previous period').replace(/^the /, '');
  const change = props.incomplete ? null : props.change;
  const tone =
    // Below half a tenth of a percent the change shows as 0 %, so it is not coloured either.
    change === null || Math.abs(change) < 0.0005 || props.upIsGood === undefined
      ? 'neutral'
      : change > 0 === props.upIsGood
        ? 'good'
        : 'bad';
  return (
    <div class="kpi" data-kpi={props.label}>
      <div class="kpi-label">{props.label}</div>
      <div class="kpi-value">{props.value === null ? '—' : props.format(props.value)}</div>
      <div class={`kpi-change ${tone}`}>
        {props.incomplete
          ? `${against} has too little data to compare`
          : change === null
            ? `no ${against} to compare`
            : `${props.formatChange(change)} vs ${against}`}
      </div>
    </div>
  );
}
