import type { MessageHandler, Topic } from './events';

/** What a function does, by trigger kind; composition roots adapt these to their platform. */
export type Handler =
  | {
      kind: 'http';
      fetch: (request: Request) => Response | Promise<Response>;
      /** Writes out what the handler buffers (observability events); called before shutdown. */
      flush?: () => Promise<void>;
    }
  | { kind: 'topic'; topic: Topic; handle: MessageHandler }
  | { kind: 'task'; handle: (payload: unknown, meta: { attempt: number }) => Promise<void> }
  | { kind: 'schedule'; run: () => Promise<void> };

/**
 * A topic handler typed by its topic. Both composition roots parse every message against
 * `topicSchemas[topic]` before calling `handle` (the embedded bus on delivery, the Functions runtime
 * on decoding the Pub/Sub envelope), so the narrowing here is what that parse proved.
 */
export function topicHandler<T extends Topic>(topic: T, handle: MessageHandler<T>): Handler {
  return { kind: 'topic', topic, handle: handle as MessageHandler };
}
