import type { AdPlatform } from '../entities/integration';
import type { LocalDate } from '../time';

export interface LineFacts {
  readonly variantId: string | null;
  readonly productId: string | null;
  readonly quantity: number;
  /** Line total after discounts, brand currency minor units. */
  readonly totalMinor: number;
  readonly unitCostMinor: number | null;
}

/** Where an order's credit went under the brand's chosen model. */
export interface OrderShare {
  readonly channel: string;
  readonly platform: AdPlatform | null;
  readonly campaignId: string | null;
  readonly credit: number;
}

export interface AttributedOrder {
  readonly orderId: string;
  readonly date: LocalDate;
  readonly region: string | null;
  readonly lines: readonly LineFacts[];
  readonly shares: readonly OrderShare[];
  /** Known fulfillment cost of the order (shipping labels, pick & pack); null when unknown. */
  readonly fulfillmentCostMinor: number | null;
}

/** A refund or cancellation, on its own local day. */
export interface Adjustment {
  readonly orderId: string;
  readonly date: LocalDate;
  readonly kind: 'refund' | 'cancellation';
  readonly variantId: string | null;
  readonly quantity: number;
  readonly amountMinor: number;
}

export interface SpendFact {
  readonly date: LocalDate;
  readonly platform: AdPlatform;
  readonly campaignId: string;
  readonly region: string | null;
  readonly spendMinor: number;
}

export const SPEND_ALLOCATION_METHODS = ['promoted_products', 'attributed_revenue', 'unallocated'] as const;
export type SpendAllocationMethod = (typeof SPEND_ALLOCATION_METHODS)[number];

export interface Stock {
  readonly available: number;
  readonly daysOfCover: number | null;
}

export interface UnifiedRow {
  readonly date: LocalDate;
  readonly channel: string;
  readonly platform: AdPlatform | null;
  readonly campaignId: string | null;
  readonly region: string | null;
  readonly productId: string | null;
  readonly variantId: string | null;
  readonly spendMinor: number;
  readonly revenueMinor: number;
  readonly orders: number;
  readonly units: number;
  readonly cogsMinor: number;
  readonly fulfillmentCostMinor: number | null;
  /** Revenue − COGS − fulfillment − spend. */
  readonly profitMinor: number;
  /** Revenue ÷ spend; null without spend (never 0 or Infinity). */
  readonly roas: number | null;
  /** Gross profit before ad spend ÷ spend; null without spend. */
  readonly poas: number | null;
  readonly stockAvailable: number | null;
  readonly daysOfCover: number | null;
  readonly spendAllocationMethod: SpendAllocationMethod | null;
}
