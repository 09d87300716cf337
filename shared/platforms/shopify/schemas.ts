import { z } from 'zod';

/**
 * Zod schemas for every Admin GraphQL shape the connector reads (parse, don't trust). Field names
 * are Shopify's own. Connections are read as `nodes` in paged queries; bulk-operation JSONL is
 * re-nested into the same `{ nodes }` form (see bulk.ts) so one schema serves both paths.
 */
export const throttleStatusSchema = z.object({
  maximumAvailable: z.number(),
  currentlyAvailable: z.number(),
  restoreRate: z.number(),
});
export type ThrottleStatus = z.infer<typeof throttleStatusSchema>;

export const queryCostSchema = z.object({
  requestedQueryCost: z.number(),
  actualQueryCost: z.number().nullable().optional(),
  throttleStatus: throttleStatusSchema,
});
export type QueryCost = z.infer<typeof queryCostSchema>;

export const graphqlErrorSchema = z.object({
  message: z.string(),
  extensions: z.object({ code: z.string().optional() }).passthrough().optional(),
});

export const graphqlEnvelopeSchema = z.object({
  data: z.unknown().optional(),
  errors: z.array(graphqlErrorSchema).optional(),
  extensions: z.object({ cost: queryCostSchema.optional() }).passthrough().optional(),
});
export type GraphqlEnvelope = z.infer<typeof graphqlEnvelopeSchema>;

export const pageInfoSchema = z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullable() });

export const userErrorSchema = z.object({
  field: z.array(z.string()).nullable().optional(),
  message: z.string(),
});

/** A decimal amount as Shopify sends it ("12.50") with its ISO currency. */
export const moneyV2Schema = z.object({ amount: z.string(), currencyCode: z.string() });
export const moneyBagSchema = z.object({ shopMoney: moneyV2Schema, presentmentMoney: moneyV2Schema });
export type MoneyBag = z.infer<typeof moneyBagSchema>;

const nodes = <S extends z.ZodType>(item: S) => z.object({ nodes: z.array(item) });

export const shopSchema = z.object({
  id: z.string(),
  name: z.string(),
  myshopifyDomain: z.string(),
  currencyCode: z.string(),
  ianaTimezone: z.string(),
});
export type Shop = z.infer<typeof shopSchema>;

export const variantSchema = z.object({
  id: z.string(),
  title: z.string(),
  sku: z.string().nullable(),
  price: z.string(),
  updatedAt: z.string(),
  inventoryItem: z.object({ id: z.string(), unitCost: moneyV2Schema.nullable() }),
});
export const productSchema = z.object({
  id: z.string(),
  title: z.string(),
  status: z.enum(['ACTIVE', 'DRAFT', 'ARCHIVED']),
  updatedAt: z.string(),
  variants: nodes(variantSchema),
});
export type ShopifyProduct = z.infer<typeof productSchema>;

export const locationSchema = z.object({ id: z.string(), name: z.string() });

/** InventoryLevel.quantities(names: [...]) as named quantities. */
export const inventoryLevelSchema = z.object({
  id: z.string(),
  updatedAt: z.string(),
  item: z.object({ id: z.string(), variant: z.object({ id: z.string() }).nullable() }),
  quantities: z.array(z.object({ name: z.string(), quantity: z.number().int() })),
});
export type ShopifyInventoryLevel = z.infer<typeof inventoryLevelSchema>;

export const utmParametersSchema = z.object({
  source: z.string().nullable(),
  medium: z.string().nullable(),
  campaign: z.string().nullable(),
  content: z.string().nullable(),
  term: z.string().nullable(),
});
export const customerVisitSchema = z.object({
  id: z.string(),
  occurredAt: z.string(),
  landingPage: z.string().nullable(),
  referrerUrl: z.string().nullable(),
  source: z.string().nullable().optional(),
  utmParameters: utmParametersSchema.nullable(),
});
export type CustomerVisit = z.infer<typeof customerVisitSchema>;

export const lineItemSchema = z.object({
  id: z.string(),
  title: z.string(),
  sku: z.string().nullable(),
  quantity: z.number().int(),
  /** `product` is null when an imported bulk query did not select it. */
  variant: z.object({ id: z.string(), product: z.object({ id: z.string() }).nullable() }).nullable(),
  originalUnitPriceSet: moneyBagSchema,
  totalDiscountSet: moneyBagSchema,
});
export type ShopifyLineItem = z.infer<typeof lineItemSchema>;

export const refundLineItemSchema = z.object({
  quantity: z.number().int(),
  lineItem: z.object({ id: z.string() }),
  subtotalSet: moneyBagSchema,
});
export const refundSchema = z.object({
  id: z.string(),
  createdAt: z.string(),
  totalRefundedSet: moneyBagSchema,
  refundLineItems: nodes(refundLineItemSchema),
});
export type ShopifyRefund = z.infer<typeof refundSchema>;

export const orderSchema = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  cancelledAt: z.string().nullable(),
  email: z.string().nullable(),
  customer: z
    .object({ id: z.string(), firstName: z.string().nullable(), lastName: z.string().nullable() })
    .nullable(),
  currencyCode: z.string(),
  presentmentCurrencyCode: z.string(),
  displayFinancialStatus: z.string().nullable(),
  displayFulfillmentStatus: z.string(),
  sourceName: z.string().nullable(),
  discountCodes: z.array(z.string()),
  subtotalPriceSet: moneyBagSchema,
  totalDiscountsSet: moneyBagSchema,
  totalShippingPriceSet: moneyBagSchema,
  totalTaxSet: moneyBagSchema,
  totalPriceSet: moneyBagSchema,
  currentTotalPriceSet: moneyBagSchema,
  shippingAddress: z
    .object({
      provinceCode: z.string().nullable(),
      /** The province's name ("New York"); older fixtures and exports may leave it out. */
      province: z.string().nullish(),
      /**
       * MailingAddress `countryCodeV2`, the field the query asks for; `countryCode` is deprecated
       * ("Use countryCodeV2 instead", https://shopify.dev/docs/api/admin-graphql/latest/objects/MailingAddress)
       * and read only from older fixtures and payloads.
       */
      countryCodeV2: z.string().nullish(),
      countryCode: z.string().nullish(),
      city: z.string().nullable(),
      /** Street lines and postcode (MailingAddress `address1`, `address2`, `zip`); older fixtures leave them out. */
      address1: z.string().nullish(),
      address2: z.string().nullish(),
      zip: z.string().nullish(),
    })
    .nullable(),
  /** `MailingAddress.name`; only the orders CSV import fills it (its `Billing Name`). */
  billingAddress: z.object({ name: z.string().nullable() }).nullish(),
  customerJourneySummary: z
    .object({ firstVisit: customerVisitSchema.nullable(), lastVisit: customerVisitSchema.nullable() })
    .nullable(),
  lineItems: nodes(lineItemSchema),
  refunds: z.array(refundSchema),
});
export type ShopifyOrder = z.infer<typeof orderSchema>;

export const page = <S extends z.ZodType>(item: S) =>
  z.object({ pageInfo: pageInfoSchema, nodes: z.array(item) });

export const bulkOperationSchema = z.object({
  id: z.string(),
  status: z.enum(['CREATED', 'RUNNING', 'COMPLETED', 'CANCELING', 'CANCELED', 'FAILED', 'EXPIRED']),
  errorCode: z.string().nullable().optional(),
  createdAt: z.string(),
  completedAt: z.string().nullable().optional(),
  objectCount: z.string().optional(),
  url: z.string().nullable().optional(),
  partialDataUrl: z.string().nullable().optional(),
});
export type BulkOperation = z.infer<typeof bulkOperationSchema>;
