import {
  type AlertView,
  alertsInView,
  isSnoozed,
  type SnoozeRequest,
  snoozeEnd,
  statusOfView,
  withoutSnooze,
} from '../domain/alerts/snooze';
import type { Alert } from '../domain/entities';
import type { Role, TenantContext } from '../domain/tenancy';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../kernel/errors';
import type { Clock, Ids } from '../ports/clock';
import type { OperationalStore } from '../ports/operational-store';

/** Who may act on alerts: the roles that decide recommendations. */
const ACT: readonly (Role | 'system')[] = ['owner', 'admin', 'analyst'];

export interface AlertServiceDeps {
  store: OperationalStore;
  clock: Clock;
  ids: Ids;
}

/**
 * Acknowledge ("seen, on it"), resolve ("dealt with"), snooze ("not now") and wake an alert; each
 * step is audited. Resolving is the merchant's word, not the condition's: if the recommend job
 * still finds the condition on its next pass, the alert is raised again as a new occurrence.
 */
export function createAlertService(deps: AlertServiceDeps) {
  async function load(ctx: TenantContext, brandId: string, id: string): Promise<Alert> {
    if (!ACT.includes(ctx.role)) throw new ForbiddenError(`role ${ctx.role} may not act on alerts`);
    const alert = await deps.store.alerts.get(ctx, brandId, id);
    if (!alert) throw new NotFoundError(`alert ${id} not found`);
    return alert;
  }

  async function save(ctx: TenantContext, before: Alert, next: Alert, action: string, details = {}) {
    await deps.store.transaction(ctx, async (tx) => {
      await tx.alerts.upsert(ctx, before.brandId, next);
      await tx.auditEvents.append(ctx, {
        id: deps.ids.next(),
        brandId: before.brandId,
        actor: ctx.uid,
        action,
        target: `alerts/${before.id}`,
        details: { type: before.type, from: before.status, to: next.status, ...details },
        at: next.updatedAt,
      });
    });
    return next;
  }

  const decided = (ctx: TenantContext) => {
    const now = deps.clock.now().toISOString();
    return { decidedBy: ctx.uid, decidedAt: now, updatedAt: now };
  };

  return {
    /** Alerts of a brand, newest first: all of them, or one view. */
    async list(ctx: TenantContext, brandId: string, view?: AlertView): Promise<Alert[]> {
      const status = view && statusOfView(view);
      const alerts = await deps.store.alerts.listByStatus(ctx, brandId, status ? { status } : {});
      return view ? alertsInView(alerts, view, deps.clock.now()) : alerts;
    },

    async acknowledge(ctx: TenantContext, brandId: string, id: string): Promise<Alert> {
      const alert = await load(ctx, brandId, id);
      if (alert.status !== 'open') throw new ConflictError(`alert is ${alert.status}, not open`);
      // Taking it on ends a snooze: it is back in the list, marked as being handled.
      return save(
        ctx,
        alert,
        { ...withoutSnooze(alert), status: 'acknowledged', ...decided(ctx) },
        'alert.acknowledged',
      );
    },

    async resolve(ctx: TenantContext, brandId: string, id: string): Promise<Alert> {
      const alert = await load(ctx, brandId, id);
      if (alert.status === 'resolved') throw new ConflictError('alert is already resolved');
      return save(
        ctx,
        alert,
        { ...withoutSnooze(alert), status: 'resolved', ...decided(ctx) },
        'alert.resolved',
      );
    },

    async snooze(ctx: TenantContext, brandId: string, id: string, request: SnoozeRequest): Promise<Alert> {
      const alert = await load(ctx, brandId, id);
      if (alert.status === 'resolved') throw new ConflictError('a resolved alert cannot be snoozed');
      const brand = await deps.store.brands.get(ctx, brandId);
      if (!brand) throw new NotFoundError(`brand ${brandId} not found`);
      const end = snoozeEnd(request, deps.clock.now(), brand.timezone);
      if (!end.ok) throw new ValidationError(end.reason);
      const next: Alert = {
        ...alert,
        snoozedUntil: end.until,
        snoozedSeverity: alert.severity,
        ...decided(ctx),
      };
      return save(ctx, alert, next, 'alert.snoozed', { until: end.until });
    },

    /** Ends a snooze now. */
    async wake(ctx: TenantContext, brandId: string, id: string): Promise<Alert> {
      const alert = await load(ctx, brandId, id);
      if (!isSnoozed(alert, deps.clock.now())) throw new ConflictError('alert is not snoozed');
      return save(ctx, alert, { ...withoutSnooze(alert), ...decided(ctx) }, 'alert.woken');
    },
  };
}
export type AlertService = ReturnType<typeof createAlertService>;
