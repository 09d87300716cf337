import type { Platform } from '../domain/entities';
import type { TenantContext } from '../domain/tenancy';
import type { Clock } from '../ports/clock';
import { topicSchemas } from '../ports/events';
import type { TaskQueue } from '../ports/task-queue';

/** The task queue (and function) that syncs each platform. */
export const SYNC_QUEUES: Record<Platform, string> = {
  shopify: 'sync-shopify',
  meta: 'sync-meta',
  tiktok: 'sync-tiktok',
  google_ads: 'sync-google-ads',
};

export const syncTaskSchema = topicSchemas['sync.requested'];

/**
 * Requests a sync of one brand × platform. The task name dedupes within the hour bucket, so a
 * schedule and a double click do not start two syncs of the same thing.
 */
export async function requestSync(
  deps: { tasks: TaskQueue; clock: Clock },
  ctx: TenantContext,
  brandId: string,
  platform: Platform,
  mode: 'backfill' | 'incremental' = 'incremental',
  bucket = deps.clock.now().toISOString().slice(0, 13),
): Promise<string> {
  const idempotencyKey = `sync:${ctx.tenantId}:${brandId}:${platform}:${mode}:${bucket}`;
  const payload = syncTaskSchema.parse({
    tenantId: ctx.tenantId,
    brandId,
    platform,
    mode,
    idempotencyKey,
    requestedBy: ctx.uid,
    ...(ctx.traceparent ? { traceparent: ctx.traceparent } : {}),
  });
  return deps.tasks.enqueue(SYNC_QUEUES[platform], payload, {
    name: idempotencyKey.replace(/[^A-Za-z0-9_-]/g, '_'),
  });
}
