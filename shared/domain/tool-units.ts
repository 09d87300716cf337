import { z } from 'zod';

/**
 * What a value measures, declared by whoever produces it — an assistant tool's output
 * (shared/insights/tools, stored with each call) or a recommendation's or alert's evidence
 * (shared/domain/evidence.ts) — so whoever shows it formats by declaration rather than by guessing
 * from field names:
 * - `money-major` / `money-minor`: an amount in major units (183.09) or integer minor units (18309)
 *   of the currency in the nearest field declared `currency` (same object first, then outwards);
 * - `currency`: that field, an ISO 4217 code;
 * - `ratio` (ROAS, LTV:CAC, shown with ×), `percent` (already ×100: 11 → 11%), `fraction`
 *   (0.11 → 11%), `days`, `count` (orders, customers, units; attributed counts may be fractional)
 *   and `number` (a score, an expectation, a model error);
 * - `date` (a brand day `2026-03-10`, a month `2026-03` or an instant), `text` (a name, a reason);
 * - `label`: one of the app's own keys (a recommendation type `reduce_spend`, a severity, a
 *   status, a segment), shown in the app's words for it ("Reduce spend", `humanize` in format.ts);
 * - `internal`: kept for the audit trail and the model (a record id, a model's parameter), not
 *   shown to people. Every id a tool returns is declared `internal`.
 */
export const TOOL_UNITS = [
  'money-major',
  'money-minor',
  'currency',
  'ratio',
  'percent',
  'fraction',
  'days',
  'count',
  'number',
  'date',
  'text',
  'label',
  'internal',
] as const;
export const toolUnitSchema = z.enum(TOOL_UNITS);
export type ToolUnit = z.infer<typeof toolUnitSchema>;

/**
 * Output field → unit. A key is a field's path with array positions as `[]`
 * (`channels[].spend`, `thresholds.low_cover_days`), or a bare field name, which stands for that
 * field wherever it occurs; a path wins over a bare name.
 */
export const toolUnitsSchema = z.record(z.string(), toolUnitSchema);
export type ToolUnits = z.infer<typeof toolUnitsSchema>;

/**
 * Leaf path → the label its producer wrote for it, for values whose meaning depends on the record
 * they are in (an evidence key means what the rule that wrote it says): `recommendations[Slow
 * "Spring"].evidence.spend_window_minor` → "Ad spend on it in the period".
 */
export const toolLabelsSchema = z.record(z.string(), z.string());
export type ToolLabels = z.infer<typeof toolLabelsSchema>;

/** One scalar of a tool's output. */
export interface ToolLeaf {
  /** Where it is, rows named by their name or id when they have one: `channels[Meta].spend`. */
  path: string;
  /** The same path with array positions as `[]`: `channels[].spend`, what units are declared for. */
  shape: string;
  value: string | number | boolean | null;
}

const ROW_NAME_KEYS = ['name', 'title', 'id', 'date', 'region', 'channel'];

/** The name a row of a tool's output goes by in leaf paths (`channels[Meta]`), if it has one. */
export function rowName(item: unknown): string | undefined {
  if (!item || typeof item !== 'object') return undefined;
  const record = item as Record<string, unknown>;
  for (const key of ROW_NAME_KEYS) {
    const v = record[key];
    if (typeof v === 'string' && v) return v;
  }
  return undefined;
}

/** Every scalar of a tool's output (nulls included), in order, up to `limit`. */
export function toolLeaves(value: unknown, limit = Number.POSITIVE_INFINITY): ToolLeaf[] {
  const out: ToolLeaf[] = [];
  const visit = (v: unknown, path: string, shape: string) => {
    if (out.length >= limit) return;
    if (v === null || typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') {
      out.push({ path: path || 'value', shape: shape || 'value', value: v });
    } else if (Array.isArray(v)) {
      for (const [i, item] of v.entries()) visit(item, `${path}[${rowName(item) ?? i}]`, `${shape}[]`);
    } else if (v && typeof v === 'object') {
      for (const [k, child] of Object.entries(v))
        visit(child, path ? `${path}.${k}` : k, shape ? `${shape}.${k}` : k);
    }
  };
  visit(value, '', '');
  return out;
}

const fieldName = (shape: string) => (shape.split('.').at(-1) ?? '').replace(/(\[\])+$/, '');

/** The declared unit of a leaf: its path's, else its field name's. */
export function unitOf(units: ToolUnits, leaf: Pick<ToolLeaf, 'shape'>): ToolUnit | undefined {
  return units[leaf.shape] ?? units[fieldName(leaf.shape)];
}

const parentOf = (path: string) => path.slice(0, Math.max(0, path.lastIndexOf('.')));

/**
 * The currency of a money leaf: the field declared `currency` in the closest enclosing object
 * (a recommendation's own `expected_impact.currency` before the output's top-level `currency`).
 */
export function currencyOf(
  units: ToolUnits,
  leaves: readonly ToolLeaf[],
  leaf: Pick<ToolLeaf, 'path'>,
): string | undefined {
  let best: { depth: number; code: string } | undefined;
  for (const l of leaves) {
    if (typeof l.value !== 'string' || unitOf(units, l) !== 'currency') continue;
    const scope = parentOf(l.path);
    if (scope && !leaf.path.startsWith(`${scope}.`) && !leaf.path.startsWith(`${scope}[`)) continue;
    if (!best || scope.length > best.depth) best = { depth: scope.length, code: l.value };
  }
  return best?.code;
}

/** Declared keys that match nothing in an output: a renamed or removed field. */
export function declaredButMissing(units: ToolUnits, output: unknown): string[] {
  const leaves = toolLeaves(output);
  const shapes = new Set(leaves.map((l) => l.shape));
  const names = new Set(leaves.map((l) => fieldName(l.shape)));
  return Object.keys(units).filter((key) => !shapes.has(key) && !names.has(key));
}

/** A field that holds an id: `id`, `campaign_id`, `campaignId`, `variant_ids`. */
const ID_FIELD = /(^|_)ids?$|[a-z]Ids?$/;
/** A value that is one of the app's keys rather than words: `reduce_spend`, `last_touch`. */
const APP_KEY = /^[a-z][a-z0-9]*(_[a-z0-9]+)+$/;

/**
 * Fields of an output that people would see raw: an id not declared `internal`, or an app key
 * (`reduce_spend`) declared neither `label` nor `internal`. By shape, each once.
 */
export function shownRaw(units: ToolUnits, output: unknown): string[] {
  const raw = new Set<string>();
  for (const leaf of toolLeaves(output)) {
    const unit = unitOf(units, leaf);
    if (unit === 'internal') continue;
    const id = ID_FIELD.test(fieldName(leaf.shape));
    const key = typeof leaf.value === 'string' && APP_KEY.test(leaf.value) && unit !== 'label';
    if (id || key) raw.add(leaf.shape);
  }
  return [...raw];
}
