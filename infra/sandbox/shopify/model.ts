import type { LocalDate } from '../../../shared/domain/time';
import type { Variant } from '../world';

/**
 * The sandbox store's own model: money in shop-currency minor units, instants as ISO UTC strings.
 * The GraphQL and webhook (REST-shaped) wire formats are rendered from it in serialize.ts.
 */
export interface SandboxVisit {
  id: string;
  occurredAt: string;
  landingPage: string | null;
  referrerUrl: string | null;
  source: string;
  utm: {
    source: string;
    medium: string;
    campaign: string;
    content: string | null;
    term: string | null;
  } | null;
}

export interface SandboxLine {
  legacyId: number;
  variant: Variant;
  quantity: number;
  priceMinor: number;
  discountMinor: number;
}

export interface SandboxRefund {
  legacyId: number;
  createdAt: string;
  lines: { lineLegacyId: number; quantity: number; subtotalMinor: number }[];
  totalMinor: number;
}

export interface SandboxCustomer {
  legacyId: number;
  email: string;
  firstName: string;
  lastName: string;
  /**
   * Their home's street line and postcode (addresses.ts); the city and region are the order's.
   * Absent for a customer the store knows without an address.
   */
  home?: { address1: string; zip: string };
  /** On a second account of someone already a customer: their first account's id (one home, one person). */
  personOf?: number;
}

export interface SandboxOrder {
  legacyId: number;
  name: string;
  /** The brand-local day of createdAt (the store's timezone). */
  date: LocalDate;
  createdAt: string;
  updatedAt: string;
  cancelledAt: string | null;
  customer: SandboxCustomer;
  presentmentCurrency: string;
  /** Shop currency per unit of presentment currency on the order's day. */
  presentmentRate: number;
  discountCodes: string[];
  subtotalMinor: number;
  discountMinor: number;
  shippingMinor: number;
  taxMinor: number;
  totalMinor: number;
  /** `province` is the name Shopify writes beside `provinceCode` (MailingAddress.province). */
  shipping: { countryCode: string; provinceCode: string; province: string; city: string };
  journey: { firstVisit: SandboxVisit; lastVisit: SandboxVisit } | null;
  lines: SandboxLine[];
  refunds: SandboxRefund[];
  fulfilledAt: string | null;
  /** Ground truth for other areas' tests: the campaign that drove the order, if any. */
  campaignId: string | null;
}

export interface SandboxInventory {
  variant: Variant;
  locationId: string;
  available: number;
  committed: number;
  incoming: number;
  updatedAt: string;
}

export const orderGid = (id: number) => `gid://shopify/Order/${id}`;
export const lineGid = (id: number) => `gid://shopify/LineItem/${id}`;
export const refundGid = (id: number) => `gid://shopify/Refund/${id}`;
export const customerGid = (id: number) => `gid://shopify/Customer/${id}`;
export const legacyOf = (gid: string) => Number(gid.slice(gid.lastIndexOf('/') + 1));

export function refundedMinor(order: SandboxOrder): number {
  return order.refunds.reduce((s, r) => s + r.totalMinor, 0);
}

export function financialStatus(order: SandboxOrder): 'PAID' | 'PARTIALLY_REFUNDED' | 'REFUNDED' {
  const refunded = refundedMinor(order);
  if (refunded === 0) return 'PAID';
  return refunded >= order.totalMinor ? 'REFUNDED' : 'PARTIALLY_REFUNDED';
}
