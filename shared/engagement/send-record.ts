import { z } from 'zod';
import { channelKindSchema } from '../domain/engagement/consent';

export const SEND_STATUSES = [
  /** In the holdout group: recorded, never sent. */
  'holdout',
  /** Dry run: rendered and checked, not sent. */
  'dry_run',
  /** Waiting for the end of the customer's quiet hours (releaseAt). */
  'held',
  'sending',
  /** A retryable failure: the next delivery of the task may claim it again. */
  'retry',
  'sent',
  'delivered',
  'undelivered',
  'failed',
  /** Not sent, with the reason: no consent, suppressed, frequency cap, no address. */
  'skipped',
] as const;
export type SendStatus = (typeof SEND_STATUSES)[number];

export const sendRecordSchema = z.object({
  id: z.string(),
  source: z.object({ kind: z.enum(['campaign', 'automation']), id: z.string() }),
  /** `campaign:<id>`: the field the results query filters on (Firestore cannot index a map). */
  sourceKey: z.string(),
  step: z.string(),
  customerId: z.string(),
  timeZone: z.string(),
  channel: channelKindSchema,
  to: z.string().nullable(),
  group: z.enum(['treated', 'holdout']),
  variantId: z.string().nullable(),
  subject: z.string().nullable(),
  text: z.string(),
  status: z.enum(SEND_STATUSES),
  reason: z.string().nullable(),
  providerId: z.string().nullable(),
  releaseAt: z.string().nullable(),
  sentAt: z.string().nullable(),
  clicked: z.boolean(),
  /** The email's open pixel was loaded (approximate: decision 935); records from before it lack it. */
  opened: z.boolean().default(false),
  unsubscribed: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type SendRecord = z.infer<typeof sendRecordSchema>;

/** Statuses that count as a message having reached the provider (frequency caps, results). */
export const WENT_OUT: ReadonlySet<SendStatus> = new Set(['sent', 'delivered', 'undelivered']);

/**
 * How far a message has got, for provider statuses that arrive out of order (Twilio may post
 * `sent` after `delivered`): a status never moves a message back.
 */
export const PROVIDER_STATUS_RANK: Readonly<Record<string, number>> = {
  sent: 1,
  undelivered: 2,
  failed: 2,
  delivered: 3,
  read: 4,
};

/** A status callback that arrived before the sender recorded the provider's id (kept on the link). */
export const pendingStatusSchema = z.object({ status: z.string(), errorCode: z.string().nullable() });
export const providerLinkSchema = z.object({
  sendId: z.string().optional(),
  pending: z.array(pendingStatusSchema).default([]),
});
