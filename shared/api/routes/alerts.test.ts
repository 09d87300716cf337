import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../../../test/support/api';
import { anAlert } from '../../../test/support/builders';
import { NO_RATE_LIMITS } from '../../../test/support/rate-limits';
import { seedTenantWithData } from '../../../test/support/tenants';
import type { Alert } from '../../domain/entities';

const T = 't_alerts';
const B = 'alert-brand';
const base = `/api/brands/${B}/alerts`;
let api: TestApi;
let ctx: Awaited<ReturnType<typeof seedTenantWithData>>['ctx'];

beforeAll(async () => {
  api = await createTestApi({ rateLimits: NO_RATE_LIMITS, now: '2026-11-20T12:00:00Z' });
  ({ ctx } = await seedTenantWithData(api, T, [B]));
});
afterAll(async () => api?.close());

async function call(method: string, path: string, role: 'owner' | 'analyst' | 'viewer', json?: unknown) {
  const token = await api.token({ tenantId: T, role });
  const res = await api.request(path, { method, token, ...(json === undefined ? {} : { json }) });
  return { status: res.status, body: (await res.json()) as Alert & { alerts: Alert[] } };
}
const ids = async (status: string) =>
  (await call('GET', `${base}?status=${status}`, 'viewer')).body.alerts.map((a) => a.id);
const fresh = async (id: string, over: Partial<Alert> = {}) => {
  await api.deps.store.alerts.upsert(ctx, B, anAlert(B, { id, dedupeKey: id, ...over }));
  return `${base}/${id}`;
};

describe('alert snooze', () => {
  it('hides a snoozed alert from the open list until a day has passed, then shows it again', async () => {
    const path = await fresh('a-day');
    const r = await call('POST', `${path}/snooze`, 'analyst', { for: '1d' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      status: 'open',
      snoozedUntil: '2026-11-21T12:00:00.000Z',
      snoozedSeverity: 'critical',
      decidedBy: `local:${T}:analyst`,
    });
    expect(await ids('open')).not.toContain('a-day');
    expect(await ids('snoozed')).toContain('a-day');
    api.clock.advance(86_400_000);
    expect(await ids('open')).toContain('a-day');
    expect(await ids('snoozed')).not.toContain('a-day');
  });

  it("snoozes until a chosen day begins in the brand's timezone, and wakes on request", async () => {
    const path = await fresh('a-date');
    const r = await call('POST', `${path}/snooze`, 'owner', { until: '2026-12-01' });
    // The test brand is in America/New_York: Dec 1 begins at 05:00 UTC.
    expect(r.body.snoozedUntil).toBe('2026-12-01T05:00:00.000Z');
    const woken = await call('POST', `${path}/wake`, 'owner');
    expect(woken.status).toBe(200);
    expect(woken.body.snoozedUntil).toBeUndefined();
    expect(await ids('open')).toContain('a-date');
    expect((await call('POST', `${path}/wake`, 'owner')).status).toBe(409);
  });

  it('refuses a day that is not ahead, a resolved alert, and a viewer', async () => {
    const path = await fresh('a-refused');
    const past = await call('POST', `${path}/snooze`, 'owner', { until: '2026-11-20' });
    expect(past.status).toBe(400);
    expect((await call('POST', `${path}/snooze`, 'owner', { for: '1y' })).status).toBe(400);
    expect((await call('POST', `${path}/snooze`, 'viewer', { for: '1d' })).status).toBe(403);
    await call('POST', `${path}/resolve`, 'owner');
    expect((await call('POST', `${path}/snooze`, 'owner', { for: '1d' })).status).toBe(409);
  });

  it('answers 404 for an alert the brand does not have', async () => {
    expect((await call('POST', `${base}/nope/snooze`, 'owner', { for: '1w' })).status).toBe(404);
  });
});

describe('acknowledge and resolve', () => {
  it('acknowledges an open alert once, ending its snooze, and resolves it, each step audited', async () => {
    const path = await fresh('a-handled', { snoozedUntil: '2026-11-25T00:00:00.000Z' });
    const ack = await call('POST', `${path}/acknowledge`, 'analyst');
    expect(ack.body).toMatchObject({ status: 'acknowledged', decidedBy: `local:${T}:analyst` });
    expect(ack.body.snoozedUntil).toBeUndefined();
    expect(await ids('acknowledged')).toContain('a-handled');
    expect((await call('POST', `${path}/acknowledge`, 'analyst')).status).toBe(409);
    const resolved = await call('POST', `${path}/resolve`, 'owner');
    expect(resolved.body.status).toBe('resolved');
    expect(await ids('resolved')).toContain('a-handled');
    expect((await call('POST', `${path}/resolve`, 'owner')).status).toBe(409);
    const audit = await api.deps.store.auditEvents.list(ctx, { brandId: B });
    expect(audit.filter((e) => e.target === 'alerts/a-handled').map((e) => e.action)).toEqual(
      expect.arrayContaining(['alert.acknowledged', 'alert.resolved']),
    );
  });

  it('documents the routes in the OpenAPI document', async () => {
    const doc = (await (await api.request('/openapi.json')).json()) as { paths: Record<string, unknown> };
    for (const verb of ['acknowledge', 'resolve', 'snooze', 'wake'])
      expect(Object.keys(doc.paths)).toContain(`/api/brands/{brandId}/alerts/{id}/${verb}`);
  });
});
