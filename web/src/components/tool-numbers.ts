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
export const toolLeaves = (value: unknown, limit = 60): ToolLeaf[] => leavesOf(value, limit);

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
  label: string;
  text: string;
}

/**
 * One tool leaf as a merchant reads it: "Meta · Spend" and "$183.09", not
 * `channels[Meta].spend` and 183.09; a row's own name and raw channel key are left out. Numbers are
 * formatted by the units the tool declared (`units`, recorded with the call; evidence maps by their
 * rules' declarations) through the one formatting module: money in another currency than the
 * brand's with that currency's symbol ("€99.00"). Values declared `internal` are left out. A value
 * whose producer labelled it (an evidence key, `labels` recorded with the call) goes by that label:
 * "Recommendations · Slow "Spring" · Evidence · Ad spend on it in the period".
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
    const parts = pathParts(leaf.path);
    const key = parts.at(-1)?.replace(/\[.*$/, '') ?? '';
    const inRow = parts.length > 1 && /\[[^\]]+\]$/.test(parts.at(-2) ?? '');
    if (inRow && ROW_NAME_KEYS.has(key)) continue;
    const label = parts
      .map((p, i) => {
        const named = /\[([^\]]+)\]$/.exec(p);
        if (named) return ISO_DAY.test(named[1]!) ? fmt.day(named[1]!) : named[1]!;
        if (i < parts.length - 1) return humanize(p);
        return labels[leaf.path] || keyInWords(p);
      })
      .join(' · ');
    const unit = unitOf(units, leaf);
    if (unit === 'internal') continue;
    let text: string;
    if (typeof leaf.value === 'string' && ISO_DAY.test(leaf.value)) text = fmt.day(leaf.value);
    else if (typeof leaf.value === 'string' && /model$/.test(key)) text = humanize(leaf.value);
    else {
      const currency = currencyOf(units, leaves, leaf) ?? brandCurrency;
      text = formatUnit(fmt, unit ?? 'number', leaf.value, currency);
    }
    rows.push({ label, text });
  }
  return rows;
}
