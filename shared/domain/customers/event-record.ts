import type { z } from 'zod';
import { parseDecimalToMinor } from '../money';
import { type LocalDate, toLocalDate } from '../time';
import { classifyUserAgent, type DeviceClass } from './device';
import {
  type CollectEvent,
  collectEventSchema,
  type EventSource,
  type Identifier,
  OWN_EVENT_DATA,
  type Person,
  type pixelAddressSchema,
  type pixelCheckoutSchema,
  type pixelMoneySchema,
  type pixelVariantSchema,
  STANDARD_EVENT_DATA,
} from './events';

/**
 * One accepted event, normalised for storage: what the warehouse `events` row holds. Pure: the
 * receiving time and the brand's timezone come in as values.
 */
export interface EventRecord {
  eventId: string;
  type: string;
  source: EventSource;
  occurredAt: string;
  receivedAt: string;
  /** The brand's local day of occurredAt (the partition). */
  day: LocalDate;
  clientId: string | null;
  identifiers: Identifier[];
  person: Person | null;
  productId: string | null;
  variantId: string | null;
  valueMinor: number | null;
  currency: string | null;
  url: string | null;
  properties: Record<string, unknown>;
  /** From the event's user agent, else the request's; the user agent itself is not kept. */
  device: DeviceClass;
}

/** Why one event of a batch was refused; the rest of the batch still lands. */
export const REJECTION_REASONS = {
  invalid: 'invalid_event',
  future: 'occurred_in_future',
  duplicateInBatch: 'duplicate_in_batch',
} as const;
export type RejectionReason = (typeof REJECTION_REASONS)[keyof typeof REJECTION_REASONS];
export interface Rejection {
  index: number;
  id: string | null;
  reason: RejectionReason;
  message: string;
}

export interface RecordOptions {
  source: EventSource;
  receivedAt: Date;
  timeZone: string;
  /** Clock skew tolerated for events stamped in the future (default 10 minutes). Late events have no limit. */
  maxFutureMs?: number;
  /**
   * The user agent of the browser that sent the request, for events that do not carry their own
   * (`collect` passes it for browser requests only: a server's names its HTTP client).
   */
  userAgent?: string | null;
}
const DEFAULT_MAX_FUTURE_MS = 10 * 60_000;

export type RecordResult =
  | { ok: true; value: EventRecord }
  | { ok: false; reason: RejectionReason; message: string };

/** Validates one event from the wire and normalises it; never throws on bad input. */
export function toEventRecord(raw: unknown, options: RecordOptions): RecordResult {
  const parsed = collectEventSchema.safeParse(raw);
  if (!parsed.success)
    return { ok: false, reason: REJECTION_REASONS.invalid, message: describe(parsed.error) };
  const event = parsed.data;
  const occurredAt = new Date(event.occurredAt);
  const maxFuture = options.maxFutureMs ?? DEFAULT_MAX_FUTURE_MS;
  if (occurredAt.getTime() > options.receivedAt.getTime() + maxFuture)
    return {
      ok: false,
      reason: REJECTION_REASONS.future,
      message: `occurredAt ${event.occurredAt} is after the time it was received (${options.receivedAt.toISOString()})`,
    };
  const derived = deriveFromData(event);
  if (!derived.ok) return { ok: false, reason: REJECTION_REASONS.invalid, message: derived.message };
  const d = derived.value;
  const identifiers = uniqueIdentifiers([
    ...(event.clientId && options.source === 'pixel'
      ? [{ kind: 'shopify_client_id' as const, value: event.clientId }]
      : []),
    ...d.identifiers,
    ...event.identifiers,
  ]);
  const value = event.value ?? d.value;
  return {
    ok: true,
    value: {
      eventId: event.id,
      type: event.type,
      source: options.source,
      occurredAt: occurredAt.toISOString(),
      receivedAt: options.receivedAt.toISOString(),
      day: toLocalDate(occurredAt, options.timeZone),
      clientId: event.clientId ?? null,
      identifiers,
      person: event.person ?? d.person,
      productId: event.productId ?? d.productId,
      variantId: event.variantId ?? d.variantId,
      valueMinor: value?.amountMinor ?? null,
      currency: value?.currency ?? null,
      url: event.url ?? null,
      properties: { ...d.properties, ...(event.properties ?? {}) },
      device: classifyUserAgent(event.userAgent ?? options.userAgent),
    },
  };
}

function describe(error: z.ZodError, under?: string): string {
  return error.issues
    .map((i) => {
      const path = [...(under ? [under] : []), ...i.path.map(String)];
      return `${path.length ? `${path.join('.')}: ` : ''}${i.message}`;
    })
    .join('; ');
}

interface Derived {
  identifiers: Identifier[];
  person: Person | null;
  productId: string | null;
  variantId: string | null;
  value: { amountMinor: number; currency: string } | null;
  properties: Record<string, unknown>;
}
const EMPTY: Derived = {
  identifiers: [],
  person: null,
  productId: null,
  variantId: null,
  value: null,
  properties: {},
};

/** What a standard event's Shopify payload (or an own event's fields) tells us. */
function deriveFromData(event: CollectEvent): { ok: true; value: Derived } | { ok: false; message: string } {
  const type = event.type;
  if (type.startsWith('custom:')) return { ok: true, value: EMPTY };
  const schema =
    type in STANDARD_EVENT_DATA
      ? STANDARD_EVENT_DATA[type as keyof typeof STANDARD_EVENT_DATA]
      : OWN_EVENT_DATA[type as keyof typeof OWN_EVENT_DATA];
  const data = schema.safeParse(event.data ?? {});
  if (!data.success) return { ok: false, message: describe(data.error, 'data') };
  return { ok: true, value: derive(type, data.data as Record<string, unknown>) };
}

type Money = z.infer<typeof pixelMoneySchema>;
type Variant = z.infer<typeof pixelVariantSchema>;
type Checkout = z.infer<typeof pixelCheckoutSchema>;
type Address = z.infer<typeof pixelAddressSchema>;

/** Pixel MoneyV2 (a decimal number in major units) → integer minor units. */
export function pixelMoneyToMinor(m: Money): { amountMinor: number; currency: string } {
  return { amountMinor: parseDecimalToMinor(m.amount.toFixed(6), m.currencyCode), currency: m.currencyCode };
}

/** Pixel ids are bare numbers; the warehouse keeps Shopify's global ids (gid://shopify/Product/1). */
const gid = (kind: string, id: string | null | undefined) =>
  id ? (id.startsWith('gid://') ? id : `gid://shopify/${kind}/${id}`) : null;

function variantFields(v: Variant | null | undefined) {
  return {
    productId: gid('Product', v?.product?.id),
    variantId: gid('ProductVariant', v?.id),
  };
}

function addressPerson(a: Address | null | undefined): Person | null {
  if (!a) return null;
  const person: Person = {
    first_name: a.firstName ?? null,
    last_name: a.lastName ?? null,
    address1: a.address1 ?? null,
    city: a.city ?? null,
    postcode: a.zip ?? null,
    country: a.countryCode ?? a.country ?? null,
  };
  return Object.values(person).some((v) => v) ? person : null;
}

function checkoutDerived(c: Checkout): Derived {
  const ids: Identifier[] = [];
  if (c.email) ids.push({ kind: 'email', value: c.email });
  for (const phone of [c.phone, c.smsMarketingPhone, c.shippingAddress?.phone, c.billingAddress?.phone])
    if (phone) ids.push({ kind: 'phone', value: phone });
  const customerId = c.order?.customer?.id;
  if (customerId) ids.push({ kind: 'shopify_customer_id', value: gid('Customer', customerId)! });
  const orderId = gid('Order', c.order?.id);
  return {
    identifiers: ids,
    person: addressPerson(c.shippingAddress) ?? addressPerson(c.billingAddress),
    productId: null,
    variantId: null,
    value: c.totalPrice ? pixelMoneyToMinor(c.totalPrice) : null,
    properties: {
      ...(orderId ? { order_id: orderId } : {}),
      ...(c.token ? { checkout_token: c.token } : {}),
      lines: (c.lineItems ?? []).map((l) => ({ ...variantFields(l.variant), quantity: l.quantity })),
    },
  };
}

function derive(type: string, data: Record<string, unknown>): Derived {
  const d = data as never as {
    productVariant: Variant;
    cartLine: { merchandise: Variant; quantity: number; cost?: { totalAmount: Money } | null } | null;
    cart: { id?: string | null; cost?: { totalAmount: Money } | null; totalQuantity?: number | null } | null;
    collection: { id?: string | null; title?: string | null };
    searchResult: { query: string };
    checkout: Checkout;
  };
  switch (type) {
    case 'product_viewed':
      return {
        ...EMPTY,
        ...variantFields(d.productVariant),
        value: d.productVariant.price ? pixelMoneyToMinor(d.productVariant.price) : null,
      };
    case 'product_added_to_cart':
    case 'product_removed_from_cart':
      return d.cartLine
        ? {
            ...EMPTY,
            ...variantFields(d.cartLine.merchandise),
            value: d.cartLine.cost ? pixelMoneyToMinor(d.cartLine.cost.totalAmount) : null,
            properties: { quantity: d.cartLine.quantity },
          }
        : EMPTY;
    case 'cart_viewed':
      return {
        ...EMPTY,
        value: d.cart?.cost ? pixelMoneyToMinor(d.cart.cost.totalAmount) : null,
        properties: { cart_id: d.cart?.id ?? null, quantity: d.cart?.totalQuantity ?? null },
      };
    case 'collection_viewed':
      return {
        ...EMPTY,
        properties: {
          collection_id: gid('Collection', d.collection.id),
          collection: d.collection.title ?? null,
        },
      };
    case 'search_submitted':
      return { ...EMPTY, properties: { query: d.searchResult.query } };
    case 'page_viewed':
      return EMPTY;
    case 'qr_scan':
      return {
        ...EMPTY,
        identifiers: [{ kind: 'qr_id', value: (data as { qr_id: string }).qr_id }],
        properties: data,
      };
    default:
      if (type.startsWith('checkout_') || type === 'payment_info_submitted')
        return checkoutDerived(d.checkout);
      return { ...EMPTY, properties: data };
  }
}

function uniqueIdentifiers(list: Identifier[]): Identifier[] {
  const seen = new Set<string>();
  return list.filter((i) => {
    const key = `${i.kind}\u0000${i.value}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
