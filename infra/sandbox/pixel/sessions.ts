import type { CollectEvent } from '../../../shared/domain/customers/events';
import { minorUnitExponent } from '../../../shared/domain/money';
import { KATHERINE, type PlantedRecord, PRIYA, SAM } from '../planted-people';
import type { GeneratedStore } from '../shopify/generate';
import type { SandboxOrder } from '../shopify/model';
import { mulberry32, STORE, type Variant } from '../world';

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
  context: { document: { location: { href: string }; referrer: string; title: string } };
  data: Record<string, unknown>;
}

const SITE = `https://${STORE.shopDomain}`;
const STREETS = ['Maple Ave', 'Oak St', 'Cedar Rd', 'Elm St', 'Pine Ct', 'Willow Way', 'Lake Dr', 'Hill Rd'];
const legacy = (gid: string) => gid.slice(gid.lastIndexOf('/') + 1);
/** MoneyV2 as the pixel sees it: a decimal number of major units. */
const money = (minor: number) => ({
  amount: minor / 10 ** minorUnitExponent(STORE.currency),
  currencyCode: STORE.currency,
});
const uuidLike = (seed: string) => {
  let h = 2166136261;
  for (const ch of seed) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  const rand = mulberry32(h >>> 0);
  const hex = (n: number) => Array.from({ length: n }, () => Math.floor(rand() * 16).toString(16)).join('');
  return `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`;
};

function pixelVariant(v: Variant) {
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

function session(clientId: string, prefix: string, startMs: number) {
  const events: PixelEvent[] = [];
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
        context: { document: { location: { href: `${SITE}${path}` }, referrer: '', title: STORE.name } },
        data,
      });
    },
  };
}

interface Buyer {
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
function purchaseSession(
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
  const rand = mulberry32(0x9a7e1);
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
          address1: `${100 + (id % 900)} ${STREETS[id % STREETS.length]}`,
          city: o.shipping.city,
          zip: String(10000 + ((id * 7919) % 89999)),
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

/** The planted people's storefront visits (PRIYA on three devices, SAM online, KATHERINE's checkout). */
function plantedPixelEvents(store: GeneratedStore): PixelEvent[] {
  const nowMs = Date.parse(store.now);
  const at = (daysAgo: number) => nowMs - daysAgo * 86_400_000;
  const pick = (i: number) => store.variants[i % store.variants.length]!;
  const out: PixelEvent[] = [];
  PRIYA.purchases.forEach(([daysAgo, device, total], i) => {
    const clientId = PRIYA.devices[device]!;
    // An anonymous visit on the device a few days before buying on it.
    const s = session(clientId, `pp-demo-priya-browse-${i}`, at(daysAgo + 3));
    s.add('page_viewed', '/', {});
    s.add('product_viewed', `/products/${pick(i).sku.toLowerCase()}`, {
      productVariant: pixelVariant(pick(i)),
    });
    out.push(...s.events);
    out.push(
      ...purchaseSession(
        clientId,
        `pp-demo-priya-${i}`,
        at(daysAgo),
        [{ variant: pick(i), quantity: 1 }],
        total,
        `99000${i}`,
        {
          email: PRIYA.email,
          firstName: PRIYA.person.first_name,
          lastName: PRIYA.person.last_name,
          address1: PRIYA.person.address1,
          city: PRIYA.person.city,
          zip: PRIYA.person.postcode,
          countryCode: PRIYA.person.country,
        },
      ),
    );
  });
  out.push(
    ...purchaseSession(
      SAM.online.clientId,
      'pp-demo-sam-online',
      at(SAM.online.daysAgo),
      [{ variant: pick(7), quantity: 2 }],
      SAM.online.totalMinor,
      '990100',
      {
        email: SAM.email,
        phone: SAM.onlinePhone,
        firstName: SAM.person.first_name,
        lastName: SAM.person.last_name,
        address1: SAM.person.address1,
        city: SAM.person.city,
        zip: SAM.person.postcode,
        countryCode: SAM.person.country,
      },
    ),
  );
  const k = KATHERINE.records.find((r) => r.source === 'pixel')!;
  const kEvents = purchaseSession(
    k.clientId!,
    k.eventId,
    at(k.daysAgo),
    [{ variant: pick(11), quantity: 1 }],
    k.valueMinor!,
    '990200',
    {
      email: k.email!,
      firstName: k.person.first_name,
      lastName: k.person.last_name,
      address1: k.person.address1 ?? '',
      city: k.person.city ?? '',
      zip: k.person.postcode ?? '',
      countryCode: k.person.country ?? 'US',
    },
  );
  kEvents[kEvents.length - 1]!.id = k.eventId;
  out.push(...kEvents);
  return out;
}

/** The planted people's offline records (till, messaging, the merchant's own system), as events. */
export function plantedOfflineEvents(
  store: GeneratedStore,
): Array<{ source: 'pos' | 'messaging' | 'api'; event: CollectEvent }> {
  const nowMs = Date.parse(store.now);
  const iso = (daysAgo: number) => new Date(nowMs - daysAgo * 86_400_000).toISOString();
  const sam = {
    source: 'pos' as const,
    event: {
      id: `pos:${SAM.posReceipt.locationId}:${SAM.posReceipt.receiptId}`,
      type: 'pos_purchase',
      occurredAt: iso(SAM.posReceipt.daysAgo),
      identifiers: [{ kind: 'phone' as const, value: SAM.posPhone }],
      value: { amountMinor: SAM.posReceipt.totalMinor, currency: STORE.currency },
      data: { receipt_id: SAM.posReceipt.receiptId, location_id: SAM.posReceipt.locationId },
    },
  };
  const katherine = KATHERINE.records
    .filter((r): r is PlantedRecord & { source: 'pos' | 'messaging' | 'api' } => r.source !== 'pixel')
    .map((r) => ({
      source: r.source,
      event: {
        id: r.eventId,
        type: r.type,
        occurredAt: iso(r.daysAgo),
        identifiers: [
          ...(r.email ? [{ kind: 'email' as const, value: r.email }] : []),
          ...(r.phone ? [{ kind: 'phone' as const, value: r.phone }] : []),
          ...(r.whatsapp ? [{ kind: 'whatsapp' as const, value: r.whatsapp }] : []),
          ...(r.loyaltyId ? [{ kind: 'loyalty_id' as const, value: r.loyaltyId }] : []),
        ],
        person: r.person,
        ...(r.valueMinor ? { value: { amountMinor: r.valueMinor, currency: STORE.currency } } : {}),
        data:
          r.type === 'pos_purchase'
            ? { receipt_id: r.eventId, location_id: 'pearl-district' }
            : r.type === 'message_received'
              ? { channel: 'whatsapp', message_id: `wamid.${r.eventId}` }
              : {},
        ...(r.type.startsWith('custom:') ? { properties: { list: 'newsletter' } } : {}),
      },
    }));
  return [sam, ...katherine];
}
