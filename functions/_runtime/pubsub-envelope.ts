import { z } from 'zod';

/**
 * The data of a `google.cloud.pubsub.topic.v1.messagePublished` CloudEvent. Push subscriptions
 * POST `{message, subscription}`; the Functions Framework turns that into a CloudEvent with the
 * same `message`, so one guard serves both.
 */
const pubSubDataSchema = z.object({
  message: z.object({
    data: z.string().optional(),
    attributes: z.record(z.string(), z.string()).optional(),
    messageId: z.string().optional(),
    message_id: z.string().optional(),
  }),
  subscription: z.string().optional(),
  deliveryAttempt: z.number().int().positive().optional(),
});

export interface DecodedPubSubMessage {
  messageId: string;
  attributes: Record<string, string>;
  body: unknown;
  attempt: number;
}

export function isPubSubData(data: unknown): data is z.infer<typeof pubSubDataSchema> {
  return pubSubDataSchema.safeParse(data).success;
}

/** Decodes the base64 JSON body; throws on anything that is not a Pub/Sub message with JSON data. */
export function decodePubSubData(data: unknown, fallbackId: string): DecodedPubSubMessage {
  if (!isPubSubData(data)) throw new TypeError('not a Pub/Sub message');
  const { message } = data;
  const text = Buffer.from(message.data ?? '', 'base64').toString('utf8');
  return {
    messageId: message.messageId ?? message.message_id ?? fallbackId,
    attributes: message.attributes ?? {},
    body: JSON.parse(text),
    attempt: data.deliveryAttempt ?? 1,
  };
}
