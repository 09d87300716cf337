import { z } from 'zod';
import { countString } from '../ads/connector';
import { pageInfoSchema } from './envelope';

/**
 * TikTok Business API v1.3 `data` shapes we read (metrics arrive as strings). Reports are read at
 * `AUCTION_ADGROUP`: `adgroup_id` is the row's id dimension and the campaign comes as the
 * attribute metrics `campaign_id`/`campaign_name`, which only BASIC reports carry.
 */
export const reportRowSchema = z.object({
  dimensions: z.object({
    adgroup_id: z.string(),
    stat_time_day: z.string().regex(/^\d{4}-\d{2}-\d{2}/),
    country_code: z.string().optional(),
    province_id: z.string().optional(),
  }),
  metrics: z.object({
    adgroup_name: z.string().optional(),
    campaign_id: z.string().optional(),
    campaign_name: z.string().optional(),
    currency: z.string().optional(),
    spend: z.string().optional(),
    impressions: countString.optional(),
    clicks: countString.optional(),
    complete_payment: countString.optional(),
    total_complete_payment_rate: z.string().optional(),
  }),
});
export const listPage = <T extends z.ZodType>(item: T) =>
  z.object({ list: z.array(item), page_info: pageInfoSchema });
export const advertiserSchema = z.object({
  list: z.array(
    z.object({
      advertiser_id: z.string(),
      name: z.string().optional(),
      currency: z.string(),
      timezone: z.string(),
    }),
  ),
});
export const campaignSchema = z.object({
  campaign_id: z.string(),
  campaign_name: z.string(),
  objective_type: z.string().optional(),
  budget: z.number().optional(),
  budget_mode: z.string().optional(),
  operation_status: z.string(),
});
export const tokenSchema = z.object({
  access_token: z.string(),
  refresh_token: z.string().optional(),
  access_token_expire_in: z.number().optional(),
});
export type ReportRow = z.infer<typeof reportRowSchema>;
export type Campaign = z.infer<typeof campaignSchema>;
