import { minorUnitExponent } from '../../../shared/domain/money';
import { seededRandom } from '../../../shared/kernel/util/random';
import { STORE, type Variant } from '../world';
import { BUYER_MIX, type Mix, navigatorFor } from './browsers';

/**
 * The sandbox pixel: the storefront browsing behind the demo store's orders, as Shopify's web
 * pixel would deliver it (https://shopify.dev/docs/api/web-pixels-api/standard-events: envelope
 * id / name / clientId / timestamp / seq / context, and each event's `data`). The demo posts
 * these through the real pixel mapping (extensions/web-pixel) to `collect`.
 */
export interface PixelEvent {
  id: string;
  name: string;
  clientId: string;
  timestamp: string;
  seq: number;
  type: 'standard';
  context: {
    document: { location: { href: string }; referrer: string; title: string };
    navigator: ReturnType<typeof navigatorFor>;
  };
  data: Record<string, unknown>;
}

export const SITE = `https://${STORE.shopDomain}`;
export const legacy = (gid: string) => gid.slice(gid.lastIndexOf('/') + 1);
/** MoneyV2 as the pixel sees it: a decimal number of major units. */
export const money = (minor: number) => ({
  amount: minor / 10 ** minorUnitExponent(STORE.currency),
  currencyCode: STORE.currency,
});
export const uuidLike = (seed: string) => {
  let h = 2166136261;
  for (const ch of seed) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  const rand = seededRandom(h >>> 0);
  const hex = (n: number) => Array.from({ length: n }, () => Math.floor(rand() * 16).toString(16)).join('');
  return `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`;
};

export function pixelVariant(v: Variant) {
  return {
    id: legacy(v.variantId),
    price: money(v.priceMinor),
    sku: v.sku,
    title: v.variantTitle,
    product: {
      id: legacy(v.productId),
      title: v.productTitle,
      type: null,
      url: `/products/${v.sku.toLowerCase()}`,
    },
  };
}

/** A visit; `devices` is the device mix its clientId is drawn from (./browsers). */
export function session(clientId: string, prefix: string, startMs: number, devices: Mix = BUYER_MIX) {
  const events: PixelEvent[] = [];
  const navigator = navigatorFor(clientId, devices);
  let t = startMs;
  return {
    events,
    add(name: string, path: string, data: Record<string, unknown>, gapMs = 45_000) {
      t += gapMs;
      events.push({
        id: `${prefix}-${events.length + 1}`,
        name,
        clientId,
        timestamp: new Date(t).toISOString(),
        seq: events.length + 1,
        type: 'standard',
        context: {
          document: { location: { href: `${SITE}${path}` }, referrer: '', title: STORE.name },
          navigator,
        },
        data,
      });
    },
  };
}

export interface Buyer {
  email: string;
  phone?: string;
  customerId?: string;
  firstName: string | null;
  lastName: string | null;
  address1: string;
  city: string;
  zip: string;
  countryCode: string;
}

/** A shopper's visit that ends in a checkout: views, cart, the checkout steps, the order. */
export function purchaseSession(
  clientId: string,
  prefix: string,
  endMs: number,
  lines: Array<{ variant: Variant; quantity: number }>,
  totalMinor: number,
  orderId: string,
  buyer: Buyer,
  landing = '/',
): PixelEvent[] {
  const s = session(clientId, prefix, endMs - (lines.length * 2 + 8) * 45_000);
  s.add('page_viewed', landing, {});
  s.add('collection_viewed', '/collections/all', {
    collection: { id: '1001', title: 'All', productVariants: [] },
  });
  for (const l of lines)
    s.add('product_viewed', `/products/${l.variant.sku.toLowerCase()}`, {
      productVariant: pixelVariant(l.variant),
    });
  for (const l of lines)
    s.add('product_added_to_cart', `/products/${l.variant.sku.toLowerCase()}`, {
      cartLine: {
        cost: { totalAmount: money(l.variant.priceMinor * l.quantity) },
        merchandise: pixelVariant(l.variant),
        quantity: l.quantity,
      },
    });
  s.add('cart_viewed', '/cart', {
    cart: {
      id: `cart-${prefix}`,
      cost: { totalAmount: money(totalMinor) },
      totalQuantity: lines.reduce((n, l) => n + l.quantity, 0),
    },
  });
  const address = {
    firstName: buyer.firstName,
    lastName: buyer.lastName,
    address1: buyer.address1,
    city: buyer.city,
    zip: buyer.zip,
    countryCode: buyer.countryCode,
    phone: buyer.phone ?? null,
  };
  const checkout = (withOrder: boolean) => ({
    checkout: {
      currencyCode: STORE.currency,
      email: buyer.email,
      phone: buyer.phone ?? null,
      token: `ck-${prefix}`,
      totalPrice: money(totalMinor),
      lineItems: lines.map((l) => ({ quantity: l.quantity, variant: pixelVariant(l.variant) })),
      shippingAddress: address,
      billingAddress: address,
      order: withOrder ? { id: orderId, customer: buyer.customerId ? { id: buyer.customerId } : null } : null,
    },
  });
  const path = `/checkouts/cn/${prefix}`;
  for (const step of [
    'checkout_started',
    'checkout_contact_info_submitted',
    'checkout_address_info_submitted',
    'checkout_shipping_info_submitted',
    'payment_info_submitted',
  ])
    s.add(step, path, checkout(false));
  s.add('checkout_completed', `${path}/thank-you`, checkout(true));
  return s.events;
}
