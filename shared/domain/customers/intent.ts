/**
 * Behaviour-derived views of one customer, from their events and orders (pure):
 * - product intent 0–100 per product: views, searches, carts and wishlists, each weighted and
 *   decaying exponentially with age (half-life, default 7 days), saturating towards 100; a purchase
 *   of the product expires every signal before it;
 * - category affinity: each category's share of the decayed interest;
 * - channel preference: each channel's share of the customer's events and orders.
 */
export interface BehaviourEvent {
  type: string;
  at: string;
  source: string;
  productId: string | null;
  category: string | null;
}
export interface Purchase {
  at: string;
  productIds: readonly string[];
  channel: string;
}

export const INTENT_WEIGHTS: Readonly<Record<string, number>> = {
  product_viewed: 1,
  search_submitted: 1.5,
  wishlist_added: 3,
  product_added_to_cart: 4,
  checkout_started: 5,
};

const DAY_MS = 86_400_000;
/** The decayed weight at which intent reaches about 63 (1 − 1/e) of 100. */
const SATURATION = 6;

function decay(at: string, now: string, halfLifeDays: number): number {
  const ageDays = Math.max(0, (Date.parse(now) - Date.parse(at)) / DAY_MS);
  return 0.5 ** (ageDays / halfLifeDays);
}

export interface ProductIntent {
  productId: string;
  score: number;
  signals: number;
  lastSignalAt: string;
}

export function productIntent(
  events: readonly BehaviourEvent[],
  purchases: readonly Purchase[],
  now: string,
  halfLifeDays = 7,
): ProductIntent[] {
  const lastPurchase = new Map<string, string>();
  for (const p of purchases) {
    for (const id of p.productIds) if ((lastPurchase.get(id) ?? '') < p.at) lastPurchase.set(id, p.at);
  }
  const byProduct = new Map<string, { weight: number; signals: number; last: string }>();
  for (const e of events) {
    const weight = INTENT_WEIGHTS[e.type];
    if (!weight || !e.productId || e.at > now) continue;
    const bought = lastPurchase.get(e.productId);
    if (bought && e.at <= bought) continue; // expired by the purchase
    const entry = byProduct.get(e.productId) ?? { weight: 0, signals: 0, last: e.at };
    entry.weight += weight * decay(e.at, now, halfLifeDays);
    entry.signals++;
    if (e.at > entry.last) entry.last = e.at;
    byProduct.set(e.productId, entry);
  }
  return [...byProduct.entries()]
    .map(([productId, v]) => ({
      productId,
      score: Math.round(100 * (1 - Math.exp(-v.weight / SATURATION))),
      signals: v.signals,
      lastSignalAt: v.last,
    }))
    .filter((p) => p.score > 0)
    .sort((a, b) => b.score - a.score || a.productId.localeCompare(b.productId));
}

export interface Share {
  key: string;
  share: number;
}

function shares(weights: Map<string, number>): Share[] {
  const total = [...weights.values()].reduce((s, w) => s + w, 0);
  if (total === 0) return [];
  return [...weights.entries()]
    .map(([key, w]) => ({ key, share: Math.round((w / total) * 1000) / 1000 }))
    .sort((a, b) => b.share - a.share || a.key.localeCompare(b.key));
}

/** The category an event's properties (stored JSON) name: `category`, or Shopify's `product_type`. */
export function categoryOfProperties(properties: string | null): string | null {
  if (!properties) return null;
  try {
    const p = JSON.parse(properties) as Record<string, unknown>;
    const value = p.category ?? p.product_type ?? p.productType;
    return typeof value === 'string' && value !== '' ? value : null;
  } catch {
    return null;
  }
}

export function categoryAffinity(events: readonly BehaviourEvent[], now: string, halfLifeDays = 30): Share[] {
  const weights = new Map<string, number>();
  for (const e of events) {
    if (!e.category) continue;
    const w = (INTENT_WEIGHTS[e.type] ?? 0.5) * decay(e.at, now, halfLifeDays);
    weights.set(e.category, (weights.get(e.category) ?? 0) + w);
  }
  return shares(weights);
}

/** The channel an event or order came through: web, store, messaging, marketplace… */
export function channelOf(source: string): string {
  switch (source) {
    case 'pixel':
    case 'shopify':
    case 'woocommerce':
      return 'online';
    case 'pos':
      return 'store';
    case 'messaging':
      return 'messaging';
    default:
      return source;
  }
}

export function channelPreference(
  events: readonly BehaviourEvent[],
  purchases: readonly Purchase[],
): Share[] {
  const weights = new Map<string, number>();
  for (const e of events) weights.set(channelOf(e.source), (weights.get(channelOf(e.source)) ?? 0) + 1);
  // A purchase says more about where someone likes to shop than a page view.
  for (const p of purchases) weights.set(p.channel, (weights.get(p.channel) ?? 0) + 5);
  return shares(weights);
}
