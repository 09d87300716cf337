import { counted, days, share } from '../phrasing';
import type { FeaturedProduct } from './post';

/** What the control tower knows of one variant, for choosing what a post features. */
export interface ProductSignal {
  variantId: string;
  /** The product the variant belongs to: a month shows different products, not colourways. */
  productId?: string;
  sku?: string;
  title: string;
  priceMinor: number;
  unitCostMinor?: number;
  currency: string;
  stock: number | null;
  daysOfCover: number | null;
  status: 'stockout' | 'low' | 'healthy' | 'overstock' | null;
  /** Units sold over the recent window. */
  unitsSold: number;
}

/** A healthy margin is at least this share of the price (the default; a brief can ask for more). */
export const HEALTHY_MARGIN = 0.55;

const marginOf = (p: ProductSignal) =>
  p.unitCostMinor === undefined || p.priceMinor <= 0
    ? undefined
    : (p.priceMinor - p.unitCostMinor) / p.priceMinor;

/**
 * Never promote what cannot be sold: a stocked-out variant, one with no known stock, and one
 * about to run out (status `low`) are out, whatever the brief asks.
 */
export function isPromotable(p: ProductSignal): boolean {
  return p.stock !== null && p.stock > 0 && (p.status === 'healthy' || p.status === 'overstock');
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/**
 * The products a month of posts features, in posting order: the ones the brief pushes first (when
 * promotable), then overstock by days of cover, healthy-margin items, and bestsellers with stock,
 * taken in turn so the month is not all one kind. A product appears at most once per round.
 */
export function pickFeaturedProducts(
  signals: readonly ProductSignal[],
  count: number,
  options: { push?: readonly string[] } = {},
): FeaturedProduct[] {
  const ok = signals.filter(isPromotable);
  const feature = (p: ProductSignal, kind: FeaturedProduct['kind'], reason: string): FeaturedProduct => ({
    variantId: p.variantId,
    ...(p.sku ? { sku: p.sku } : {}),
    title: p.title,
    priceMinor: p.priceMinor,
    currency: p.currency,
    stock: p.stock ?? 0,
    daysOfCover: p.daysOfCover === null ? null : round1(p.daysOfCover),
    kind,
    reason,
  });
  const cover = (p: ProductSignal) =>
    p.daysOfCover === null ? 'plenty of stock' : `${days(p.daysOfCover)} of cover`;
  const overstock = ok
    .filter((p) => p.status === 'overstock')
    .sort(
      (a, b) =>
        (b.daysOfCover ?? Infinity) - (a.daysOfCover ?? Infinity) || a.variantId.localeCompare(b.variantId),
    )
    .map((p) =>
      feature(p, 'overstock', `overstocked: ${counted(p.stock ?? 0, 'unit')} in stock, ${cover(p)}`),
    );
  const margin = ok
    .filter((p) => p.status === 'healthy' && (marginOf(p) ?? 0) >= HEALTHY_MARGIN)
    .sort((a, b) => (marginOf(b) ?? 0) - (marginOf(a) ?? 0) || b.unitsSold - a.unitsSold)
    .map((p) => feature(p, 'margin', `healthy margin: ${share(marginOf(p) ?? 0)} with ${cover(p)}`));
  const best = ok
    .filter((p) => p.status === 'healthy' && p.unitsSold > 0)
    .sort((a, b) => b.unitsSold - a.unitsSold || a.variantId.localeCompare(b.variantId))
    .map((p) => feature(p, 'bestseller', `bestseller: ${round1(p.unitsSold)} sold recently, ${cover(p)}`));
  const pushed = (options.push ?? [])
    .map((key) => key.toLowerCase())
    .flatMap((key) =>
      ok.filter((p) => p.sku?.toLowerCase() === key || p.title.toLowerCase().includes(key)).slice(0, 1),
    )
    .map((p) => {
      const kind: FeaturedProduct['kind'] = p.status === 'overstock' ? 'overstock' : 'bestseller';
      return feature(p, kind, `in the brief; ${cover(p)}`);
    });

  const queues = [overstock, margin, best];
  const out: FeaturedProduct[] = [];
  const seen = new Set<string>();
  const productOf = new Map(ok.map((p) => [p.variantId, p.productId ?? p.title]));
  const take = (p: FeaturedProduct | undefined) => {
    // One variant per product: a month of posts shows different products, not colourways.
    const product = p && (productOf.get(p.variantId) ?? p.title);
    if (!p || !product || seen.has(product)) return false;
    seen.add(product);
    out.push(p);
    return true;
  };
  for (const p of pushed) if (out.length < count) take(p);
  // Round-robin over the kinds; when every queue is exhausted a small catalogue repeats its
  // candidates in the same order rather than promoting something that cannot be sold.
  while (out.length < count && queues.some((q) => q.length > 0)) {
    for (const q of queues) {
      // Skip what an earlier kind already took; each pass shifts at least one item, so it ends.
      while (q.length > 0 && out.length < count && !take(q.shift())) {}
    }
  }
  const distinct = out.length;
  for (let i = 0; distinct > 0 && out.length < count; i++) out.push(out[i % distinct]!);
  return out.slice(0, count);
}
