import type { Evidence, EvidenceLabels, EvidenceUnits } from '../../../shared/domain/evidence';
import { type Format, formatUnit } from '../format';
import { humanize } from '../labels';

/** The words of a key, in either spelling the producers use (`dailySpendMinor`, `spend_window_minor`). */
const words = (key: string) =>
  key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim()
    .toLowerCase()
    .split(/\s+/);

/** Words that only say how a key stores its value; the value shown says it ("$3,479.23", "14 d"). */
const STORAGE_WORDS = new Set(['minor', 'pct', 'days', 'micros', 'usd']);

/**
 * A key in words, for a value whose producer wrote no label: a tool's output field
 * (`revenue_share_pct` → "Revenue share"), or an evidence key no rule declares any more. Evidence
 * keys have their rule's label (shared/domain/evidence.ts). Keys put the period last
 * (`spend_window_minor`, `spend_recent_minor`); people put it first or after.
 */
export function keyInWords(key: string): string {
  let w = words(key);
  // `window_days` keeps its "days": "Window" alone says nothing.
  if (w.length > 2 || (w.length === 2 && w[1] !== 'days')) {
    if (STORAGE_WORDS.has(w.at(-1) ?? '')) w.pop();
  }
  if (w.length > 1 && w[0] === 'window') w = [...w.slice(1), 'in the window'];
  else if (w.length > 1 && w.at(-1) === 'window') w = [...w.slice(0, -1), 'in the window'];
  else if (w.length > 1 && w.at(-1) === 'recent') w = ['recent', ...w.slice(0, -1)];
  return humanize(w.join(' ')).replace(/\b(roas|poas|ltv|aov|ai)\b/gi, (m) => m.toUpperCase());
}

export interface EvidenceRow {
  key: string;
  label: string;
  text: string;
}

/**
 * An evidence map as a merchant reads it, by the units and labels its producer declared
 * (shared/domain/evidence.ts): each value under its rule's label ("Daily spend at half the curve's
 * ceiling"), money with its currency's symbol (the map's field declared
 * `currency`, else the brand's), ratios with ×, shares and percents with %, days and dates as the
 * app shows them. Values declared `internal` (ids, a model's parameters) and the currency field
 * itself are left out; a key with no declaration (renamed since the record was made) shows as
 * stored, under its name in words.
 */
export function evidenceRows(
  evidence: Evidence,
  units: EvidenceUnits,
  labels: EvidenceLabels,
  fmt: Format,
): EvidenceRow[] {
  const currencyKey = Object.keys(evidence).find((k) => units[k] === 'currency');
  const code = currencyKey ? evidence[currencyKey] : undefined;
  const currency = typeof code === 'string' && code ? code : fmt.currency;
  return Object.entries(evidence).flatMap(([key, value]) => {
    const unit = units[key];
    if (unit === 'internal' || unit === 'currency') return [];
    const text = formatUnit(fmt, unit ?? 'number', value, currency);
    return [{ key, label: labels[key] || keyInWords(key), text }];
  });
}

export function EvidenceList(props: {
  evidence: Evidence;
  units: EvidenceUnits | undefined;
  labels: EvidenceLabels | undefined;
  fmt: Format;
}) {
  const rows = evidenceRows(props.evidence, props.units ?? {}, props.labels ?? {}, props.fmt);
  if (rows.length === 0) return null;
  return (
    <dl class="evidence">
      {rows.map((row) => (
        <div key={row.key}>
          <dt>{row.label}</dt>
          <dd>{row.text}</dd>
        </div>
      ))}
    </dl>
  );
}
