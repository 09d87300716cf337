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
