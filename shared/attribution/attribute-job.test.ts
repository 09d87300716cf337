import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestBrand } from '../../test/support/attribution-pass';
import { createInProcessTaskQueue } from '../adapters/embedded/in-process-task-queue';
import { createSqliteQueue, type SqliteQueue } from '../adapters/embedded/sqlite-queue';
import { sequentialIds } from '../ports/clock';
import type { EventBus, TopicInput } from '../ports/events';
import { createPerformanceFreshness } from '../reporting/freshness';
import { ATTRIBUTE_QUEUE, createAttributeJob } from './attribute-job';

const NOW = '2026-03-31T16:00:10Z';
type World = Awaited<ReturnType<typeof createTestBrand>>;

function recordingBus() {
  const published: Array<{ topic: string; message: TopicInput<'attribution.completed'> }> = [];
  const bus: EventBus = {
    async publish(topic, message) {
      published.push({ topic, message: message as TopicInput<'attribution.completed'> });
      return String(published.length);
    },
  };
  return { bus, published };
}

const synced = (platform: 'shopify' | 'meta' | 'tiktok') => ({
  tenantId: 't_attr',
  brandId: 'b1',
  platform,
  idempotencyKey: `sync:${platform}`,
});

describe('attribute job', () => {
  let w: World;
  let queue: SqliteQueue;
  beforeEach(async () => {
    w = await createTestBrand(NOW);
    queue = createSqliteQueue({
      filename: join(w.dir, 'q.sqlite'),
      clock: w.deps.clock,
      logger: w.deps.logger,
    });
  });
  afterEach(async () => {
    await queue.close(0);
    await w.close();
  });

  const job = () =>
    createAttributeJob(
      { ...w.deps, bus: recordingBus().bus, tasks: createInProcessTaskQueue(queue, sequentialIds('task')) },
      { debounceMs: 60_000 },
    );

  it('a burst of syncs within one window enqueues one pass, due at the window end', async () => {
    const j = job();
    const a = await j.onBrandSynced(synced('shopify'));
    w.deps.clock.advance(20_000);
    const b = await j.onBrandSynced(synced('meta'));
    w.deps.clock.advance(25_000);
    const c = await j.onBrandSynced(synced('tiktok'));
    expect(new Set([a.taskName, b.taskName, c.taskName]).size).toBe(1);
    expect(queue.backlog(`tasks/${ATTRIBUTE_QUEUE}`)).toBe(1);
  });

  it('a sync in the next window schedules the next pass', async () => {
    const j = job();
    await j.onBrandSynced(synced('shopify'));
    w.deps.clock.advance(60_000);
    await j.onBrandSynced(synced('meta'));
    expect(queue.backlog(`tasks/${ATTRIBUTE_QUEUE}`)).toBe(2);
  });

  it('different brands are debounced separately', async () => {
    const j = job();
    await j.onBrandSynced(synced('shopify'));
    await j.onBrandSynced({ ...synced('shopify'), brandId: 'b2' });
    expect(queue.backlog(`tasks/${ATTRIBUTE_QUEUE}`)).toBe(2);
  });

  it('the pass publishes attribution.completed with the range it replaced', async () => {
    const { bus, published } = recordingBus();
    const j = createAttributeJob({ ...w.deps, bus, tasks: createInProcessTaskQueue(queue, sequentialIds()) });
    const result = await j.runPass({
      tenantId: 't_attr',
      brandId: 'b1',
      idempotencyKey: 'attribute-t_attr-b1-1',
    });
    expect(published).toEqual([
      {
        topic: 'attribution.completed',
        message: expect.objectContaining({
          brandId: 'b1',
          range: result.range,
          idempotencyKey: 'attribution.completed:attribute-t_attr-b1-1',
        }),
      },
    ]);
    expect(result.range.to).toBe('2026-03-31');
  });

  it('the pass moves the brand’s freshness version, so every API instance reloads its rollup', async () => {
    const freshness = createPerformanceFreshness(w.deps.documents);
    const j = createAttributeJob({
      ...w.deps,
      bus: recordingBus().bus,
      tasks: createInProcessTaskQueue(queue, sequentialIds()),
    });
    expect(await freshness.version(w.ctx, 'b1')).toBeNull();
    await j.runPass({ tenantId: 't_attr', brandId: 'b1', idempotencyKey: 'first' });
    const first = await freshness.version(w.ctx, 'b1');
    expect(first).not.toBeNull();
    await j.runPass({ tenantId: 't_attr', brandId: 'b1', idempotencyKey: 'second' });
    expect(await freshness.version(w.ctx, 'b1')).not.toBe(first);
  });

  it('a task naming an earlier first day (an import of older history) recomputes from that day', async () => {
    const { bus } = recordingBus();
    const j = createAttributeJob({ ...w.deps, bus, tasks: createInProcessTaskQueue(queue, sequentialIds()) });
    const usual = await j.runPass({ tenantId: 't_attr', brandId: 'b1', idempotencyKey: 'usual' });
    expect(usual.range.from > '2025-12-01').toBe(true); // about 90 days back from 2026-03-31
    const older = await j.runPass({
      tenantId: 't_attr',
      brandId: 'b1',
      idempotencyKey: 'import',
      from: '2025-10-08',
    });
    expect(older.range).toEqual({ from: '2025-10-06', to: '2026-03-31' }); // from the Monday of that week
    // A first day inside the usual look-back changes nothing.
    const inside = await j.runPass({
      tenantId: 't_attr',
      brandId: 'b1',
      idempotencyKey: 'x',
      from: '2026-03-20',
    });
    expect(inside.range).toEqual(usual.range);
  });

  it('rejects a malformed task payload', async () => {
    await expect(job().runPass({ brandId: 'b1' })).rejects.toThrow();
  });
});
