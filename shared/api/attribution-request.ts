import { ATTRIBUTE_QUEUE, type AttributeTask, attributeTaskSchema } from '../attribution/attribute-job';
import type { TenantContext } from '../domain/tenancy';
import type { Clock } from '../ports/clock';
import type { TaskQueue } from '../ports/task-queue';

/**
 * Queues an attribution pass after a setting the pass reads changed (named per minute, so a burst
 * of edits causes one pass).
 */
export async function requestAttribution(
  deps: { tasks: TaskQueue; clock: Clock },
  ctx: TenantContext,
  brandId: string,
): Promise<void> {
  const minute = deps.clock.now().toISOString().slice(0, 16);
  const name = `attribute-settings-${ctx.tenantId}-${brandId}-${minute}`.replace(/[^A-Za-z0-9_-]/g, '_');
  const task: AttributeTask = attributeTaskSchema.parse({
    tenantId: ctx.tenantId,
    brandId,
    idempotencyKey: name,
    ...(ctx.traceparent ? { traceparent: ctx.traceparent } : {}),
  });
  await deps.tasks.enqueue(ATTRIBUTE_QUEUE, task, { name });
}
