import { z } from 'zod';
import { countString } from '../ads/connector';

/** Google Ads REST responses: camelCase JSON, int64 values as strings, doubles as numbers. */
export const streamSchema = z.array(
  z.object({
    results: z.array(z.unknown()).optional(),
    fieldMask: z.string().optional(),
    requestId: z.string().optional(),
  }),
);

export const customerRow = z.object({
  customer: z.object({ currencyCode: z.string(), timeZone: z.string() }),
});

export const geoRow = z.object({
  campaign: z.object({ id: z.string(), name: z.string().optional() }),
  segments: z.object({ date: z.string(), geoTargetRegion: z.string().optional() }),
  metrics: z.object({
    costMicros: z.string().regex(/^\d+$/).optional(),
    impressions: countString.optional(),
    clicks: countString.optional(),
    conversions: z.number().optional(),
    conversionsValue: z.number().optional(),
  }),
});
export type GeoRow = z.infer<typeof geoRow>;

export const geoTargetRow = z.object({
  geoTargetConstant: z.object({
    resourceName: z.string(),
    name: z.string(),
    countryCode: z.string().optional(),
  }),
});

export const campaignRow = z.object({
  campaign: z.object({
    id: z.string(),
    name: z.string(),
    status: z.string(),
    advertisingChannelType: z.string().optional(),
  }),
  campaignBudget: z
    .object({
      resourceName: z.string(),
      amountMicros: z.string().optional(),
      totalAmountMicros: z.string().optional(),
    })
    .optional(),
});
export type CampaignRow = z.infer<typeof campaignRow>;

export const mutateSchema = z.object({
  results: z.array(z.object({ resourceName: z.string().optional() })).optional(),
  partialFailureError: z.object({ code: z.number().optional(), message: z.string() }).optional(),
});

export const googleErrorSchema = z.object({
  error: z.object({ code: z.number(), message: z.string(), status: z.string().optional() }),
});

export const oauthTokenSchema = z.object({ access_token: z.string(), expires_in: z.number().optional() });
