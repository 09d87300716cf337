import { daysEndingOn, type PickedRange } from '../period';

const RANGES = [7, 28, 90] as const;

/**
 * Last 7 / 28 / 90 days, or any dates: an imported store's history ends on its export day, so
 * "Custom" starts from the range on screen and "7 days to the end date" re-anchors on it.
 */
export function PeriodPicker(props: {
  picked: PickedRange;
  onPick: (p: PickedRange) => void;
  current: { from: string; to: string } | null;
}) {
  const { picked, onPick, current } = props;
  const custom = picked.kind === 'custom' ? picked : null;
  return (
    <div class="inline period-picker">
      <label class="inline">
        Period
        <select
          value={picked.kind === 'trailing' ? String(picked.days) : 'custom'}
          onChange={(e) => {
            const v = e.currentTarget.value;
            if (v === 'custom') onPick({ kind: 'custom', from: current?.from ?? '', to: current?.to ?? '' });
            else onPick({ kind: 'trailing', days: Number(v) });
          }}
        >
          {RANGES.map((d) => (
            <option key={d} value={String(d)}>
              Last {d} days
            </option>
          ))}
          <option value="custom">Custom dates…</option>
        </select>
      </label>
      {custom && (
        <>
          <DateRangeInputs range={custom} onChange={onPick} />
          {custom.to && (
            <button
              type="button"
              class="secondary"
              onClick={() => onPick({ kind: 'custom', ...daysEndingOn(custom.to as never, 7) })}
            >
              7 days to the end date
            </button>
          )}
        </>
      )}
    </div>
  );
}

/** The From / To date inputs of a custom range (the period's and the comparison's). */
export function DateRangeInputs<R extends { from: string; to: string }>(props: {
  range: R;
  onChange: (r: R) => void;
}) {
  const { range, onChange } = props;
  return (
    <>
      <label class="inline">
        From
        <input
          type="date"
          value={range.from}
          onChange={(e) => onChange({ ...range, from: e.currentTarget.value })}
        />
      </label>
      <label class="inline">
        To
        <input
          type="date"
          value={range.to}
          onChange={(e) => onChange({ ...range, to: e.currentTarget.value })}
        />
      </label>
    </>
  );
}
