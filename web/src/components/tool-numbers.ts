import { minorUnitExponent } from '../../../shared/domain/money';
import {
  currencyOf,
  toolLeaves as leavesOf,
  type ToolLeaf,
  type ToolUnit,
  type ToolUnits,
  unitOf,
} from '../../../shared/domain/tool-units';
import type { Format } from '../format';
import { humanize } from '../labels';
import { evidenceLabel, formatEvidenceValue } from './evidence';

/** The scalars of a tool result with their paths (shared/domain/tool-units.ts), at most `limit`. */
export const toolLeaves = (value: unknown, limit = 60): ToolLeaf[] => leavesOf(value, limit);

/** Keys that repeat a row's name (or its internal key) beside the row already named by it. */
const ROW_NAME_KEYS = new Set(['name', 'title', 'channel']);

/** A calendar date as the tools give it (`2026-03-10`): shown as the app shows days ("Mar 10, 2026"). */
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

export interface ToolRow {
  label: string;
  text: string;
}

type ToolFormat = Pick<
  Format,
  'currency' | 'money' | 'ratio' | 'decimal' | 'integer' | 'share' | 'days' | 'day'
>;

/** A number in the unit its tool declared, through the app's one formatting module. */
export function formatToolNumber(unit: ToolUnit, value: number, fmt: ToolFormat, currency: string): string {
  switch (unit) {
    case 'money-major':
    case 'money-minor': {
      const minor = unit === 'money-minor' ? value : Math.round(value * 10 ** minorUnitExponent(currency));
      // The app's format speaks the brand currency; another currency is named rather than mis-signed.
      if (currency === fmt.currency) return fmt.money(minor);
      return `${fmt.decimal(minor / 10 ** minorUnitExponent(currency))} ${currency}`;
    }
    case 'ratio':
      return fmt.ratio(value);
    case 'percent':
      return `${fmt.decimal(value)}%`;
    case 'fraction':
      return fmt.share(value);
    case 'days':
      return fmt.days(value);
    case 'count':
      return Number.isInteger(value) ? fmt.integer(value) : fmt.decimal(value);
    case 'number':
    case 'currency':
      return fmt.decimal(value);
  }
}

/**
 * One tool leaf as a merchant reads it: "Meta · Spend" and "$183.09", not
 * `channels[Meta].spend` and 183.09; a row's own name and raw channel key are left out. Numbers are
 * formatted by the units the tool declared (`units`, recorded with the call); an undeclared number
 * inside an evidence map follows the evidence naming (`…Minor`, `…Pct`, web/src/components/evidence.tsx).
 */
export function toolRows(
  leaves: readonly ToolLeaf[],
  units: ToolUnits,
  fmt: ToolFormat,
  brandCurrency: string,
): ToolRow[] {
  const rows: ToolRow[] = [];
  for (const leaf of leaves) {
    if (leaf.value === null) continue;
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
    const unit = unitOf(units, leaf);
    let text: string;
    if (typeof leaf.value === 'boolean') text = leaf.value ? 'yes' : 'no';
    else if (typeof leaf.value === 'string' && ISO_DAY.test(leaf.value)) text = fmt.day(leaf.value);
    else if (typeof leaf.value === 'number' && unit)
      text = formatToolNumber(unit, leaf.value, fmt, currencyOf(units, leaves, leaf) ?? brandCurrency);
    else if (typeof leaf.value === 'string' && /model$/.test(key)) text = humanize(leaf.value);
    else text = formatEvidenceValue(key, leaf.value, fmt as Format);
    rows.push({ label, text });
  }
  return rows;
}
