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
