import { describe, expect, it } from 'vitest';
import { systemContext } from '../domain/tenancy';
import { fixedClock } from '../ports/clock';
import type { EnqueueOptions } from '../ports/task-queue';
import { ATTRIBUTE_QUEUE } from './attribute-job';
import { createAttributionRequester } from './request-pass';

function recordingTasks() {
  const enqueued: Array<{ queue: string; payload: Record<string, unknown>; options?: EnqueueOptions }> = [];
  return {
    enqueued,
    tasks: {
      async enqueue(queue: string, payload: Record<string, unknown>, options?: EnqueueOptions) {
        enqueued.push({ queue, payload, ...(options ? { options } : {}) });
        return String(enqueued.length);
      },
    },
  };
}

const ctx = systemContext('t1', 'test');

describe('requesting an attribution pass after an import or a settings edit', () => {
  it('a burst within one window is one named task that runs at the window’s end, after all of it', async () => {
    const clock = fixedClock('2026-12-05T10:00:03Z');
    const { tasks, enqueued } = recordingTasks();
    const request = createAttributionRequester({ tasks, clock }, 'import', 20_000);
    await request(ctx, 'b1', '2026-03-02'); // the orders file
    clock.advance(9_000);
    await request(ctx, 'b1', '2026-03-02'); // the Meta file, nine seconds later
    expect(enqueued.map((e) => e.options?.name)).toEqual([
      enqueued[0]!.options!.name,
      enqueued[0]!.options!.name,
    ]);
    expect(enqueued[0]!.queue).toBe(ATTRIBUTE_QUEUE);
    // Due at 10:00:20, the end of the 20-second window both fell in.
    expect(enqueued.map((e) => e.options?.delayMs)).toEqual([17_000, 8_000]);
    expect(enqueued[0]!.payload).toMatchObject({ tenantId: 't1', brandId: 'b1', from: '2026-03-02' });
  });

  it('a change in the next window, or reaching back to another day, is a pass of its own', async () => {
    const clock = fixedClock('2026-12-05T10:00:03Z');
    const { tasks, enqueued } = recordingTasks();
    const request = createAttributionRequester({ tasks, clock }, 'import', 20_000);
    await request(ctx, 'b1');
    await request(ctx, 'b1', '2026-01-05');
    clock.advance(20_000);
    await request(ctx, 'b1');
    expect(new Set(enqueued.map((e) => e.options?.name)).size).toBe(3);
  });
});
