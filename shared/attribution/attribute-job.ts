import { z } from 'zod';
import { systemContext } from '../domain/tenancy';
import { localDate } from '../domain/time';
import type { Logger } from '../kernel/logging/logger';
import type { Clock, Ids } from '../ports/clock';
import type { DocumentDb } from '../ports/document-db';
import type { EventBus, TopicMessage } from '../ports/events';
import type { OperationalStore } from '../ports/operational-store';
import { enqueueAtWindowEnd, type TaskQueue } from '../ports/task-queue';
import type { Warehouse } from '../ports/warehouse';
import { createPerformanceFreshness } from '../reporting/freshness';
import { changedDays, dayFingerprints } from './incremental/fingerprint';
import { runIncrementalUpdate } from './incremental/update';
import { passRange } from './pass/context';
import { type PassOptions, type PassResult, runAttributionPass } from './pass/run';

/** The Cloud Tasks queue (and manifest function `attribute-pass`) that runs debounced passes. */
export const ATTRIBUTE_QUEUE = 'attribute';

export const attributeTaskSchema = z.object({
  tenantId: z.string(),
  brandId: z.string(),
  idempotencyKey: z.string(),
  traceparent: z.string().optional(),
  /**
   * The earliest day to recompute, when it is older than the pass's usual look-back: an import of
   * a store's older history (an export that ends weeks ago) is attributed from its first day.
   */
  from: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
});
export type AttributeTask = z.infer<typeof attributeTaskSchema>;

export interface AttributeJobOptions extends PassOptions {
  /** Syncs of one brand within the same window of this length cause one pass, at its end. */
  debounceMs?: number;
}

/**
 * `brand.synced` arrives once per platform sync, often four in a minute. The topic handler only
 * enqueues a *named* task for the brand's current debounce window, delayed to the window's end:
 * Cloud Tasks (and the embedded queue) accept a task name once, so every later sync in the window
 * is a no-op and the pass runs once, after the burst, over data that has settled. Nothing is kept
 * in memory, so it works across function instances. See docs/decisions/301-debounced-attribution.md.
 */
export function createAttributeJob(
  deps: {
    warehouse: Warehouse;
    store: OperationalStore;
    bus: EventBus;
    tasks: TaskQueue;
    clock: Clock;
    ids: Ids;
    documents: DocumentDb;
    logger: Logger;
  },
  options: AttributeJobOptions = {},
) {
  const debounceMs = options.debounceMs ?? 120_000;
  const freshness = createPerformanceFreshness(deps.documents);
  return {
    async onBrandSynced(message: TopicMessage<'brand.synced'>): Promise<{ taskName: string }> {
      const taskName = await enqueueAtWindowEnd(deps.tasks, ATTRIBUTE_QUEUE, {
        key: `attribute-${message.tenantId}-${message.brandId}`,
        nowMs: deps.clock.now().getTime(),
        windowMs: debounceMs,
        payload: (name): AttributeTask => ({
          tenantId: message.tenantId,
          brandId: message.brandId,
          idempotencyKey: name,
          ...(message.traceparent ? { traceparent: message.traceparent } : {}),
        }),
      });
      return { taskName };
    },

    async runPass(payload: unknown): Promise<PassResult> {
      const task = attributeTaskSchema.parse(payload);
      const ctx = systemContext(task.tenantId, 'attribute', task.traceparent);
      // Orders written while the pass runs may land in a chunk it already read, and its writes would
      // put older numbers back over their incremental update: the days whose orders moved during the
      // pass are rebuilt incrementally after it (decision 305).
      const brand = await deps.store.brands.get(ctx, task.brandId);
      const usual = brand ? passRange(deps.clock, brand, options) : undefined;
      const passOptions =
        usual && task.from && task.from < usual.from
          ? { ...options, range: { from: localDate(task.from), to: usual.to } }
          : options;
      const range = brand ? passRange(deps.clock, brand, passOptions) : undefined;
      const scope = { ctx, brandId: task.brandId };
      const before = range ? await dayFingerprints(deps.warehouse, scope, range) : undefined;
      const result = await runAttributionPass(deps, ctx, task.brandId, passOptions);
      if (range && before) {
        const moved = changedDays(before, await dayFingerprints(deps.warehouse, scope, range));
        if (moved.length) await runIncrementalUpdate(deps, ctx, task.brandId, moved);
      }
      // Every API instance reloads the brand's dashboard rollup on its next request: the cache is
      // invalidated by the data changing, not by time (decisions 305, 503). No days: the syncs
      // before a pass may have moved spend and stock on any day, so the rollup is read whole (963).
      await freshness.touch(ctx, task.brandId, { version: deps.ids.next(), at: deps.clock.now() });
      await deps.bus.publish('attribution.completed', {
        tenantId: task.tenantId,
        brandId: task.brandId,
        idempotencyKey: `attribution.completed:${task.idempotencyKey}`,
        range: result.range,
        ...(task.traceparent ? { traceparent: task.traceparent } : {}),
      });
      return result;
    },
  };
}
export type AttributeJob = ReturnType<typeof createAttributeJob>;
