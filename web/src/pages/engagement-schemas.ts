import { z } from 'zod';
import {
  automationResultsSchema,
  campaignResultsSchema,
  type engagementGroupSchema,
  type resultRowSchema,
} from '../../../shared/api/schemas/engagement';

/** What the engagement pages read from /api/brands/{brandId}/engagement (shared/api/routes/engagement.ts). */
export const CHANNELS = ['email', 'sms', 'whatsapp'] as const;
export const CHANNEL_LABELS: Readonly<Record<(typeof CHANNELS)[number], string>> = {
  email: 'Email',
  sms: 'SMS',
  whatsapp: 'WhatsApp',
};

export const variant = z.object({
  id: z.string(),
  name: z.string(),
  weight: z.number(),
  subject: z.string().nullable(),
  text: z.string(),
});
export const campaign = z.object({
  id: z.string(),
  name: z.string(),
  channel: z.enum(CHANNELS),
  segment: z.string().nullable(),
  holdoutShare: z.number(),
  variants: z.array(variant),
  attributionDays: z.number(),
  /** Products the campaign features (a stockout pauses a draft featuring one). */
  productIds: z.array(z.string()).optional(),
  interestIn: z.object({ variantId: z.string(), productId: z.string().nullable() }).optional(),
  status: z.enum(['draft', 'sending', 'sent', 'paused']),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});
export type Campaign = z.infer<typeof campaign>;
export const campaignList = z.object({ campaigns: z.array(campaign) });
export const campaignWithAudience = campaign.extend({
  audienceCount: z.number(),
  /** The real send's progress once started; a stockout can pause it mid-send (decision 950). */
  progress: z
    .object({
      sendId: z.string(),
      done: z.boolean(),
      sent: z.number(),
      reached: z.number(),
      remaining: z.number().nullable(),
    })
    .nullable()
    .default(null),
});
export type CampaignWithAudience = z.infer<typeof campaignWithAudience>;
export const audienceCount = z.object({ count: z.number() });
export const preview = z.object({
  sample: z.object({
    customerId: z.string().nullable(),
    values: z.record(z.string(), z.string().nullable()),
  }),
  variants: z.array(z.object({ variantId: z.string(), subject: z.string().nullable(), text: z.string() })),
});

export type Group = z.infer<typeof engagementGroupSchema>;
/** A campaign variant's or an automation step's results. */
export type ResultRow = z.infer<typeof resultRowSchema>;
export const results = campaignResultsSchema;
export type Results = z.infer<typeof results>;
export const automationResults = automationResultsSchema;
export type AutomationResults = z.infer<typeof automationResults>;

export const step = z.object({
  waitMinutes: z.number(),
  channel: z.enum(CHANNELS),
  subject: z.string().nullable(),
  text: z.string(),
});
export type Step = z.infer<typeof step>;
export const automation = z.object({
  id: z.string(),
  name: z.string(),
  triggerEvent: z.string(),
  exitOnOrder: z.boolean(),
  steps: z.array(step),
  holdoutShare: z.number(),
  priority: z.number(),
  productIds: z.array(z.string()).optional(),
  status: z.enum(['active', 'paused']),
  createdAt: z.string(),
});
export type Automation = z.infer<typeof automation>;
export const automationList = z.object({ automations: z.array(automation) });

export const message = z.object({
  id: z.string(),
  source: z.object({ kind: z.enum(['campaign', 'automation']), id: z.string() }),
  channel: z.enum(CHANNELS),
  to: z.string().nullable(),
  group: z.enum(['treated', 'holdout']),
  subject: z.string().nullable(),
  text: z.string(),
  status: z.string(),
  reason: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});
export type Message = z.infer<typeof message>;
export const outbox = z.object({
  messages: z.array(message),
  channels: z.array(z.enum(CHANNELS)),
  dryRun: z.boolean(),
});

/** Triggers the builder offers, in the words a merchant uses. */
export const TRIGGERS: readonly (readonly [string, string])[] = [
  ['checkout_started', 'Checkout started and not completed (cart abandonment)'],
  ['product_added_to_cart', 'Product added to cart'],
  ['product_viewed', 'Product viewed'],
  ['order_placed', 'Order placed'],
];
export const triggerLabel = (event: string) => TRIGGERS.find(([id]) => id === event)?.[1] ?? event;

/** "1 h", "1 d 2 h", "30 min": how long a step waits. */
export function waitLabel(minutes: number): string {
  if (minutes === 0) return 'at once';
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  return [d ? `${d} d` : '', h ? `${h} h` : '', m ? `${m} min` : ''].filter(Boolean).join(' ');
}

/** Outbox statuses and skip reasons in words. */
export const STATUS_LABELS: Readonly<Record<string, string>> = {
  holdout: 'Held out (control group)',
  dry_run: 'Would be sent (dry run)',
  held: 'Waiting for the end of quiet hours',
  sending: 'Sending',
  retry: 'Will retry',
  sent: 'Sent',
  delivered: 'Delivered',
  undelivered: 'Undelivered',
  failed: 'Failed',
  skipped: 'Not sent',
};
export const REASON_LABELS: Readonly<Record<string, string>> = {
  no_address: 'no address on file',
  suppressed: 'address suppressed (bounce or complaint)',
  opted_out: 'opted out',
  no_consent: 'no consent',
  frequency_cap: 'frequency cap reached',
  channel_not_configured: 'channel not configured',
  quiet_hours: "customer's quiet hours",
  invalid_recipient: 'invalid address',
  unsubscribed: 'unsubscribed',
  plan_limit: "this month's message allowance is used up",
  read_only: 'the subscription is read-only',
};
