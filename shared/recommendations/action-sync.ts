import { createHash } from 'node:crypto';
import type { AlertDraft } from '../domain/alerts';
import { wakesEarly, withoutSnooze } from '../domain/alerts/snooze';
import {
  ALERT_DECISION_FIELDS,
  type Alert,
  EVENT_ALERT_TYPES,
  type Recommendation,
} from '../domain/entities';
import type { RecommendationDraft } from '../domain/recommendations';
import type { TenantContext } from '../domain/tenancy';
import type { OperationalStore } from '../ports/operational-store';

/**
 * Ids derive from the dedupe key, so two concurrent runs that both find nothing still write the
 * same document instead of two: re-runs update, never duplicate, even under at-least-once delivery.
 */
export function actionId(kind: 'rec' | 'alert', brandId: string, dedupeKey: string): string {
  return `${kind}_${createHash('sha256').update(`${brandId}\n${dedupeKey}`).digest('hex').slice(0, 24)}`;
}

export interface RecommendationSync {
  opened: number;
  updated: number;
  expired: number;
}

/**
 * Writes this run's recommendations: new ones open, open ones are refreshed, expired ones reopen
 * when their condition is back, and decisions people made (accepted, dismissed, applied) are left
 * alone. Open ones whose condition no longer holds expire.
 */
export async function syncRecommendations(
  store: OperationalStore,
  ctx: TenantContext,
  brandId: string,
  drafts: readonly RecommendationDraft[],
  now: string,
): Promise<RecommendationSync> {
  const result = { opened: 0, updated: 0, expired: 0 };
  for (const draft of drafts) {
    const id = actionId('rec', brandId, draft.dedupeKey);
    await store.transaction(ctx, async (tx) => {
      const existing = await tx.recommendations.get(ctx, brandId, id);
      if (existing && existing.status !== 'open' && existing.status !== 'expired') return;
      const reopened = !existing || existing.status === 'expired';
      const next: Recommendation = {
        ...draft,
        id,
        status: 'open',
        createdAt: existing && !reopened ? existing.createdAt : now,
        updatedAt: now,
      };
      await tx.recommendations.upsert(ctx, brandId, next);
      if (reopened) result.opened++;
      else result.updated++;
    });
  }
  const current = new Set(drafts.map((d) => d.dedupeKey));
  const stale = (await store.recommendations.listByStatus(ctx, brandId, { status: 'open' })).filter(
    (r) => !current.has(r.dedupeKey),
  );
  for (const r of stale) {
    await store.recommendations.upsert(ctx, brandId, {
      ...r,
      status: 'expired',
      statusReason: 'the condition behind it no longer holds',
      updatedAt: now,
    });
    result.expired++;
  }
  return result;
}

/** The merchant's snooze and last decision on an alert, which a refresh keeps. */
function decisionsOf(alert: Alert): Partial<Pick<Alert, (typeof ALERT_DECISION_FIELDS)[number]>> {
  return Object.fromEntries(
    ALERT_DECISION_FIELDS.filter((k) => alert[k] !== undefined).map((k) => [k, alert[k]]),
  );
}

export interface AlertSync {
  /** New or re-opened: these are announced on `alert.raised`. */
  raised: Alert[];
  updated: number;
  resolved: number;
}

/**
 * Same idea for alerts: raise once, refresh while it holds (acknowledged stays acknowledged, a
 * snooze stays on), resolve when it clears. A snoozed alert whose severity got worse than when it
 * was snoozed wakes and is announced again; a resolved one that holds again is a new occurrence.
 */
export async function syncAlerts(
  store: OperationalStore,
  ctx: TenantContext,
  brandId: string,
  drafts: readonly AlertDraft[],
  now: string,
): Promise<AlertSync> {
  const result: AlertSync = { raised: [], updated: 0, resolved: 0 };
  const at = new Date(now);
  for (const draft of drafts) {
    const id = actionId('alert', brandId, draft.dedupeKey);
    await store.transaction(ctx, async (tx) => {
      const existing = await tx.alerts.get(ctx, brandId, id);
      const raise = !existing || existing.status === 'resolved';
      const woke = !raise && wakesEarly(existing, draft.severity, at);
      const kept = raise ? {} : woke ? withoutSnooze(decisionsOf(existing)) : decisionsOf(existing);
      const next: Alert = {
        ...draft,
        ...kept,
        id,
        status: raise ? 'open' : existing.status,
        createdAt: raise ? now : existing.createdAt,
        updatedAt: now,
      };
      await tx.alerts.upsert(ctx, brandId, next);
      if (raise || woke) result.raised.push(next);
      else result.updated++;
    });
  }
  const current = new Set(drafts.map((d) => d.dedupeKey));
  const active = [
    ...(await store.alerts.listByStatus(ctx, brandId, { status: 'open' })),
    ...(await store.alerts.listByStatus(ctx, brandId, { status: 'acknowledged' })),
  ];
  for (const a of active.filter((x) => !current.has(x.dedupeKey) && !EVENT_ALERT_TYPES.includes(x.type))) {
    await store.alerts.upsert(ctx, brandId, { ...withoutSnooze(a), status: 'resolved', updatedAt: now });
    result.resolved++;
  }
  return result;
}
