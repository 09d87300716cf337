import type { Ids } from '../../ports/clock';
import {
  type EventBus,
  type MessageHandler,
  parseTopicMessage,
  type Topic,
  topicSchemas,
} from '../../ports/events';
import type { ConsumerOptions, SqliteQueue } from './sqlite-queue';

/**
 * The embedded EventBus: Pub/Sub semantics over the persistent queue. Each subscription is its
 * own queue (`<topic>/<subscription>`), so one slow or failing subscriber does not hold back
 * another, and each message is validated against its topic schema on the way in and out.
 */
export function createInProcessBus(queue: SqliteQueue, ids: Ids) {
  const subscriptions = new Map<Topic, string[]>();
  const bus: EventBus & {
    subscribe<T extends Topic>(
      topic: T,
      subscription: string,
      handler: MessageHandler<T>,
      options?: ConsumerOptions,
    ): void;
  } = {
    async publish(topic, message, options) {
      const parsed = topicSchemas[topic].parse(message);
      const messageId = ids.next();
      for (const sub of subscriptions.get(topic) ?? []) {
        queue.enqueue(
          `${topic}/${sub}`,
          `${messageId}:${sub}`,
          parsed,
          options?.delayMs ? { delayMs: options.delayMs } : {},
        );
      }
      return messageId;
    },
    subscribe(topic, subscription, handler, options) {
      const subs = subscriptions.get(topic) ?? [];
      if (!subs.includes(subscription)) subscriptions.set(topic, [...subs, subscription]);
      queue.consume(
        `${topic}/${subscription}`,
        (m) => handler(parseTopicMessage(topic, m.payload), { attempt: m.attempt, messageId: m.id }),
        options,
      );
    },
  };
  return bus;
}
export type InProcessBus = ReturnType<typeof createInProcessBus>;
