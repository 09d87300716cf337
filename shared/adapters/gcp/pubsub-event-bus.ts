import type { PubSub } from '@google-cloud/pubsub';
import type { Clock } from '../../ports/clock';
import { type EventBus, topicSchemas } from '../../ports/events';
import { retryOnTransient } from './google-errors';
import { lazy } from './lazy';

export interface PubSubEventBusOptions {
  projectId: string;
  /** `host:port` of the Pub/Sub emulator (PUBSUB_EMULATOR_HOST). */
  emulatorHost?: string;
  clock: Clock;
}

/**
 * Pub/Sub has no delayed delivery, so a delayed publish carries the earliest delivery time in
 * this attribute and the subscriber's runtime answers "not yet" (a 5xx, so Pub/Sub redelivers
 * with the subscription's backoff) until it is due (docs/decisions/703).
 */
export const DELIVER_AFTER_ATTRIBUTE = 'deliverAfter';

/**
 * The EventBus on Pub/Sub: one topic per event name (Terraform creates them from TOPICS). The
 * message is validated against its topic schema before it leaves, and its attributes carry the
 * tenant, brand, idempotency key and trace so subscriptions, logs and dead-letter tooling can
 * route and find messages without parsing bodies.
 */
export function createPubSubEventBus(options: PubSubEventBusOptions): EventBus & { close(): Promise<void> } {
  const client = lazy(async (): Promise<PubSub> => {
    const { PubSub } = await import('@google-cloud/pubsub');
    return new PubSub({
      projectId: options.projectId,
      ...(options.emulatorHost ? { apiEndpoint: options.emulatorHost, emulatorMode: true } : {}),
    });
  });

  return {
    async publish(topic, message, publishOptions) {
      const parsed = topicSchemas[topic].parse(message);
      const attributes: Record<string, string> = {
        tenantId: parsed.tenantId,
        brandId: parsed.brandId,
        idempotencyKey: parsed.idempotencyKey,
      };
      if (parsed.traceparent) attributes.traceparent = parsed.traceparent;
      if (publishOptions?.delayMs)
        attributes[DELIVER_AFTER_ATTRIBUTE] = new Date(
          options.clock.now().getTime() + publishOptions.delayMs,
        ).toISOString();
      const pubsub = await client();
      return retryOnTransient(`Pub/Sub publish to ${topic}`, () =>
        pubsub.topic(topic).publishMessage({ data: Buffer.from(JSON.stringify(parsed)), attributes }),
      );
    },
    async close() {
      const made = client.peek();
      if (made) await (await made).close();
    },
  };
}
