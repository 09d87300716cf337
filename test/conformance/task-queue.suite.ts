import { describe, expect, it } from 'vitest';
import type { TaskQueue } from '../../shared/ports/task-queue';

/** What every TaskQueue backend must do: deliver, dedupe by name, retry, dead-letter. */
export interface TaskBackend {
  tasks: TaskQueue;
  handle(
    queue: string,
    handler: (payload: Record<string, unknown>, attempt: number) => Promise<void>,
    options: { maxAttempts: number },
  ): void;
  settle(): Promise<void>;
  deadLetters(queue: string): Promise<unknown[]>;
  close(): Promise<void>;
}
export type TaskFactory = () => Promise<TaskBackend>;

async function withTasks(make: TaskFactory, fn: (b: TaskBackend) => Promise<void>) {
  const b = await make();
  try {
    await fn(b);
  } finally {
    await b.close();
  }
}

export const taskQueueChecks: Record<string, (make: TaskFactory) => Promise<void>> = {
  'a named task is accepted once': (make) =>
    withTasks(make, async (b) => {
      const seen: unknown[] = [];
      b.handle('sync-shopify', async (p) => void seen.push(p.brandId), { maxAttempts: 3 });
      await b.tasks.enqueue('sync-shopify', { brandId: 'b1' }, { name: 'sync-b1-hour-1' });
      await b.tasks.enqueue('sync-shopify', { brandId: 'b1' }, { name: 'sync-b1-hour-1' });
      await b.tasks.enqueue('sync-shopify', { brandId: 'b2' });
      await b.settle();
      expect(seen.sort()).toEqual(['b1', 'b2']);
    }),

  'a failing task is retried and then dead-lettered': (make) =>
    withTasks(make, async (b) => {
      const attempts: number[] = [];
      b.handle(
        'sync-meta',
        async (_p, attempt) => {
          attempts.push(attempt);
          throw new Error('platform down');
        },
        { maxAttempts: 2 },
      );
      await b.tasks.enqueue('sync-meta', { brandId: 'b1' });
      await b.settle();
      expect(attempts).toEqual([1, 2]);
      expect(await b.deadLetters('sync-meta')).toEqual([{ brandId: 'b1' }]);
    }),
};

export function describeTaskQueueConformance(backend: string, make: TaskFactory): void {
  describe(`TaskQueue conformance: ${backend}`, () => {
    for (const [name, check] of Object.entries(taskQueueChecks)) it(name, () => check(make));
  });
}
