/**
 * Which group a customer falls in for one automation or campaign: the holdout (receives nothing,
 * measured as the control) or one of the A/B variants by its weight. Deterministic in (source,
 * customer), so a re-run, a retry or a duplicate trigger puts the customer in the same group, and
 * independent across sources (the source id salts the hash).
 */
export interface VariantWeight {
  readonly id: string;
  readonly weight: number;
}
export type Assignment =
  | { readonly group: 'holdout' }
  | { readonly group: 'treated'; readonly variantId: string };

/** FNV-1a 32-bit, mapped to [0, 1): uniform enough for splits, stable across runtimes. */
export function unitHash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  // One more avalanche round: FNV's low bits are weak for short, similar keys.
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  return (h >>> 0) / 2 ** 32;
}

export function assignGroup(
  sourceId: string,
  customerId: string,
  holdoutShare: number,
  variants: readonly VariantWeight[],
): Assignment {
  if (holdoutShare < 0 || holdoutShare >= 1) throw new RangeError('holdoutShare must be in [0, 1)');
  const total = variants.reduce((s, v) => s + v.weight, 0);
  if (variants.length === 0 || total <= 0)
    throw new RangeError('at least one variant with a positive weight');
  if (unitHash(`holdout|${sourceId}|${customerId}`) < holdoutShare) return { group: 'holdout' };
  let u = unitHash(`variant|${sourceId}|${customerId}`) * total;
  for (const v of variants) {
    if (u < v.weight) return { group: 'treated', variantId: v.id };
    u -= v.weight;
  }
  return { group: 'treated', variantId: (variants.at(-1) as VariantWeight).id };
}
