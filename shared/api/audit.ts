import type { TenantContext } from '../domain/tenancy';
import type { Deps } from '../jobs/deps';

/** Appends an audit event for a change made through the API. */
export async function recordAudit(
  deps: Pick<Deps, 'store' | 'clock' | 'ids'>,
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
