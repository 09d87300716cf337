import type { Format } from '../format';
import { humanize } from '../labels';

/**
 * Evidence maps from the API name their units in the key, as the domain does: `...Minor` is money
 * in minor units, `...Pct` a percentage, `...Days` days; anything else is shown as sent.
 */
export function formatEvidenceValue(key: string, value: number | string | null, fmt: Format): string {
  if (value === null) return '—';
  if (typeof value === 'string') return value;
  if (/Minor$/.test(key)) return fmt.money(value);
  if (/Pct$/.test(key)) return `${fmt.decimal(value)}%`;
  if (/Days$|^daysOfCover$/.test(key)) return fmt.days(value);
  if (/roas/i.test(key)) return fmt.ratio(value);
  return fmt.decimal(value);
}

export function evidenceLabel(key: string): string {
  const words = key
    .replace(/(Minor|Pct)$/, '')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase();
  return humanize(words).replace(/\b(roas|poas)\b/gi, (m) => m.toUpperCase());
}

export function EvidenceList(props: { evidence: Record<string, number | string | null>; fmt: Format }) {
  const entries = Object.entries(props.evidence);
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
