import {
  currencyOf,
  toolLeaves as leavesOf,
  type ToolLabels,
  type ToolLeaf,
  type ToolUnits,
  unitOf,
} from '../../../shared/domain/tool-units';
import { type Format, formatUnit } from '../format';
import { humanize } from '../labels';
import { keyInWords } from './evidence';

/** The scalars of a tool result with their paths (shared/domain/tool-units.ts), at most `limit`. */
export const toolLeaves = (value: unknown, limit?: number): ToolLeaf[] => leavesOf(value, limit);

/** Keys that repeat a row's name (or its internal key) beside the row already named by it. */
const ROW_NAME_KEYS = new Set(['name', 'title', 'channel']);

/** A calendar date as the tools give it (`2026-03-10`): shown as the app shows days ("Mar 10, 2026"). */
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A leaf path's parts: `recommendations[Cut "A": 4.1 days].evidence.x` has three, not four. */
function pathParts(path: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let part = '';
  for (const ch of path) {
    if (ch === '[') depth++;
    else if (ch === ']') depth = Math.max(0, depth - 1);
    if (ch === '.' && depth === 0) {
      parts.push(part);
      part = '';
    } else part += ch;
  }
  parts.push(part);
  return parts;
}

export interface ToolRow {
  /** The record the value belongs to ("Google Ads", a recommendation's title), if any. */
  record?: string;
  /** The value's label within its record: "Evidence · Ad spend on it in the period". */
  label: string;
  text: string;
  /** Words rather than a figure (a reason, a name): read left to right, not lined up as a number. */
  prose?: true;
}

/** A path part in words: a row by its name (days as the app shows them), else by its position. */
function rowPart(key: string, name: string, fmt: Format): string {
  if (ISO_DAY.test(name)) return fmt.day(name);
  if (/^\d+$/.test(name)) return `${key ? keyInWords(key) : 'Item'} ${Number(name) + 1}`;
  return name;
}

/**
 * One tool leaf as a merchant reads it: in the record "Google Ads", "Spend" and "$183.09", not
 * `channels[Meta].spend` and 183.09. The record is the first row of an output list the leaf is in
 * (by its name, shown once above its fields), and a row's own name and raw channel key are left
 * out of its fields. Values are formatted by the units the tool declared (`units`, recorded with
 * the call; evidence maps by their rules' declarations) through the one formatting module: money
 * in another currency than the brand's with that currency's symbol ("€99.00"), the app's keys
 * (`reduce_spend`) in its words. Values declared `internal` (every id) are left out. A value
 * whose producer labelled it (an evidence key, `labels` recorded with the call) goes by that label:
 * "Evidence · Ad spend on it in the period".
 */
export function toolRows(
  leaves: readonly ToolLeaf[],
  units: ToolUnits,
  labels: ToolLabels,
  fmt: Format,
  brandCurrency: string,
): ToolRow[] {
  const rows: ToolRow[] = [];
  for (const leaf of leaves) {
    if (leaf.value === null) continue;
    const unit = unitOf(units, leaf);
    // A currency code is shown by the money it belongs to ("€99.00"), not as a row of its own.
    if (unit === 'internal' || unit === 'currency') continue;
    const parts = pathParts(leaf.path);
    const key = parts.at(-1)?.replace(/\[.*$/, '') ?? '';
    const inRow = parts.length > 1 && /\[[^\]]+\]$/.test(parts.at(-2) ?? '');
    if (inRow && ROW_NAME_KEYS.has(key)) continue;
    // The field the row is named by (a day's `date`) is its heading already.
    if (inRow && parts.at(-2)?.endsWith(`[${String(leaf.value)}]`)) continue;
    // The first list row above the leaf is its record; a list of scalars is a field, not a record.
    const at = parts.findIndex((p, i) => i < parts.length - 1 && /\[[^\]]+\]$/.test(p));
    const words = parts.map((p, i) => {
      const named = /^(.*?)\[([^\]]+)\]$/.exec(p);
      if (i === parts.length - 1) {
        const label = labels[leaf.path];
        if (label) return label;
        if (!named) return keyInWords(p);
        const n = /^\d+$/.test(named[2]!) ? String(Number(named[2]) + 1) : rowPart('', named[2]!, fmt);
        return `${keyInWords(named[1]!)} · ${n}`;
      }
      if (named) return rowPart(named[1]!, named[2]!, fmt);
      return humanize(p);
    });
    const record = at >= 0 ? words.slice(0, at + 1).join(' · ') : undefined;
    const label = words.slice(at + 1).join(' · ');
    let text: string;
    if (typeof leaf.value === 'string' && ISO_DAY.test(leaf.value)) text = fmt.day(leaf.value);
    else {
      const currency = currencyOf(units, leaves, leaf) ?? brandCurrency;
      text = formatUnit(fmt, unit ?? 'number', leaf.value, currency);
    }
    const prose =
      typeof leaf.value === 'string' && !ISO_DAY.test(leaf.value) && (unit === undefined || unit === 'text');
    rows.push({ ...(record === undefined ? {} : { record }), label, text, ...(prose ? { prose } : {}) });
  }
  return rows;
}

/** Rows in runs of one record each, so a record's name is shown once above its fields. */
export function byRecord(rows: readonly ToolRow[]): { record?: string; rows: ToolRow[] }[] {
  const groups: { record?: string; rows: ToolRow[] }[] = [];
  for (const row of rows) {
    const last = groups.at(-1);
    if (last && last.record === row.record) last.rows.push(row);
    else groups.push(row.record === undefined ? { rows: [row] } : { record: row.record, rows: [row] });
  }
  return groups;
}
