import { CLICK_ID_PARAMS } from '../../../shared/domain/attribution/channels';
import { seededRandom } from '../../../shared/kernel/util/random';
import type { GeneratedStore } from '../shopify/generate';
import type { SandboxOrder } from '../shopify/model';
import { STORE } from '../world';
import { BROWSER_MIX } from './browsers';
import { plantedPixelEvents } from './planted';
import { money, type PixelEvent, pixelVariant, purchaseSession, session, uuidLike } from './shopper';

export { plantedOfflineEvents } from './planted';

export type { PixelEvent } from './shopper';

/**
 * The visits that do not buy, as shares of all the store's visits (decision 1003). An online store
 * converts about 2.5 % of its sessions; about 7 % add to cart (fero.com/blog/p-2618: "7.1% is the
 * average global add-to-cart rate", sessions with an add to cart over all sessions) and 3–4 % start
 * a checkout (community.shopify.com/t/371753: add to cart "around 4% on average, with 8-10%
 * considered strong", initiate checkout "typically 3-4%"). That half of the visits view a product
 * is our assumption. Each order's own visit goes through every step, so the other visits make up
 * the rest: per order there are 1/CONVERSION − 1 visits that do not buy.
 */
export const WORLD_VISITS = {
  conversion: 0.025,
  productViewed: 0.5,
  addedToCart: 0.07,
  checkoutStarted: 0.04,
} as const;

/** Share of the non-buying visits that reach `step`, from its share of all visits. */
const nonBuyerShare = (share: number) => {
  const c = WORLD_VISITS.conversion;
  return (share - c) / (1 - c);
};

/**
 * Browsing for the store's orders of the last `days` days: each customer has one device, or
 * (repeat customers) up to three, and each order is placed from one of them; plus, around each
 * order, the visits of devices that never buy, landing where the buyers of those days landed, at
 * WORLD_VISITS's rates: most look at a page and
 * leave, half view a product, a few add to cart and fewer start a checkout they leave before
 * giving an address. Deterministic given the store.
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
    // A second account is the same person (at the same home, unless they moved), on a device of its own.
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
          address1: o.customer.home?.address1 ?? '',
          city: o.shipping.city,
          zip: o.customer.home?.zip ?? '',
          countryCode: o.shipping.countryCode,
        },
        o.journey?.lastVisit.landingPage ?? '/',
      ),
    );
    events.push(...browsingVisits(store, o, recent, rand));
  }
  return [...events, ...plantedPixelEvents(store)];
}

const VISITS_PER_ORDER = 1 / WORLD_VISITS.conversion - 1;

/**
 * Where visit `visitId`, which does not buy, lands: where a buying visit of the same days landed
 * (the channels bring buyers and browsers alike), with a click id of its own where that one had
 * one (every ad click gets its own).
 */
function landingOf(order: SandboxOrder, visitId: string): string {
  const landing = order.journey?.lastVisit.landingPage;
  if (!landing) return '/';
  const url = new URL(landing);
  for (const param of CLICK_ID_PARAMS)
    if (url.searchParams.has(param))
      url.searchParams.set(param, `${url.searchParams.get(param)}.b${visitId}`);
  return `${url.pathname}${url.search}`;
}
const STEP_SHARES = {
  product: nonBuyerShare(WORLD_VISITS.productViewed),
  cart: nonBuyerShare(WORLD_VISITS.addedToCart),
  checkout: nonBuyerShare(WORLD_VISITS.checkoutStarted),
};

/**
 * The visits that do not buy in the day before order `o`, each from a device of its own:
 * VISITS_PER_ORDER of them on average (the fraction by a draw), going as far as the world's rates
 * take them.
 */
function browsingVisits(
  store: GeneratedStore,
  o: SandboxOrder,
  recent: readonly SandboxOrder[],
  rand: () => number,
): PixelEvent[] {
  const whole = Math.floor(VISITS_PER_ORDER);
  const count = whole + (rand() < VISITS_PER_ORDER - whole ? 1 : 0);
  const events: PixelEvent[] = [];
  for (let k = 0; k < count; k++) {
    const v = store.variants[Math.floor(rand() * store.variants.length)]!;
    const id = `${o.legacyId}-${k}`;
    const s = session(
      uuidLike(`browser-${id}`),
      `demo-b${id}`,
      Date.parse(o.createdAt) - rand() * 86_400_000,
      BROWSER_MIX,
    );
    const depth = rand();
    s.add('page_viewed', landingOf(recent[Math.floor(rand() * recent.length)]!, id), {});
    if (depth >= STEP_SHARES.product) {
      events.push(...s.events);
      continue;
    }
    const product = `/products/${v.sku.toLowerCase()}`;
    s.add('product_viewed', product, { productVariant: pixelVariant(v) });
    if (depth < STEP_SHARES.cart) {
      s.add('product_added_to_cart', product, {
        cartLine: { cost: { totalAmount: money(v.priceMinor) }, merchandise: pixelVariant(v), quantity: 1 },
      });
      if (depth < STEP_SHARES.checkout)
        s.add('checkout_started', `/checkouts/cn/demo-b${id}`, {
          checkout: {
            currencyCode: STORE.currency,
            email: null,
            phone: null,
            token: `ck-demo-b${id}`,
            totalPrice: money(v.priceMinor),
            lineItems: [{ quantity: 1, variant: pixelVariant(v) }],
            shippingAddress: null,
            billingAddress: null,
            order: null,
          },
        });
    }
    events.push(...s.events);
  }
  return events;
}
