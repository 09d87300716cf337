import { z } from 'zod';
import { SEGMENTS } from '../domain/customers/segments/rfm';

/**
 * The customer list's query and answer (shared/customers/list.ts), server-free (zod and the
 * domain only) so the API, its OpenAPI document and the web app share one definition.
 */
export const CUSTOMER_LIST_SORTS = ['revenue', 'orders', 'last_order', 'value_365'] as const;
export type CustomerListSort = (typeof CUSTOMER_LIST_SORTS)[number];

/** Rows a page may hold, and the deepest page: a bound on the offset the warehouse skips. */
export const CUSTOMER_LIST_MAX_SIZE = 100;
export const CUSTOMER_LIST_MAX_PAGE = 1_000;

export const customerListQuerySchema = z.object({
  sort: z.enum(CUSTOMER_LIST_SORTS).default('revenue'),
  order: z.enum(['asc', 'desc']).default('desc'),
  segment: z.enum(SEGMENTS).optional(),
  page: z.coerce.number().int().min(1).max(CUSTOMER_LIST_MAX_PAGE).default(1),
  size: z.coerce.number().int().min(1).max(CUSTOMER_LIST_MAX_SIZE).default(25),
});
export type CustomerListQuery = z.infer<typeof customerListQuerySchema>;

export const customerListRowSchema = z.object({
  /** The store customer the row is (orders and predictions are kept per store customer). */
  customerId: z.string(),
  /** The profile holding that store customer, for the link to Customer 360; null when none does. */
  profileId: z.string().nullable(),
  /** First and last name as the profile holds them; null without one (or without a profile). */
  name: z.string().nullable(),
  email: z.string().nullable(),
  orders: z.number().int(),
  /** Non-cancelled orders' totals less their refunds, as Customer 360 counts them. */
  revenueMinor: z.number().int(),
  lastOrderAt: z.string().nullable(),
  /** From the latest customer-analytics run; null for a customer who first ordered after it. */
  segment: z.enum(SEGMENTS).nullable(),
  segmentLabel: z.string().nullable(),
  value365Minor: z.number().int().nullable(),
});
export type CustomerListRow = z.infer<typeof customerListRowSchema>;

export const customerListResponseSchema = z.object({
  currency: z.string(),
  /** The as-of day of the run the segments and predicted values come from; null before the first. */
  asOf: z.string().nullable(),
  total: z.number().int(),
  page: z.number().int(),
  size: z.number().int(),
  rows: z.array(customerListRowSchema),
});
export type CustomerListResponse = z.infer<typeof customerListResponseSchema>;
