import { toLocalDate } from '../../../shared/domain/time';
import { seededRandom } from '../../../shared/kernel/util/random';
import { PRESENTMENT_CURRENCY, REGIONS, STORE, seedOf, usdPer } from '../world';
import { homeIn } from './addresses';
import { FREE_SHIPPING_MINOR, type GeneratedStore, SHIPPING_MINOR, TAX_RATE } from './generate';
import type { SandboxCustomer, SandboxOrder, SandboxVisit } from './model';
import { weighted } from './random';

/**
 * A shopper of the world checking out on the sandbox store's online store, recorded the way
 * Shopify records a web order: the session's CustomerVisit (shopify.dev/docs/api/admin-graphql/
 * latest/objects/CustomerVisit: `landingPage`, "URL of the first page the customer landed on for
 * the session", query string included; `referrerUrl`, "webpage where the customer clicked a link
 * that sent them to the online store"; `utmParameters` read from the landing URL) becomes the
 * order's customerJourneySummary, and the REST order's `landing_site` / `referring_site` in the
 * webhook payload (serialize.ts). A journey of one visit has that visit as both first and last,
 * as the generated orders' one-visit journeys do (journeys.ts). Nothing here decides who buys or
 * what the order is credited to: the world's people decide (smtp/readers.ts) and the product
 * reads the journey.
 */
export interface WebCheckout {
  email: string;
  /** The storefront URL the shopper landed on, as the link carried it. */
  landingPage: string;
  referrerUrl: string | null;
  /** When the session began (ISO); the order is placed minutes later. */
  landedAt: string;
}

const UTM_KEYS = ['source', 'medium', 'campaign', 'content', 'term'] as const;

/** Shopify's `utmParameters` of a visit: the landing URL's utm_* (source, medium and campaign required). */
export function utmOf(landingPage: string): SandboxVisit['utm'] {
  let query: URLSearchParams;
  try {
    query = new URL(landingPage).searchParams;
  } catch {
    return null;
  }
  const [source, medium, campaign, content, term] = UTM_KEYS.map((k) => query.get(`utm_${k}`));
  if (!source || !medium || !campaign) return null;
  return { source, medium, campaign, content: content ?? null, term: term ?? null };
}

/**
 * The people the store knows, newest order first: Shopify matches a checkout's email to the
 * existing customer. `extra` are customers the store has without a generated order (tests).
 */
function knownCustomer(store: GeneratedStore, email: string, extra: readonly SandboxCustomer[]) {
  const lower = email.toLowerCase();
  for (let i = store.orders.length - 1; i >= 0; i--) {
    const o = store.orders[i]!;
    if (o.customer.email.toLowerCase() === lower) return { customer: o.customer, shipping: o.shipping };
  }
  const customer = extra.find((c) => c.email.toLowerCase() === lower);
  return customer ? { customer, shipping: undefined } : undefined;
}

/**
 * Places the order of `checkout` in `store` and returns it: one line of a product picked by its
 * popularity (the seed is the shopper's and the landing URL's, so the same visit buys the same),
 * the store's shipping and tax rules, the shopper's last shipping address (or a region of the
 * world's for a new customer), created `browseMinutes` after landing, updated now (the sandbox's
 * clock, so an incremental sync by updated_at finds it).
 */
export function placeWebOrder(
  store: GeneratedStore,
  checkout: WebCheckout,
  options: { now: string; extraCustomers?: readonly SandboxCustomer[] },
): SandboxOrder {
  const rand = seededRandom(seedOf('web-order', checkout.email.toLowerCase(), checkout.landingPage));
  const known = knownCustomer(store, checkout.email, options.extraCustomers ?? []);
  const region = weighted(REGIONS, (r) => r.weight, rand());
  const legacyId = 7_500_000_000 + store.orders.length;
  const customer: SandboxCustomer = known?.customer ?? {
    legacyId,
    email: checkout.email.toLowerCase(),
    firstName: checkout.email.split(/[.@]/)[0] ?? '',
    lastName: '',
    home: homeIn(region.code, legacyId),
  };
  const shipping = known?.shipping ?? {
    countryCode: region.country,
    provinceCode: region.code.split('-')[1]!,
    province: region.name,
    city: '',
  };
  const inStock = new Set(store.inventory.filter((i) => i.available > 0).map((i) => i.variant.sku));
  const variant = weighted(
    store.variants.filter((v) => inStock.has(v.sku)),
    (v) => v.baseDailyUnits,
    rand(),
  );
  // Minutes from landing to the thank-you page: browsing, the cart, the checkout's steps.
  const browseMinutes = 4 + Math.floor(rand() * 12);
  const createdAt = new Date(Date.parse(checkout.landedAt) + browseMinutes * 60_000).toISOString();
  const visit: SandboxVisit = {
    id: `gid://shopify/CustomerVisit/${seedOf('web-visit', checkout.email, checkout.landingPage, checkout.landedAt)}`,
    occurredAt: checkout.landedAt,
    landingPage: checkout.landingPage,
    referrerUrl: checkout.referrerUrl,
    source: utmOf(checkout.landingPage)?.source ?? 'direct',
    utm: utmOf(checkout.landingPage),
  };
  const subtotal = variant.priceMinor;
  const shippingMinor = subtotal >= FREE_SHIPPING_MINOR ? 0 : SHIPPING_MINOR;
  const taxMinor = Math.round(subtotal * (TAX_RATE[shipping.countryCode] ?? 0));
  const presentment = PRESENTMENT_CURRENCY[shipping.countryCode] ?? 'USD';
  const last = store.orders.reduce(
    (m, o) => ({
      order: Math.max(m.order, o.legacyId),
      line: Math.max(m.line, ...o.lines.map((l) => l.legacyId)),
    }),
    { order: 5_000_000_000, line: 13_000_000_000 },
  );
  const order: SandboxOrder = {
    legacyId: last.order + 1,
    name: `#${1001 + store.orders.length}`,
    date: toLocalDate(new Date(createdAt), STORE.timezone),
    createdAt,
    updatedAt: options.now,
    cancelledAt: null,
    customer,
    presentmentCurrency: presentment,
    presentmentRate: usdPer(presentment, createdAt.slice(0, 10)),
    discountCodes: [],
    subtotalMinor: subtotal,
    discountMinor: 0,
    shippingMinor,
    taxMinor,
    totalMinor: subtotal + shippingMinor + taxMinor,
    shipping,
    journey: { firstVisit: visit, lastVisit: visit },
    lines: [
      { legacyId: last.line + 1, variant, quantity: 1, priceMinor: variant.priceMinor, discountMinor: 0 },
    ],
    refunds: [],
    fulfilledAt: null,
    campaignId: null,
  };
  store.orders.push(order);
  return order;
}
