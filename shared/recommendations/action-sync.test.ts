import { describe, expect, it } from 'vitest';
import { createMemoryDocumentDb } from '../../test/doubles/memory-document-db';
import { aBrand, anAlert } from '../../test/support/builders';
import { createOperationalStore } from '../adapters/document-store/document-store';
import type { AlertDraft } from '../domain/alerts';
import { systemContext } from '../domain/tenancy';
import { actionId, syncAlerts } from './action-sync';

const ctx = systemContext('t_sync', 'test');
const B = 'b1';

async function aStore() {
  const store = createOperationalStore(createMemoryDocumentDb());
  await store.brands.upsert(ctx, aBrand(B));
  return store;
}

const draft = (severity: AlertDraft['severity']): AlertDraft => {
  const { id: _id, status: _s, createdAt: _c, updatedAt: _u, ...rest } = anAlert(B, { severity });
  return { ...rest, evidenceUnits: {}, evidenceLabels: {} };
};
const ID = actionId('alert', B, draft('warning').dedupeKey);
const snoozed = (severity: AlertDraft['severity']) =>
  anAlert(B, {
    id: ID,
    severity,
    snoozedUntil: '2026-11-27T12:00:00.000Z',
    snoozedSeverity: severity,
    decidedBy: 'merchant',
    decidedAt: '2026-11-20T12:00:00.000Z',
  });

describe('alerts the recommend job refreshes', () => {
  it('keeps a snooze and who set it while the condition holds, and announces nothing', async () => {
    const store = await aStore();
    await store.alerts.upsert(ctx, B, snoozed('warning'));
    const sync = await syncAlerts(store, ctx, B, [draft('warning')], '2026-11-21T12:00:00.000Z');
    expect(sync.raised).toEqual([]);
    expect(await store.alerts.get(ctx, B, ID)).toMatchObject({
      snoozedUntil: '2026-11-27T12:00:00.000Z',
      decidedBy: 'merchant',
      updatedAt: '2026-11-21T12:00:00.000Z',
    });
  });

  it('wakes a snoozed alert that got worse and announces it again', async () => {
    const store = await aStore();
    await store.alerts.upsert(ctx, B, snoozed('warning'));
    const sync = await syncAlerts(store, ctx, B, [draft('critical')], '2026-11-21T12:00:00.000Z');
    expect(sync.raised.map((a) => a.id)).toEqual([ID]);
    const alert = await store.alerts.get(ctx, B, ID);
    expect(alert).toMatchObject({ severity: 'critical', status: 'open', decidedBy: 'merchant' });
    expect(alert?.snoozedUntil).toBeUndefined();
  });

  it('resolves a snoozed alert whose condition cleared, and drops the snooze', async () => {
    const store = await aStore();
    await store.alerts.upsert(ctx, B, snoozed('critical'));
    const sync = await syncAlerts(store, ctx, B, [], '2026-11-21T12:00:00.000Z');
    expect(sync.resolved).toBe(1);
    const alert = await store.alerts.get(ctx, B, ID);
    expect(alert?.status).toBe('resolved');
    expect(alert?.snoozedUntil).toBeUndefined();
  });
});
