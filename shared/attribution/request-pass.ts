import type { TenantContext } from '../domain/tenancy';
import type { Clock } from '../ports/clock';
import { enqueueAtWindowEnd, type TaskQueue } from '../ports/task-queue';
import { ATTRIBUTE_QUEUE, type AttributeTask } from './attribute-job';

/** Changes of one brand within a window of this length share one pass, run at the window's end. */
export const REQUEST_WINDOW_MS = 20_000;

/**
 * Queues a brand's attribution pass for a change that did not come through a sync (an import, a
 * settings edit). The task is named per brand, reason, window and earliest day touched, and runs
 * at the end of its window: a burst of changes (six files imported one after another) causes one
 * pass that sees all of them. A name the queue has already run is not run again, so a pass that
 * ran *before* a later change could otherwise leave that change unattributed. The queue is
 * persistent, so a pass queued by a CLI without a server runs when it starts.
 */
export function createAttributionRequester(
  deps: { tasks: TaskQueue; clock: Clock },
  reason: string,
  windowMs = REQUEST_WINDOW_MS,
) {
  /** `from`: the earliest day the change touched, when the pass must reach further back than usual. */
  return async function requestAttribution(
    ctx: TenantContext,
    brandId: string,
    from?: string,
  ): Promise<void> {
    await enqueueAtWindowEnd(deps.tasks, ATTRIBUTE_QUEUE, {
      key: `attribute-${reason}-${ctx.tenantId}-${brandId}`,
      ...(from ? { suffix: `-${from}` } : {}),
      nowMs: deps.clock.now().getTime(),
      windowMs,
      payload: (name): AttributeTask => ({
        tenantId: ctx.tenantId,
        brandId,
        idempotencyKey: name,
        ...(ctx.traceparent ? { traceparent: ctx.traceparent } : {}),
        ...(from ? { from } : {}),
      }),
    });
  };
}
