import type { MessageHandler, Topic } from '../ports/events';

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
