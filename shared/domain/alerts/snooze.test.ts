import { describe, expect, it } from 'vitest';
import { localDate } from '../time';
import { isSnoozed, needsAttention, snoozeEnd, wakesEarly } from './snooze';

const now = new Date('2026-11-20T15:00:00Z');
const NY = 'America/New_York';

describe('snoozing an alert', () => {
  it.each([
    ['1d', '2026-11-21T15:00:00.000Z'],
    ['1w', '2026-11-27T15:00:00.000Z'],
  ] as const)('for %s ends that long from now', (duration, until) => {
    expect(snoozeEnd({ for: duration }, now, NY)).toEqual({ ok: true, until });
  });

  it("until a date ends when that day begins in the brand's timezone", () => {
    // Midnight in New York on Dec 1 is 05:00 UTC (EST).
    expect(snoozeEnd({ until: localDate('2026-12-01') }, now, NY)).toEqual({
      ok: true,
      until: '2026-12-01T05:00:00.000Z',
    });
  });

  it('refuses today or a day past, and more than 90 days ahead', () => {
    expect(snoozeEnd({ until: localDate('2026-11-20') }, now, NY)).toEqual({
      ok: false,
      reason: 'pick a day after today',
    });
    expect(snoozeEnd({ until: localDate('2027-03-01') }, now, NY)).toMatchObject({ ok: false });
    expect(snoozeEnd({ until: localDate('2027-02-18') }, now, NY)).toMatchObject({ ok: true });
  });

  it('hides an unresolved alert until its snooze ends, and no longer', () => {
    const alert = { status: 'open' as const, snoozedUntil: '2026-11-21T15:00:00.000Z' };
    expect(isSnoozed(alert, now)).toBe(true);
    expect(needsAttention(alert, now)).toBe(false);
    const later = new Date('2026-11-21T15:00:00Z');
    expect(isSnoozed(alert, later)).toBe(false);
    expect(needsAttention(alert, later)).toBe(true);
    expect(needsAttention({ status: 'resolved' }, now)).toBe(false);
    expect(isSnoozed({ ...alert, status: 'resolved' }, now)).toBe(false);
  });

  it('wakes early only when the severity is worse than when it was snoozed', () => {
    const snoozed = {
      status: 'open' as const,
      snoozedUntil: '2026-11-27T15:00:00.000Z',
      snoozedSeverity: 'warning' as const,
      severity: 'warning' as const,
    };
    expect(wakesEarly(snoozed, 'critical', now)).toBe(true);
    expect(wakesEarly(snoozed, 'warning', now)).toBe(false);
    expect(wakesEarly(snoozed, 'info', now)).toBe(false);
    expect(wakesEarly({ ...snoozed, snoozedUntil: undefined }, 'critical', now)).toBe(false);
  });
});
