import type { Format } from '../format';
import { humanize } from '../labels';

/**
 * Evidence maps from the API name their units in the key, in either spelling the producers use
 * (`dailySpendMinor`, `spend_window_minor`): `minor` is money in minor units, `pct` a percentage,
 * `share` a fraction of a whole, `days` days, `roas`/`poas` a ratio. Model internals (a fitted
 * curve's parameters) are for the audit trail, not the merchant, and are left out.
 */
const words = (key: string) =>
  key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim()
    .toLowerCase()
    .split(/\s+/);

/** Model internals and record ids (a failed run's id) are for the audit trail, not the merchant. */
const HIDDEN = /^curve\b|\bid$/;

/** Whether a key is shown to the merchant at all. */
export const isShownEvidence = (key: string) => !HIDDEN.test(words(key).join(' '));

export function formatEvidenceValue(key: string, value: number | string | null, fmt: Format): string {
  if (value === null) return '—';
  if (typeof value === 'string') return value;
  const w = words(key);
  const last = w.at(-1);
  if (last === 'minor') return fmt.money(value);
  if (last === 'pct') return `${fmt.decimal(value)}%`;
  if (last === 'share') return fmt.share(value);
  if (w.includes('roas') || w.includes('poas')) return fmt.ratio(value);
  if (w.includes('days')) return fmt.days(value);
  if (Number.isInteger(value)) return fmt.integer(value);
  return fmt.decimal(value);
}

export function evidenceLabel(key: string): string {
  const w = words(key);
  // The unit is in the value ("$3,479.23", "14 d"), so the label drops it.
  if (w.length > 1 && ['minor', 'pct', 'days'].includes(w.at(-1) ?? '')) w.pop();
  return humanize(w.join(' ')).replace(/\b(roas|poas|ltv)\b/gi, (m) => m.toUpperCase());
}

export function EvidenceList(props: { evidence: Record<string, number | string | null>; fmt: Format }) {
  const entries = Object.entries(props.evidence).filter(([k]) => isShownEvidence(k));
  if (entries.length === 0) return null;
  return (
    <dl class="evidence">
      {entries.map(([k, v]) => (
        <div key={k}>
          <dt>{evidenceLabel(k)}</dt>
          <dd>{formatEvidenceValue(k, v, props.fmt)}</dd>
        </div>
      ))}
    </dl>
  );
}
