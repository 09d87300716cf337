import { afterEach, describe, expect, it } from 'vitest';
import { embeddedQueue } from '../../../test/conformance/embedded-queue';
import { fixedClock } from '../../ports/clock';

let cleanup: (() => Promise<void>) | undefined;

/**
 * Runs the dispatcher `times` times, waiting each time until it has run (the timer `poke` sets
 * fires before one set after it), so "still only N" is checked after real dispatch attempts.
 */
async function pumpTimes(queue: { poke(): void }, times = 5) {
  for (let i = 0; i < times; i++) {
    queue.poke();
    await new Promise((r) => setTimeout(r, 1));
  }
}
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

describe('sqlite queue', () => {
  it('dispatches no faster than the queue rate (tokens refill with the clock)', async () => {
    const clock = fixedClock('2026-01-01T00:00:00Z');
    const q = embeddedQueue({ clock });
    cleanup = q.cleanup;
    const done: number[] = [];
    q.queue.consume('tasks/sync-meta', async (m) => void done.push((m.payload as { n: number }).n), {
      ratePerSecond: 2,
      concurrency: 10,
    });
    for (let n = 1; n <= 5; n++) q.queue.enqueue('tasks/sync-meta', `t${n}`, { n });
    await expect.poll(() => done.length).toBe(2);
    // The clock has not moved: however often the dispatcher runs, no third token appears.
    await pumpTimes(q.queue);
    expect(done).toHaveLength(2);
    expect(q.queue.backlog('tasks/sync-meta')).toBe(3);
    clock.advance(1000);
    q.queue.poke();
    await expect.poll(() => done.length).toBe(4);
    await pumpTimes(q.queue);
    expect(done).toEqual([1, 2, 3, 4]);
  });

  it('holds a delayed message until it is due', async () => {
    const clock = fixedClock('2026-01-01T00:00:00Z');
    const q = embeddedQueue({ clock });
    cleanup = q.cleanup;
    const done: string[] = [];
    q.queue.consume('debounce', async (m) => void done.push(m.id));
    q.queue.enqueue('debounce', 'later', {}, { delayMs: 60_000 });
    // Drained: nothing in flight and nothing due; the delayed message is not due for a minute.
    await q.queue.drain(2_000);
    await pumpTimes(q.queue);
    expect(done).toEqual([]);
    clock.advance(60_000);
    await q.queue.drain(2_000);
    expect(done).toEqual(['later']);
  });
});
