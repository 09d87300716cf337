/**
 * A store order as Pulsepoint knows it, whatever brought it in: a GraphQL sync page, a bulk
 * export, a REST webhook payload or a merchant's export file. Each source maps into this value at
 * its own edge (`shared/platforms/shopify/mapping.ts`, `webhooks/payloads.ts`, the importers), and
 * one mapping (`shared/platforms/order-rows.ts`) turns it into warehouse rows, so no source's
 * shape reaches the warehouse. Amounts are integers in the minor unit of the shop currency
 * (`currency`); instants are ISO-8601 strings as the source gave them.
 */
export interface Order {
  /** Platform-prefixed id, e.g. gid://shopify/Order/1. */
  id: string;
  /** The merchant-facing number, e.g. "#1001". */
  number: string;
  createdAt: string;
  updatedAt: string;
  cancelledAt: string | null;
  email: string | null;
  customer: { id: string; name: string | null } | null;
  /**
   * The name on the billing address, the buyer's name when no customer is named (the admin's
   * orders CSV export has `Billing Name` but no customer, decision 1011).
   */
  billingName?: string | null;
  /** The shop currency every amount here is in. */
  currency: string;
  /** The currency the customer paid in. */
  presentmentCurrency: string;
  subtotalMinor: number;
  discountMinor: number;
  shippingMinor: number;
  taxMinor: number;
  /** The original total (refunds are their own values, on their own days). */
  totalMinor: number;
  /** Lower case: paid, partially_refunded, voided, … (null when the source does not say). */
  financialStatus: string | null;
  /** Lower case: fulfilled, unfulfilled, partially_fulfilled, … */
  fulfillmentStatus: string;
  sourceName: string | null;
  discountCodes: string[];
  /** `province` is the code (`NY`); `provinceName` the name the order carries ("New York"), when it does. */
  shippingAddress: {
    country: string | null;
    province: string | null;
    provinceName?: string | null;
    city: string | null;
    /** The street lines and postcode, when the source gives them: identity resolution's evidence. */
    address1?: string | null;
    address2?: string | null;
    postcode?: string | null;
  } | null;
  /** The customer journey's first and last visits, when the source has them (webhooks do not). */
  firstVisit: OrderVisit | null;
  lastVisit: OrderVisit | null;
  lines: OrderLine[];
  refunds: OrderRefund[];
}

export interface OrderLine {
  id: string;
  title: string;
  sku: string | null;
  quantity: number;
  variantId: string | null;
  productId: string | null;
  unitPriceMinor: number;
  /** The whole line's discount (not per unit). */
  discountMinor: number;
}

export interface OrderRefund {
  id: string;
  createdAt: string;
  /** Everything refunded: lines plus shipping, tax and manual amounts. */
  totalMinor: number;
  lines: { lineId: string; variantId: string | null; quantity: number; amountMinor: number }[];
}

export interface OrderVisit {
  id: string;
  occurredAt: string;
  landingPage: string | null;
  referrer: string | null;
  utm: {
    source: string | null;
    medium: string | null;
    campaign: string | null;
    content: string | null;
    term: string | null;
  } | null;
}

/** What a line sold for: unit price × quantity − the line's discount. */
export const lineTotalMinor = (line: OrderLine) => line.unitPriceMinor * line.quantity - line.discountMinor;
