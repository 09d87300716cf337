import { seededRandom } from '../../../shared/kernel/util/random';
import type { GeneratedStore } from '../shopify/generate';
import type { SandboxOrder } from '../shopify/model';
import { BROWSER_MIX } from './browsers';
import { plantedPixelEvents } from './planted';
import {
  money,
  type PixelEvent,
  pixelVariant,
  postcodeIn,
  purchaseSession,
  session,
  streetAddress,
  uuidLike,
} from './shopper';

export { plantedOfflineEvents } from './planted';
export type { PixelEvent } from './shopper';

/**
 * Browsing for the store's orders of the last `days` days: each customer has one device, or
 * (repeat customers) up to three, and each order is placed from one of them; plus one abandoned
 * cart visit per two orders from devices that never buy. Deterministic given the store.
 */
export function demoPixelEvents(store: GeneratedStore, days: number): PixelEvent[] {
  const nowMs = Date.parse(store.now);
  const recent = store.orders.filter((o) => nowMs - Date.parse(o.createdAt) <= days * 86_400_000);
  const ordersOf = new Map<number, SandboxOrder[]>();
  for (const o of store.orders)
    ordersOf.set(o.customer.legacyId, [...(ordersOf.get(o.customer.legacyId) ?? []), o]);
  const rand = seededRandom(0x9a7e1);
  const events: PixelEvent[] = [];
  for (const o of recent) {
    const theirs = ordersOf.get(o.customer.legacyId)!;
    const devices = theirs.length > 1 ? 1 + (o.customer.legacyId % 3) : 1;
    const device = theirs.indexOf(o) % devices;
    const clientId = uuidLike(`customer-${o.customer.legacyId}-device-${device}`);
    const id = o.customer.legacyId;
    events.push(
      ...purchaseSession(
        clientId,
        `demo-o${o.legacyId}`,
        Date.parse(o.createdAt),
        o.lines.map((l) => ({ variant: l.variant, quantity: l.quantity })),
        o.totalMinor,
        String(o.legacyId),
        {
          email: o.customer.email,
          customerId: String(o.customer.legacyId),
          firstName: o.customer.firstName,
          lastName: o.customer.lastName,
          address1: streetAddress(id),
          city: o.shipping.city,
          zip: postcodeIn(`${o.shipping.countryCode}-${o.shipping.provinceCode}`, id),
          countryCode: o.shipping.countryCode,
        },
        o.journey?.lastVisit.landingPage ?? '/',
      ),
    );
    if (rand() < 0.5) {
      const v = store.variants[Math.floor(rand() * store.variants.length)]!;
      const s = session(
        uuidLike(`browser-${o.legacyId}`),
        `demo-b${o.legacyId}`,
        Date.parse(o.createdAt) - rand() * 86_400_000,
        BROWSER_MIX,
      );
      s.add('page_viewed', '/', {});
      s.add('search_submitted', `/search?q=${encodeURIComponent(v.productTitle.split(' ')[0]!)}`, {
        searchResult: { query: v.productTitle.split(' ')[0]!.toLowerCase(), productVariants: [] },
      });
      s.add('product_viewed', `/products/${v.sku.toLowerCase()}`, { productVariant: pixelVariant(v) });
      if (rand() < 0.4)
        s.add('product_added_to_cart', `/products/${v.sku.toLowerCase()}`, {
          cartLine: { cost: { totalAmount: money(v.priceMinor) }, merchandise: pixelVariant(v), quantity: 1 },
        });
      events.push(...s.events);
    }
  }
  return [...events, ...plantedPixelEvents(store)];
}
