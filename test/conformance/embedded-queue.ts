import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInProcessBus } from '../../shared/adapters/embedded/in-process-bus';
import { createInProcessTaskQueue } from '../../shared/adapters/embedded/in-process-task-queue';
import { createSqliteQueue, type SqliteQueueOptions } from '../../shared/adapters/embedded/sqlite-queue';
import { createMemoryLogger } from '../../shared/kernel/logging/logger';
import { randomIds, systemClock } from '../../shared/ports/clock';
import type { BusBackend } from './event-bus.suite';
import type { TaskBackend } from './task-queue.suite';

/** An embedded bus on a fresh queue file with millisecond backoff, as the conformance suites use it. */
export function embeddedQueue(over: Partial<SqliteQueueOptions> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'pp-queue-'));
  const queue = createSqliteQueue({
    filename: join(dir, 'queue.sqlite'),
    clock: systemClock,
    logger: createMemoryLogger(),
    baseBackoffMs: 1,
    pollIntervalMs: 5,
    ...over,
  });
  return {
    dir,
    queue,
    cleanup: async () => {
      await queue.close(1_000);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function embeddedBusBackend(): Promise<BusBackend> {
  const { queue, cleanup } = embeddedQueue();
  const bus = createInProcessBus(queue, randomIds);
  return {
    bus,
    subscribe: (topic, sub, handler, options) => bus.subscribe(topic, sub, handler, options),
    settle: () => queue.drain(10_000),
    deadLetters: async (topic, sub) => queue.deadLetters(`${topic}/${sub}`).map((d) => d.payload),
    close: cleanup,
  };
}

export async function embeddedTaskBackend(): Promise<TaskBackend> {
  const { queue, cleanup } = embeddedQueue();
  const tasks = createInProcessTaskQueue(queue, randomIds);
  return {
    tasks,
    handle: (name, handler, options) => tasks.handle(name, handler, options),
    settle: () => queue.drain(10_000),
    deadLetters: async (name) => queue.deadLetters(`tasks/${name}`).map((d) => d.payload),
    close: cleanup,
  };
}
