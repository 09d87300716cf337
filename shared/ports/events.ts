import { z } from 'zod';
import { platformSchema } from '../domain/entities/integration';

/**
 * Topics and their message schemas. Every message names its tenant and brand and carries an
 * idempotency key: delivery is at-least-once everywhere, so handlers dedupe or are idempotent.
 */
const envelope = {
  tenantId: z.string(),
  brandId: z.string(),
  idempotencyKey: z.string(),
  traceparent: z.string().optional(),
};

const dateRange = z.object({ from: z.string(), to: z.string() });

export const topicSchemas = {
  'sync.requested': z.object({
    ...envelope,
    platform: platformSchema,
    /** 'backfill' re-reads everything; 'incremental' reads since the cursor / trailing window. */
    mode: z.enum(['backfill', 'incremental']).default('incremental'),
    requestedBy: z.string().optional(),
  }),
  'brand.synced': z.object({ ...envelope, platform: platformSchema, range: dateRange.optional() }),
  'attribution.completed': z.object({ ...envelope, range: dateRange }),
  /**
   * Orders, refunds or cancellations written by a webhook or a sync page: the brand-local days
   * they fall on, for the incremental attribution update (docs/decisions/305).
   */
  'orders.changed': z.object({
    ...envelope,
    days: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/)).min(1),
  }),
  'recommendations.generated': z.object({ ...envelope, opened: z.number().int(), updated: z.number().int() }),
  'alert.raised': z.object({ ...envelope, alertId: z.string() }),
  /** Customer events stored (the customers contract, issue #18): identity resolution reads them by id. */
  'customer.events': z.object({ ...envelope, eventIds: z.array(z.string()).min(1) }),
  'shopify.webhook': z.object({
    ...envelope,
    topic: z.string(),
    webhookId: z.string(),
    payload: z.unknown(),
  }),
} as const;

export type Topic = keyof typeof topicSchemas;
export const TOPICS = Object.keys(topicSchemas) as Topic[];
export type TopicMessage<T extends Topic> = z.infer<(typeof topicSchemas)[T]>;
export type TopicInput<T extends Topic> = z.input<(typeof topicSchemas)[T]>;

export function isTopic(name: string): name is Topic {
  return Object.hasOwn(topicSchemas, name);
}

/** Parses a message from the wire (Pub/Sub envelope, queue row) against its topic's schema. */
export function parseTopicMessage<T extends Topic>(topic: T, data: unknown): TopicMessage<T> {
  return topicSchemas[topic].parse(data) as TopicMessage<T>;
}

export interface PublishOptions {
  /** Deliver no earlier than this many ms from now (used to debounce bursts). */
  delayMs?: number;
}

export interface EventBus {
  publish<T extends Topic>(topic: T, message: TopicInput<T>, options?: PublishOptions): Promise<string>;
}

export type MessageHandler<T extends Topic = Topic> = (
  message: TopicMessage<T>,
  meta: { attempt: number; messageId: string },
) => Promise<void>;
