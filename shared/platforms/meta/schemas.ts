import { z } from 'zod';
import { countString } from '../ads/connector';

/** Meta Graph API response shapes we read (numbers arrive as strings). */
const pagingSchema = z
  .object({ cursors: z.object({ after: z.string().optional() }).optional(), next: z.string().optional() })
  .optional();

export const pageSchema = <T extends z.ZodType>(item: T) =>
  z.object({ data: z.array(item), paging: pagingSchema });

export const accountSchema = z.object({
  id: z.string(),
  currency: z.string().regex(/^[A-Z]{3}$/),
  timezone_name: z.string(),
  name: z.string().optional(),
});

const actionSchema = z.looseObject({ action_type: z.string(), value: z.string() });

export const insightSchema = z.object({
  campaign_id: z.string(),
  campaign_name: z.string().optional(),
  /** At `level=adset` (https://developers.facebook.com/docs/marketing-api/reference/ad-account/insights/). */
  adset_id: z.string().optional(),
  adset_name: z.string().optional(),
  date_start: z.string(),
  date_stop: z.string(),
  region: z.string().optional(),
  country: z.string().optional(),
  spend: z.string().optional(),
  impressions: countString.optional(),
  clicks: countString.optional(),
  attribution_setting: z.string().optional(),
  actions: z.array(actionSchema).optional(),
  action_values: z.array(actionSchema).optional(),
});
export type Insight = z.infer<typeof insightSchema>;

export const reportRunSchema = z.object({ report_run_id: z.string() });
export const reportStatusSchema = z.object({
  id: z.string(),
  async_status: z.string(),
  async_percent_completion: z.number().optional(),
});

export const campaignSchema = z.object({
  id: z.string(),
  name: z.string(),
  status: z.string(),
  objective: z.string().optional(),
  daily_budget: z.string().optional(),
  lifetime_budget: z.string().optional(),
});

export const successSchema = z.object({ success: z.literal(true) });
export const tokenSchema = z.object({ access_token: z.string(), expires_in: z.number().optional() });
