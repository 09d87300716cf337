import { SEGMENT_LABELS, SEGMENTS, type Segment } from '../../../shared/domain/customers/segments/rfm';

/**
 * A labelled choice of one customer segment, or of none (`anyLabel`: every customer): the segments
 * in the order and words of Segments & LTV, so the Customers list and a campaign's audience offer
 * the same. `class` is the label's, as the page lays out its fields.
 */
export function SegmentSelect(props: {
  label: string;
  anyLabel: string;
  value: Segment | null;
  onChange: (segment: Segment | null) => void;
  class?: string;
}) {
  return (
    <label class={props.class}>
      <span>{props.label}</span>
      <select
        value={props.value ?? ''}
        onChange={(e) => props.onChange((e.currentTarget.value || null) as Segment | null)}
      >
        <option value="">{props.anyLabel}</option>
        {SEGMENTS.map((s) => (
          <option key={s} value={s}>
            {SEGMENT_LABELS[s]}
          </option>
        ))}
      </select>
    </label>
  );
}
