/**
 * Work items aimed at one handler (a platform sync for one brand), rate-limited per queue:
 * Cloud Tasks in production, a persistent in-process queue embedded. At-least-once.
 */
export interface EnqueueOptions {
  /** A task with the same name is accepted once (dedupe of schedules and double clicks). */
  name?: string;
  delayMs?: number;
}

export interface TaskQueue {
  enqueue(queue: string, payload: Record<string, unknown>, options?: EnqueueOptions): Promise<string>;
}

/**
 * Queues one task per `key` and window of `windowMs`, named for both and delayed to the window's
 * end: every request in a window after the first is a no-op (a name is accepted once), and the
 * task runs once, after the burst, over data that has settled (docs/decisions/301). The name,
 * with anything a queue name may not hold replaced by `_`, is also the task's idempotency key.
 */
export async function enqueueAtWindowEnd<T extends Record<string, unknown>>(
  // Not named `tasks`: infra/terraform/function-reach.ts reads the queue off each caller instead.
  queues: TaskQueue,
  queue: string,
  request: {
    key: string;
    /** After the window in the name: what else makes a request its own task. */
    suffix?: string;
    nowMs: number;
    windowMs: number;
    payload: (name: string) => T;
  },
): Promise<string> {
  const window = Math.floor(request.nowMs / request.windowMs);
  const name = `${request.key}-${window}${request.suffix ?? ''}`.replace(/[^A-Za-z0-9_-]/g, '_');
  await queues.enqueue(queue, request.payload(name), {
    name,
    delayMs: (window + 1) * request.windowMs - request.nowMs,
  });
  return name;
}
