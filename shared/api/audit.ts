import type { TenantContext } from '../domain/tenancy';
import type { Clock, Ids } from '../ports/clock';
import type { OperationalStore } from '../ports/operational-store';

/** Appends an audit event for a change made through the API. */
export async function recordAudit(
  deps: { store: OperationalStore; clock: Clock; ids: Ids },
  ctx: TenantContext,
  event: { action: string; target: string; brandId?: string; details?: Record<string, unknown> },
): Promise<void> {
  await deps.store.auditEvents.append(ctx, {
    id: deps.ids.next(),
    actor: ctx.uid,
    action: event.action,
    target: event.target,
    details: { ...event.details, ...(ctx.requestId ? { requestId: ctx.requestId } : {}) },
    at: deps.clock.now().toISOString(),
    ...(event.brandId ? { brandId: event.brandId } : {}),
  });
}
