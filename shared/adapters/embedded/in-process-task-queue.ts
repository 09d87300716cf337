import type { Ids } from '../../ports/clock';
import type { TaskQueue } from '../../ports/task-queue';
import type { ConsumerOptions, SqliteQueue } from './sqlite-queue';

/** The embedded TaskQueue: named queues over the persistent queue, rate-limited per queue. */
export function createInProcessTaskQueue(queue: SqliteQueue, ids: Ids) {
  const tasks: TaskQueue & {
    handle(
      name: string,
      handler: (payload: Record<string, unknown>, attempt: number) => Promise<void>,
      options?: ConsumerOptions,
    ): void;
  } = {
    async enqueue(name, payload, options = {}) {
      const id = ids.next();
      queue.enqueue(`tasks/${name}`, id, payload, options);
      return id;
    },
    handle(name, handler, options) {
      queue.consume(
        `tasks/${name}`,
        (m) => handler(m.payload as Record<string, unknown>, m.attempt),
        options,
      );
    },
  };
  return tasks;
}
