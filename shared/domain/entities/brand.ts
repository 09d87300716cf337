import { z } from 'zod';
import { refundTimingSchema, revenueBasisSchema } from '../performance/revenue';
import { brandIdSchema } from '../tenancy';
import { isValidTimeZone } from '../time';

export const ATTRIBUTION_MODELS = [
  'first_touch',
  'last_touch',
  'linear',
  'time_decay',
  'position_based',
  'data_driven',
] as const;
export const attributionModelSchema = z.enum(ATTRIBUTION_MODELS);
export type AttributionModel = z.infer<typeof attributionModelSchema>;

export const ATTRIBUTION_WINDOWS = [1, 7, 28] as const;

export const brandTargetsSchema = z.object({
  roasTarget: z.number().positive().default(3),
  lowCoverDays: z.number().positive().default(14),
  overstockCoverDays: z.number().positive().default(90),
  attributionModel: attributionModelSchema.default('last_touch'),
  attributionWindowDays: z.union([z.literal(1), z.literal(7), z.literal(28)]).default(7),
  timeDecayHalfLifeDays: z.number().positive().default(7),
  roasDropAlertPct: z.number().positive().max(100).default(15),
  /** Recommendation thresholds; absent means the defaults in shared/domain/recommendations. */
  materialSpendSharePct: z.number().positive().max(100).optional(),
  scaleRoasMultiple: z.number().min(1).optional(),
  stockoutRiskDays: z.number().positive().optional(),
  /** What counts as revenue (docs/decisions/832-revenue-definition.md). */
  revenueBasis: revenueBasisSchema.default('order_total'),
  refundTiming: refundTimingSchema.default('refund_day'),
  /** The geo-and-time guess for orders no evidence ties to a campaign; reported apart as "modelled". */
  geoFallback: z.boolean().default(false),
});
export type BrandTargets = z.infer<typeof brandTargetsSchema>;

export const brandSchema = z.object({
  id: brandIdSchema,
  name: z.string().min(1).max(200),
  shopDomain: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]*\.myshopify\.com$/, 'shop domain must be <name>.myshopify.com'),
  currency: z.string().regex(/^[A-Z]{3}$/, 'ISO 4217 currency code'),
  timezone: z.string().refine(isValidTimeZone, 'IANA timezone, e.g. America/New_York'),
  /** ISO 3166-1 alpha-2 country of the store: the default region of national phone numbers. */
  country: z
    .string()
    .regex(/^[A-Z]{2}$/, 'ISO 3166-1 alpha-2 country code')
    .optional(),
  targets: brandTargetsSchema.default(brandTargetsSchema.parse({})),
  /** Discount code (upper-cased) → campaign id, editable per brand. */
  discountCodeCampaigns: z.record(z.string(), z.string()).default({}),
  /**
   * Campaign id → the products it promotes (variant ids, product ids or SKUs), set by the merchant
   * in the app, the API or a CSV; it wins over what a sync reported for that campaign.
   */
  campaignProducts: z.record(z.string(), z.array(z.string().min(1)).max(500)).optional(),
  notificationWebhookUrl: z.string().url().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Brand = z.infer<typeof brandSchema>;
