import type { Alert } from '../entities';
import { addDays, type LocalDate, toLocalDate, wallClockToInstant } from '../time';

/**
 * Snoozing an alert: the merchant has seen it and wants it out of the open list until a time.
 * Nothing wakes it but the clock (no job: a read after `snoozedUntil` simply sees it again) or a
 * worse severity raised by the recommend job.
 */
export const SNOOZE_DURATIONS = { '1d': 1, '1w': 7 } as const;
export type SnoozeDuration = keyof typeof SNOOZE_DURATIONS;
/** Long enough for a quarter's campaign, short enough that nothing is forgotten for good. */
export const MAX_SNOOZE_DAYS = 90;

export type SnoozeRequest = { for: SnoozeDuration } | { until: LocalDate };

const SEVERITY_RANK: Record<Alert['severity'], number> = { info: 0, warning: 1, critical: 2 };

/**
 * When a snooze ends: a day or a week from now, or the start of the chosen day in the brand's
 * timezone ("until Dec 10" wakes it when the merchant's Dec 10 begins).
 */
export function snoozeEnd(
  request: SnoozeRequest,
  now: Date,
  timeZone: string,
): { ok: true; until: string } | { ok: false; reason: string } {
  if ('for' in request)
    return {
      ok: true,
      until: new Date(now.getTime() + SNOOZE_DURATIONS[request.for] * 86_400_000).toISOString(),
    };
  const today = toLocalDate(now, timeZone);
  if (request.until <= today) return { ok: false, reason: 'pick a day after today' };
  if (request.until > addDays(today, MAX_SNOOZE_DAYS))
    return { ok: false, reason: `an alert can be snoozed for at most ${MAX_SNOOZE_DAYS} days` };
  return { ok: true, until: wallClockToInstant(`${request.until} 00:00`, timeZone).toISOString() };
}

/** Snoozed now: an unresolved alert whose snooze has not ended. */
export function isSnoozed(alert: Pick<Alert, 'status' | 'snoozedUntil'>, now: Date): boolean {
  return (
    alert.status !== 'resolved' && alert.snoozedUntil !== undefined && alert.snoozedUntil > now.toISOString()
  );
}

/** What an open list shows: open or acknowledged, and not snoozed. */
export function needsAttention(alert: Pick<Alert, 'status' | 'snoozedUntil'>, now: Date): boolean {
  return alert.status !== 'resolved' && !isSnoozed(alert, now);
}

/** A snoozed alert whose condition got worse than when it was snoozed wakes at once. */
export function wakesEarly(
  existing: Pick<Alert, 'status' | 'snoozedUntil' | 'snoozedSeverity' | 'severity'>,
  severity: Alert['severity'],
  now: Date,
): boolean {
  if (!isSnoozed(existing, now)) return false;
  return SEVERITY_RANK[severity] > SEVERITY_RANK[existing.snoozedSeverity ?? existing.severity];
}

/** The alert without its snooze. */
export function withoutSnooze<A extends Partial<Pick<Alert, 'snoozedUntil' | 'snoozedSeverity'>>>(
  alert: A,
): Omit<A, 'snoozedUntil' | 'snoozedSeverity'> {
  const { snoozedUntil: _until, snoozedSeverity: _severity, ...rest } = alert;
  return rest;
}

/** The views of an alert list: by status, or snoozed (whatever the status under the snooze). */
export const ALERT_VIEWS = ['open', 'acknowledged', 'resolved', 'snoozed'] as const;
export type AlertView = (typeof ALERT_VIEWS)[number];

/** The stored status a view reads (none: the snoozed view reads every status). */
export const statusOfView = (view: AlertView): Alert['status'] | undefined =>
  view === 'snoozed' ? undefined : view;

/** The alerts of one view: open and acknowledged leave out the snoozed ones, which `snoozed` lists. */
export function alertsInView<A extends Pick<Alert, 'status' | 'snoozedUntil'>>(
  alerts: readonly A[],
  view: AlertView,
  now: Date,
): A[] {
  if (view === 'snoozed') return alerts.filter((a) => isSnoozed(a, now));
  const ofStatus = alerts.filter((a) => a.status === view);
  return view === 'resolved' ? ofStatus : ofStatus.filter((a) => !isSnoozed(a, now));
}
