/**
 * Stripe's request encoding: `application/x-www-form-urlencoded` with bracketed keys for nested
 * objects and indexed arrays (`line_items[0][price]=price_1`, `metadata[k]=v`), the same in query
 * strings (https://docs.stripe.com/api/request_ids — "Stripe's API … accepts form-encoded request
 * bodies"; the official SDKs encode arrays with indices). Parsed into plain objects and arrays.
 */
export type FormValue = string | FormValue[] | { [key: string]: FormValue };
export type FormObject = { [key: string]: FormValue };

export function parseStripeForm(params: URLSearchParams): FormObject {
  const root: FormObject = {};
  for (const [rawKey, value] of params) {
    const head = /^[^[]+/.exec(rawKey)?.[0];
    if (!head) continue;
    const path = [head, ...[...rawKey.slice(head.length).matchAll(/\[([^\]]*)\]/g)].map((m) => m[1] ?? '')];
    let node: FormObject = root;
    for (let i = 0; i < path.length - 1; i++) {
      const key = path[i]!;
      const next = node[key];
      if (typeof next !== 'object' || next === null) node[key] = {};
      node = node[key] as FormObject;
    }
    const last = path.at(-1)!;
    // `expand[]=a&expand[]=b`: an empty index appends.
    node[last === '' ? String(Object.keys(node).length) : last] = value;
  }
  return arraysOf(root) as FormObject;
}

/** Objects whose keys are exactly 0..n-1 were arrays on the wire. */
function arraysOf(value: FormValue): FormValue {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const entries = Object.entries(value).map(([k, v]) => [k, arraysOf(v)] as const);
  const keys = entries.map(([k]) => k);
  if (keys.length > 0 && keys.every((k, i) => k === String(i))) return entries.map(([, v]) => v);
  return Object.fromEntries(entries);
}
