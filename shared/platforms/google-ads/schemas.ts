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
  customer: z.object({
    currencyCode: z.string(),
    timeZone: z.string(),
    descriptiveName: z.string().optional(),
  }),
});

export const geoRow = z.object({
  campaign: z.object({ id: z.string(), name: z.string().optional() }),
  /** `ad_group` segments geographic_view (https://developers.google.com/google-ads/api/fields/v21/geographic_view). */
  adGroup: z.object({ id: z.string(), name: z.string().optional() }).optional(),
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

/**
 * A `click_view` row: one click's gclid and the campaign it was on (GAQL
 * `SELECT click_view.gclid, campaign.id, segments.date FROM click_view WHERE segments.date = '…'`;
 * https://developers.google.com/google-ads/api/fields/v21/click_view). Rows of App campaigns
 * carry no gclid.
 */
export const clickViewRow = z.object({
  clickView: z.object({ resourceName: z.string().optional(), gclid: z.string().optional() }),
  campaign: z.object({ id: z.string() }),
  segments: z.object({ date: z.string() }),
});

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

/**
 * Google's error object (https://cloud.google.com/apis/design/errors: `code`, `message`, `status`,
 * `details`); the Google Ads API puts a GoogleAdsFailure in `details` whose `errors[].message` says
 * what happened in words (https://developers.google.com/google-ads/api/reference/rpc/v21/GoogleAdsFailure).
 */
export const googleErrorSchema = z.object({
  error: z.object({
    code: z.number(),
    message: z.string(),
    status: z.string().optional(),
    details: z
      .array(
        z.object({
          errors: z
            .array(
              z.object({
                // One key naming the error family and its code, e.g. {authorizationError: "USER_PERMISSION_DENIED"}.
                errorCode: z.record(z.string(), z.unknown()).optional(),
                message: z.string().optional(),
              }),
            )
            .optional(),
        }),
      )
      .optional(),
  }),
});

export const oauthTokenSchema = z.object({ access_token: z.string(), expires_in: z.number().optional() });
