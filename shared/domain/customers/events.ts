import { z } from 'zod';

/**
 * The one documented schema of a first-party customer event, as `collect`, the generic ingestion
 * route and every importer accept it. The Shopify Web Pixels standard events keep Shopify's own
 * `data` payload (https://shopify.dev/docs/api/web-pixels-api/standard-events), so the pixel
 * forwards `event.data` untouched and the server, not the browser, decides what it means.
 * Only the fields we read are declared; Shopify adds fields over time, so objects pass through.
 */

export const IDENTIFIER_KINDS = [
  'email',
  'phone',
  'loyalty_id',
  'whatsapp',
  'device_id',
  'shopify_client_id',
  'qr_id',
  'upi_id',
  'card_last4',
  'shopify_customer_id',
  'woocommerce_customer_id',
] as const;
export const identifierKindSchema = z.enum(IDENTIFIER_KINDS);
export type IdentifierKind = z.infer<typeof identifierKindSchema>;

/** As received: normalising (lower-casing, E.164) belongs to identity resolution, not here. */
export const identifierSchema = z.object({
  kind: identifierKindSchema,
  value: z.string().trim().min(1).max(320),
});
export type Identifier = z.infer<typeof identifierSchema>;

const text = (max: number) => z.string().max(max).nullish();
export const personSchema = z.object({
  first_name: text(200),
  last_name: text(200),
  address1: text(500),
  city: text(200),
  postcode: text(40),
  country: text(80),
  date_of_birth: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'date_of_birth: YYYY-MM-DD')
    .nullish(),
});
export type Person = z.infer<typeof personSchema>;

export const EVENT_SOURCES = ['pixel', 'shopify', 'woocommerce', 'pos', 'api', 'messaging'] as const;
export const eventSourceSchema = z.enum(EVENT_SOURCES);
export type EventSource = z.infer<typeof eventSourceSchema>;

// --- Shopify Web Pixels payload pieces (https://shopify.dev/docs/api/web-pixels-api/standard-events) ---
/** MoneyV2: `amount` is a decimal number in the currency's major unit. */
export const pixelMoneySchema = z.object({ amount: z.number().finite(), currencyCode: z.string().length(3) });
const id = z.union([z.string().min(1), z.number().int()]).transform(String);
export const pixelVariantSchema = z
  .object({
    id: id.nullish(),
    price: pixelMoneySchema.nullish(),
    sku: z.string().nullish(),
    title: z.string().nullish(),
    product: z
      .object({ id: id.nullish(), title: z.string().nullish(), type: z.string().nullish() })
      .passthrough()
      .nullish(),
  })
  .passthrough();
const pixelCartLineSchema = z
  .object({
    cost: z.object({ totalAmount: pixelMoneySchema }).passthrough().nullish(),
    merchandise: pixelVariantSchema,
    quantity: z.number().int(),
  })
  .passthrough();
export const pixelAddressSchema = z
  .object({
    firstName: z.string().nullish(),
    lastName: z.string().nullish(),
    address1: z.string().nullish(),
    city: z.string().nullish(),
    zip: z.string().nullish(),
    countryCode: z.string().nullish(),
    country: z.string().nullish(),
    phone: z.string().nullish(),
  })
  .passthrough();
export const pixelCheckoutSchema = z
  .object({
    currencyCode: z.string().length(3).nullish(),
    email: z.string().nullish(),
    phone: z.string().nullish(),
    smsMarketingPhone: z.string().nullish(),
    token: z.string().nullish(),
    totalPrice: pixelMoneySchema.nullish(),
    order: z
      .object({ id: id.nullish(), customer: z.object({ id: id.nullish() }).passthrough().nullish() })
      .passthrough()
      .nullish(),
    lineItems: z
      .array(z.object({ quantity: z.number().int(), variant: pixelVariantSchema.nullish() }).passthrough())
      .nullish(),
    shippingAddress: pixelAddressSchema.nullish(),
    billingAddress: pixelAddressSchema.nullish(),
  })
  .passthrough();

const checkoutData = z.object({ checkout: pixelCheckoutSchema }).passthrough();
/** Every standard event's `data`, by event name (shopify.dev › Web Pixels API › Standard events). */
export const STANDARD_EVENT_DATA = {
  page_viewed: z.object({}).passthrough(),
  product_viewed: z.object({ productVariant: pixelVariantSchema }).passthrough(),
  collection_viewed: z
    .object({
      collection: z
        .object({
          id: id.nullish(),
          title: z.string().nullish(),
          productVariants: z.array(pixelVariantSchema).nullish(),
        })
        .passthrough(),
    })
    .passthrough(),
  search_submitted: z.object({ searchResult: z.object({ query: z.string() }).passthrough() }).passthrough(),
  product_added_to_cart: z.object({ cartLine: pixelCartLineSchema.nullable() }).passthrough(),
  product_removed_from_cart: z.object({ cartLine: pixelCartLineSchema.nullable() }).passthrough(),
  cart_viewed: z
    .object({
      cart: z
        .object({
          id: z.string().nullish(),
          cost: z.object({ totalAmount: pixelMoneySchema }).passthrough().nullish(),
          totalQuantity: z.number().int().nullish(),
          lines: z.array(pixelCartLineSchema).nullish(),
        })
        .passthrough()
        .nullable(),
    })
    .passthrough(),
  checkout_started: checkoutData,
  checkout_contact_info_submitted: checkoutData,
  checkout_address_info_submitted: checkoutData,
  checkout_shipping_info_submitted: checkoutData,
  payment_info_submitted: checkoutData,
  checkout_completed: checkoutData,
} as const;
export type StandardEventName = keyof typeof STANDARD_EVENT_DATA;
export const STANDARD_EVENT_NAMES = Object.keys(STANDARD_EVENT_DATA) as StandardEventName[];

/** Pulsepoint's own first-party events (outside the storefront). */
export const OWN_EVENT_DATA = {
  /** A visit to a physical store (POS check-in, Wi-Fi login, appointment). */
  store_visit: z.object({ location_id: z.string().min(1).max(200), staff_id: z.string().max(200).nullish() }),
  /** A scanned QR code (packaging, poster, receipt); the code's id is also an identifier. */
  qr_scan: z.object({ qr_id: z.string().min(1).max(200), placement: z.string().max(200).nullish() }),
  /** An inbound message from the customer on a messaging channel. */
  message_received: z.object({
    channel: z.enum(['whatsapp', 'sms', 'email', 'instagram', 'messenger', 'other']),
    message_id: z.string().max(200).nullish(),
  }),
  /** What happened to a message Pulsepoint sent (engagement): sent, delivered, bounced, … */
  message_status: z.object({
    channel: z.enum(['whatsapp', 'sms', 'email']),
    message_id: z.string().max(200),
    status: z.enum([
      'sent',
      'delivered',
      'undelivered',
      'failed',
      'bounced',
      'read',
      'opened',
      'clicked',
      'unsubscribed',
    ]),
    error_code: z.string().max(40).nullish(),
    source_kind: z.enum(['campaign', 'automation']).nullish(),
    source_id: z.string().max(200).nullish(),
  }),
  /** A purchase at the point of sale (the POS import). */
  pos_purchase: z.object({
    receipt_id: z.string().min(1).max(200),
    location_id: z.string().max(200).nullish(),
  }),
  /** A customer record created or changed on the store platform (Shopify / WooCommerce webhooks). */
  customer_updated: z.object({ customer_id: z.string().min(1).max(200) }),
  /** An order placed on a non-Shopify store (WooCommerce webhooks). */
  order_placed: z.object({ order_id: z.string().min(1).max(200), status: z.string().max(50).nullish() }),
} as const;
export type OwnEventName = keyof typeof OWN_EVENT_DATA;
export const OWN_EVENT_NAMES = Object.keys(OWN_EVENT_DATA) as OwnEventName[];

/** Custom events: `custom:<name>`, lower-case, the merchant's own vocabulary. */
export const CUSTOM_EVENT_TYPE = /^custom:[a-z0-9][a-z0-9_.-]{0,63}$/;
export const eventTypeSchema = z
  .string()
  .refine((t) => t in STANDARD_EVENT_DATA || t in OWN_EVENT_DATA || CUSTOM_EVENT_TYPE.test(t), {
    error: (issue) =>
      `unknown event type "${String(issue.input)}": a Shopify standard event, one of ${OWN_EVENT_NAMES.join(', ')}, or custom:<name>`,
  });

/**
 * One event on the wire. `id` is the idempotency key (the pixel's `event.id`); `occurredAt` must
 * carry an offset; `value` is in minor units of `currency` (the pixel's MoneyV2 is converted
 * from Shopify's `data` instead).
 */
export const collectEventSchema = z.object({
  id: z.string().trim().min(1).max(200),
  type: eventTypeSchema,
  occurredAt: z.string().datetime({ offset: true }),
  clientId: z.string().min(1).max(200).nullish(),
  url: z.string().max(2048).nullish(),
  identifiers: z.array(identifierSchema).max(50).default([]),
  person: personSchema.nullish(),
  productId: z.string().max(200).nullish(),
  variantId: z.string().max(200).nullish(),
  value: z
    .object({ amountMinor: z.number().int(), currency: z.string().regex(/^[A-Z]{3}$/, 'ISO 4217 code') })
    .nullish(),
  /** Shopify's `event.data` for standard events; the own events' fields for the others. */
  data: z.record(z.string(), z.unknown()).nullish(),
  properties: z.record(z.string(), z.unknown()).nullish(),
  /**
   * The browser's user agent (the pixel forwards Shopify's `context.navigator.userAgent`). Read
   * only to derive the event's device class at ingestion; never stored (docs/decisions/940).
   */
  userAgent: z.string().max(2048).nullish(),
});
export type CollectEvent = z.infer<typeof collectEventSchema>;

/** A batch as `collect` and the ingestion route take it: up to 500 events, each judged alone. */
export const MAX_BATCH_EVENTS = 500;
export const collectBatchSchema = z.object({
  events: z.array(z.unknown()).min(1).max(MAX_BATCH_EVENTS),
});
