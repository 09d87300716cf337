import type { TenantContext } from '../domain/tenancy';
import type { Clock } from '../ports/clock';
import type { TaskQueue } from '../ports/task-queue';
import { ATTRIBUTE_QUEUE, type AttributeTask } from './attribute-job';

/**
 * Queues a brand's attribution pass now, for a change that did not come through a sync (an import,
 * a settings edit). The task is named per brand, reason and minute, so a burst of changes causes
 * one pass (per earliest day touched); the queue is persistent, so a pass queued by a CLI without a server runs when it starts.
 */
export function createAttributionRequester(deps: { tasks: TaskQueue; clock: Clock }, reason: string) {
  /** `from`: the earliest day the change touched, when the pass must reach further back than usual. */
  return async function requestAttribution(
    ctx: TenantContext,
    brandId: string,
    from?: string,
  ): Promise<void> {
    const minute = deps.clock.now().toISOString().slice(0, 16);
    const name = `attribute-${reason}-${ctx.tenantId}-${brandId}-${minute}${from ? `-${from}` : ''}`.replace(
      /[^A-Za-z0-9_-]/g,
      '_',
    );
    const task: AttributeTask = {
      tenantId: ctx.tenantId,
      brandId,
      idempotencyKey: name,
      ...(ctx.traceparent ? { traceparent: ctx.traceparent } : {}),
      ...(from ? { from } : {}),
    };
    await deps.tasks.enqueue(ATTRIBUTE_QUEUE, task, { name });
  };
}
