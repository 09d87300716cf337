import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../../../test/support/api';
import { systemContext } from '../../domain/tenancy';
import { localDate } from '../../domain/time';
import { toolLeaves, unitOf } from '../../domain/tool-units';
import { runTool } from '../../insights/tools';
import { toolContextFor } from '../../insights/tools/context';
import { getFunnel } from '../../insights/tools/customer-analytics-tools';
import { callUnits } from '../../insights/tools/types';
import type { WarehouseRow } from '../../ports/warehouse';
import { createPerformanceQueries } from '../../reporting/read-model/performance-queries';

const B = 'shop1';
let api: TestApi;
let viewer: string;
let outsider: string;
let n = 0;

/** P and R browse on phones, Q on a desktop. */
const DEVICE: Record<string, string> = { P: 'mobile', Q: 'desktop', R: 'mobile' };
const ev = (client: string, type: string, at: string, url = 'https://shop1.example.com/'): WarehouseRow => ({
  brand_id: B,
  event_id: `f${++n}`,
  type,
  source: 'pixel',
  occurred_at: at,
  received_at: at,
  day: at.slice(0, 10),
  client_id: client,
  identifiers: '[]',
  person: null,
  product_id: null,
  variant_id: null,
  value_minor: null,
  currency: null,
  url,
  properties: '{}',
  device: DEVICE[client] ?? null,
});

beforeAll(async () => {
  api = await createTestApi({ now: '2026-12-01T12:00:00Z' });
  const ctx = await api.seedTenant('t_fun', [{ id: B, timezone: 'Etc/UTC' }]);
  await api.seedTenant('t_other', [{ id: 'elsewhere' }]);
  // Three visitors in November: P buys (from a Meta click), Q carts, R only looks.
  const rows = [
    ev('P', 'page_viewed', '2026-11-10T10:00:00.000Z', 'https://shop1.example.com/?fbclid=1'),
    ev('P', 'product_viewed', '2026-11-10T10:01:00.000Z'),
    ev('P', 'product_added_to_cart', '2026-11-10T10:02:00.000Z'),
    ev('P', 'checkout_started', '2026-11-10T10:03:00.000Z'),
    ev('P', 'checkout_completed', '2026-11-10T10:04:00.000Z'),
    ev('Q', 'page_viewed', '2026-11-11T10:00:00.000Z'),
    ev('Q', 'product_viewed', '2026-11-11T10:01:00.000Z'),
    ev('Q', 'product_added_to_cart', '2026-11-11T10:02:00.000Z'),
    ev('R', 'page_viewed', '2026-11-12T10:00:00.000Z'),
  ];
  await api.deps.warehouse.replaceRange(
    ctx,
    'events',
    { brandId: B, from: localDate('2026-11-01'), to: localDate('2026-11-30') },
    rows,
  );
  viewer = await api.token({ tenantId: 't_fun', role: 'viewer' });
  outsider = await api.token({ tenantId: 't_other', role: 'owner' });
}, 60_000);
afterAll(async () => api?.close());

const url = (q: string) => `/api/brands/${B}/customer-analytics/funnel?${q}`;
const november = 'from=2026-11-01&to=2026-11-30';

describe('GET customer-analytics/funnel', () => {
  it('gives the default storefront funnel with counts, step conversion and channels', async () => {
    const res = await api.request(url(november), { token: viewer });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.windowDays).toBe(7);
    expect(body.period).toEqual({ from: '2026-11-01', to: '2026-11-30' });
    // Reached: visit P Q R = 3; product P Q = 2; cart P Q = 2; checkout P = 1; completed P = 1.
    expect(body.steps.map((s: { visitors: number }) => s.visitors)).toEqual([3, 2, 2, 1, 1]);
    expect(body.steps[1].conversionFromPrevious).toBeCloseTo(2 / 3);
    expect(body.steps[3].conversionFromPrevious).toBe(0.5);
    expect(body.stepsText).toBe(
      'page_viewed,product_viewed,product_added_to_cart,checkout_started,checkout_completed',
    );
    expect(body.by).toBe('channel');
    expect(
      body.breakdown.map((c: { key: string; steps: Array<{ visitors: number }> }) => [
        c.key,
        c.steps[0]!.visitors,
      ]),
    ).toEqual([
      ['direct', 2],
      ['meta', 1],
    ]);
  });

  it('splits the same funnel by device when asked (by=device)', async () => {
    const res = await api.request(url(`${november}&by=device`), { token: viewer });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.by).toBe('device');
    // Deepest steps: P 5 (mobile), R 1 (mobile), Q 3 (desktop).
    expect(
      body.breakdown.map((d: { key: string; steps: Array<{ visitors: number }> }) => [
        d.key,
        d.steps.map((s) => s.visitors),
      ]),
    ).toEqual([
      ['mobile', [2, 1, 1, 1, 1]],
      ['desktop', [1, 1, 1, 0, 0]],
    ]);
    expect(body.steps.map((s: { visitors: number }) => s.visitors)).toEqual([3, 2, 2, 1, 1]);
  });

  it('names the split it refuses', async () => {
    const res = await api.request(url(`${november}&by=browser`), { token: viewer });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error).toMatchObject({
      code: 'invalid_request',
      message: expect.any(String),
      details: [expect.objectContaining({ in: 'query', path: 'by' })],
    });
  });

  it('takes the steps and window asked for', async () => {
    const res = await api.request(url(`${november}&steps=product_viewed,checkout_completed&window_days=1`), {
      token: viewer,
    });
    const body = await res.json();
    expect(body.steps.map((s: { visitors: number }) => s.visitors)).toEqual([2, 1]);
  });

  it.each([
    ['steps=page_viewed', 'one step'],
    ['steps=page_viewed,bogus', 'an unknown event type'],
    ['window_days=0', 'a zero window'],
    ['window_days=91', 'a window past 90 days'],
    ['by=', 'an empty split'],
    ['from=2026-11-30&to=2026-11-01', 'a period that ends before it starts'],
  ])('refuses %s (%s) with the one error shape', async (q) => {
    const res = await api.request(url(q), { token: viewer });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.code).toEqual(expect.any(String));
    expect(body.error.message).toEqual(expect.any(String));
  });

  it("is a 404 for another tenant's brand", async () => {
    expect((await api.request(url(november), { token: outsider })).status).toBe(404);
  });
});

describe('get_funnel tool', () => {
  async function toolContext() {
    const ctx = systemContext('t_fun', 'test');
    const brand = (await api.deps.store.brands.get(ctx, B))!;
    return toolContextFor(
      {
        queries: createPerformanceQueries(api.deps.warehouse),
        store: api.deps.store,
        clock: api.clock,
        warehouse: api.deps.warehouse,
      },
      ctx,
      brand,
    );
  }

  it('returns the funnel with step conversion for the period asked', async () => {
    const tc = await toolContext();
    const out = await runTool(tc, 'get_funnel', { from: '2026-11-01', to: '2026-11-30' });
    expect(out.ok).toBe(true);
    const v = (
      out as {
        output: { steps: Array<{ visitors: number; conversion_from_previous: number | null }> };
      }
    ).output;
    expect(v.steps.map((s) => s.visitors)).toEqual([3, 2, 2, 1, 1]);
    expect(v.steps[3]!.conversion_from_previous).toBe(0.5);
  });

  it('splits by device when asked, each device with its own steps', async () => {
    const tc = await toolContext();
    const out = await runTool(tc, 'get_funnel', { from: '2026-11-01', to: '2026-11-30', by: 'device' });
    expect(out.ok).toBe(true);
    const v = (
      out as { output: { by_device: Array<{ device: string; steps: Array<{ visitors: number }> }> } }
    ).output;
    expect(v.by_device.map((d) => [d.device, d.steps.map((s) => s.visitors)])).toEqual([
      ['mobile', [2, 1, 1, 1, 1]],
      ['desktop', [1, 1, 1, 0, 0]],
    ]);
    expect(v).not.toHaveProperty('by_channel');
    // Read as the Ask page reads it: each device named once ("Mobile"), its key never a value.
    const shown = toolLeaves(v).filter((leaf) => unitOf(callUnits(getFunnel, v), leaf) !== 'internal');
    expect(shown.filter((leaf) => leaf.value === 'mobile' || leaf.value === 'desktop')).toEqual([]);
    expect(shown.filter((leaf) => leaf.shape === 'by_device[].name').map((leaf) => leaf.value)).toEqual([
      'Mobile',
      'Desktop',
    ]);
  });
});
