import { minorUnitExponent } from '../../../shared/domain/money';
import type { Format } from '../format';
import { humanize } from '../labels';
import { evidenceLabel, formatEvidenceValue } from './evidence';

/**
 * The leaves of a tool result as (path, value) pairs: the numbers an answer was built from, shown
 * beside it so a reader can check every figure. Arrays are indexed by a row's name or id if it has one.
 */
export interface Leaf {
  path: string;
  value: string | number | boolean;
}

export function toolLeaves(value: unknown, limit = 60): Leaf[] {
  const out: Leaf[] = [];
  const visit = (v: unknown, path: string) => {
    if (out.length >= limit) return;
    if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') {
      out.push({ path: path || 'value', value: v });
    } else if (Array.isArray(v)) {
      for (const [i, item] of v.entries()) visit(item, `${path}[${rowName(item) ?? i}]`);
    } else if (v && typeof v === 'object') {
      for (const [k, child] of Object.entries(v)) visit(child, path ? `${path}.${k}` : k);
    }
  };
  visit(value, '');
  return out;
}

function rowName(item: unknown): string | undefined {
  if (!item || typeof item !== 'object') return undefined;
  const record = item as Record<string, unknown>;
  for (const key of ['name', 'title', 'id', 'date', 'region', 'channel']) {
    const v = record[key];
    if (typeof v === 'string' && v) return v;
  }
  return undefined;
}

/**
 * Keys whose values the assistant's tools give in major units of the brand currency
 * (shared/insights/tools `major`): shown as money, like every other amount in the app.
 */
const MAJOR_MONEY =
  /^(spend|ad_spend|revenue|profit|aov|cac|revenue_(current|previous|change|to_date)|cumulative_revenue_per_customer|predicted_value_\w+)$/;
/** Keys that repeat a row's name (or its internal key) beside the row already named by it. */
const ROW_NAME_KEYS = new Set(['name', 'title', 'channel']);

/** A calendar date as the tools give it (`2026-03-10`): shown as the app shows days ("Mar 10, 2026"). */
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

export interface ToolRow {
  label: string;
  text: string;
}

/**
 * One tool leaf as a merchant reads it: "Meta · Spend" and "$183.09", not
 * `channels[Meta].spend` and 183.09; a row's own name and raw channel key are left out.
 */
export function toolRows(
  leaves: readonly Leaf[],
  fmt: Pick<Format, 'money' | 'ratio' | 'decimal' | 'integer' | 'share' | 'days' | 'day'>,
  currency: string,
): ToolRow[] {
  const rows: ToolRow[] = [];
  for (const leaf of leaves) {
    const parts = leaf.path.split('.');
    const key = parts.at(-1)?.replace(/\[.*$/, '') ?? '';
    const inRow = parts.length > 1 && /\[[^\]]+\]$/.test(parts.at(-2) ?? '');
    if (inRow && ROW_NAME_KEYS.has(key)) continue;
    const label = parts
      .map((p, i) => {
        const named = /\[([^\]]+)\]$/.exec(p);
        if (named) return ISO_DAY.test(named[1]!) ? fmt.day(named[1]!) : named[1]!;
        return i === parts.length - 1 ? evidenceLabel(p) : humanize(p);
      })
      .join(' · ');
    let text: string;
    if (typeof leaf.value === 'boolean') text = leaf.value ? 'yes' : 'no';
    else if (typeof leaf.value === 'string' && ISO_DAY.test(leaf.value)) text = fmt.day(leaf.value);
    else if (typeof leaf.value === 'number' && MAJOR_MONEY.test(key))
      text = fmt.money(Math.round(leaf.value * 10 ** minorUnitExponent(currency)));
    else if (typeof leaf.value === 'string' && /model$/.test(key)) text = humanize(leaf.value);
    else text = formatEvidenceValue(key, leaf.value, fmt as Format);
    rows.push({ label, text });
  }
  return rows;
}
