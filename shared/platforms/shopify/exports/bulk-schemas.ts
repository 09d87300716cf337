import { z } from 'zod';

/**
 * What a merchant's own bulk-operation query may return: an orders query needs only ids, dates and
 * a total; everything else is optional and filled with what Shopify itself would mean by its
 * absence. Field names are the Admin GraphQL API's (Order, LineItem, Refund, MailingAddress,
 * CustomerJourneySummary); test/fixtures/imports/SOURCES.md cites each.
 */
const amount = z
  .union([z.string(), z.number()])
  .transform(String)
  .pipe(z.string().regex(/^-?\d+(\.\d+)?$/, 'a decimal amount like "12.50"'));
const moneyV2 = z.object({
  amount,
  currencyCode: z.string().regex(/^[A-Z]{3}$/, 'a currency code like USD'),
});
/** A MoneyBag; queries often select only `shopMoney`. */
export const bulkMoneyBag = z.object({ shopMoney: moneyV2, presentmentMoney: moneyV2.nullish() });
export type BulkMoneyBag = z.infer<typeof bulkMoneyBag>;

const instant = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/,
    'a date and time like 2026-03-01T14:30:00Z',
  );

const utm = z.object({
  source: z.string().nullish(),
  medium: z.string().nullish(),
  campaign: z.string().nullish(),
  content: z.string().nullish(),
  term: z.string().nullish(),
});
const visit = z.object({
  id: z.string().nullish(),
  occurredAt: instant,
  landingPage: z.string().nullish(),
  referrerUrl: z.string().nullish(),
  source: z.string().nullish(),
  utmParameters: utm.nullish(),
});

/** `countryCode` is deprecated on MailingAddress ("Use countryCodeV2 instead"); older exports may still carry it. */
const address = z.object({
  countryCodeV2: z.string().nullish(),
  countryCode: z.string().nullish(),
  provinceCode: z.string().nullish(),
  province: z.string().nullish(),
  city: z.string().nullish(),
  address1: z.string().nullish(),
  address2: z.string().nullish(),
  zip: z.string().nullish(),
});

export const bulkLineItemSchema = z.object({
  id: z.string().nullish(),
  title: z.string().nullish(),
  name: z.string().nullish(),
  sku: z.string().nullish(),
  quantity: z.number().int(),
  variant: z.object({ id: z.string(), product: z.object({ id: z.string() }).nullish() }).nullish(),
  originalUnitPriceSet: bulkMoneyBag.nullish(),
  originalTotalSet: bulkMoneyBag.nullish(),
  totalDiscountSet: bulkMoneyBag.nullish(),
});
export type BulkLineItem = z.infer<typeof bulkLineItemSchema>;

const refund = z.object({
  id: z.string().nullish(),
  createdAt: instant,
  totalRefundedSet: bulkMoneyBag,
  refundLineItems: z
    .object({
      nodes: z.array(
        z.object({
          quantity: z.number().int(),
          lineItem: z.object({ id: z.string() }),
          subtotalSet: bulkMoneyBag,
        }),
      ),
    })
    .nullish(),
});

export const bulkOrderSchema = z
  .object({
    id: z.string().regex(/^gid:\/\/shopify\/Order\/\d+$/, 'an order id like gid://shopify/Order/1001'),
    name: z.string().nullish(),
    createdAt: instant,
    updatedAt: instant.nullish(),
    processedAt: instant.nullish(),
    cancelledAt: instant.nullish(),
    email: z.string().nullish(),
    customer: z
      .object({ id: z.string(), firstName: z.string().nullish(), lastName: z.string().nullish() })
      .nullish(),
    currencyCode: z.string().nullish(),
    presentmentCurrencyCode: z.string().nullish(),
    displayFinancialStatus: z.string().nullish(),
    displayFulfillmentStatus: z.string().nullish(),
    sourceName: z.string().nullish(),
    discountCodes: z.array(z.string()).nullish(),
    subtotalPriceSet: bulkMoneyBag.nullish(),
    totalDiscountsSet: bulkMoneyBag.nullish(),
    totalShippingPriceSet: bulkMoneyBag.nullish(),
    totalTaxSet: bulkMoneyBag.nullish(),
    totalPriceSet: bulkMoneyBag.nullish(),
    currentTotalPriceSet: bulkMoneyBag.nullish(),
    totalRefundedSet: bulkMoneyBag.nullish(),
    shippingAddress: address.nullish(),
    billingAddress: address.nullish(),
    customerJourneySummary: z.object({ firstVisit: visit.nullish(), lastVisit: visit.nullish() }).nullish(),
    refunds: z.array(refund).nullish(),
    lineItems: z.object({ nodes: z.array(z.unknown()) }).nullish(),
  })
  .refine((o) => o.totalPriceSet || o.currentTotalPriceSet, {
    message: 'the order has no total: the query needs totalPriceSet (or currentTotalPriceSet)',
    path: ['totalPriceSet'],
  });
export type BulkOrder = z.infer<typeof bulkOrderSchema>;

/** Words a merchant understands for the fields a problem is most often about. */
export const FIELD_WORDS: Record<string, string> = {
  id: 'its id',
  createdAt: 'when the order was placed',
  totalPriceSet: 'the order total',
  quantity: 'how many were bought',
  occurredAt: 'when the visit happened',
  currencyCode: 'the currency',
  amount: 'an amount',
};
