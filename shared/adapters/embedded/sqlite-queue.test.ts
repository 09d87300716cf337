import { afterEach, describe, expect, it } from 'vitest';
import { embeddedQueue } from '../../../test/conformance/embedded-queue';
import { fixedClock } from '../../ports/clock';

let cleanup: (() => Promise<void>) | undefined;
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
    await new Promise((r) => setTimeout(r, 100));
    expect(done).toHaveLength(2);
    clock.advance(1000);
    q.queue.poke();
    await new Promise((r) => setTimeout(r, 100));
    expect(done).toHaveLength(4);
  });

  it('holds a delayed message until it is due', async () => {
    const clock = fixedClock('2026-01-01T00:00:00Z');
    const q = embeddedQueue({ clock });
    cleanup = q.cleanup;
    const done: string[] = [];
    q.queue.consume('debounce', async (m) => void done.push(m.id));
    q.queue.enqueue('debounce', 'later', {}, { delayMs: 60_000 });
    await new Promise((r) => setTimeout(r, 50));
    expect(done).toEqual([]);
    clock.advance(60_000);
    await q.queue.drain(2_000);
    expect(done).toEqual(['later']);
  });
});
