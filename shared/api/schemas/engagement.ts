import { z } from 'zod';
import { channelKindSchema } from '../../domain/engagement/consent';

/**
 * Response shapes of the engagement results routes (a campaign's variants, an automation's steps),
 * in plain zod with no server code, so the API (which names them for OpenAPI) and the web app
 * (which checks what it receives) share one definition.
 */
export const engagementGroupSchema = z.object({
  customers: z.number(),
  orders: z.number(),
  revenueMinor: z.number(),
  revenuePerCustomerMinor: z.number(),
});

/** One row of results: a campaign's variant or an automation's step. */
export const resultRowSchema = engagementGroupSchema.extend({
  variantId: z.string(),
  name: z.string(),
  sent: z.number(),
  /** Null for email: SMTP acceptance is not delivery, and there is no delivery report. */
  delivered: z.number().nullable(),
  /**
   * Email only (null for SMS and WhatsApp: no pixel): approximate, as Apple Mail Privacy
   * Protection loads every image and blocked images load none (decision 935).
   */
  opened: z.number().nullable(),
  clicked: z.number(),
  unsubscribed: z.number(),
  /** Orders whose visit came from this row's UTM-tagged links, whoever placed them. */
  fromLinks: z.object({ orders: z.number(), revenueMinor: z.number() }),
  incrementalRevenueMinor: z.number().nullable(),
});

const windowSchema = z.object({ from: z.string(), to: z.string() });

export const campaignResultsSchema = z.object({
  campaignId: z.string(),
  name: z.string(),
  currency: z.string(),
  /** Null before the campaign was sent. */
  window: windowSchema.nullable(),
  variants: z.array(resultRowSchema),
  holdout: engagementGroupSchema,
  treated: engagementGroupSchema,
  incrementalRevenueMinor: z.number().nullable(),
});

export const automationResultsSchema = z.object({
  automationId: z.string(),
  name: z.string(),
  currency: z.string(),
  window: windowSchema,
  /** Every step in order, with zeros where nothing was sent in the window. */
  steps: z.array(resultRowSchema.extend({ step: z.number(), channel: channelKindSchema })),
  holdout: engagementGroupSchema,
  treated: engagementGroupSchema,
  incrementalRevenueMinor: z.number().nullable(),
});
