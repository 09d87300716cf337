type NumericKeys<T> = { [K in keyof T]: T[K] extends number ? K : never }[keyof T];

/**
 * Groups items by key and adds the named numeric fields; every other field comes from the first
 * item of its group. Order follows first appearance. Inputs are not mutated.
 */
export function sumByKey<T extends object>(
  items: readonly T[],
  keyOf: (item: T) => string,
  fields: readonly NumericKeys<T>[],
): T[] {
  const groups = new Map<string, T>();
  for (const item of items) {
    const k = keyOf(item);
    const group = groups.get(k);
    if (!group) {
      groups.set(k, { ...item });
      continue;
    }
    for (const f of fields) (group[f] as number) += item[f] as number;
  }
  return [...groups.values()];
}
