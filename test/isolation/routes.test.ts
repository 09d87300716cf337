import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../support/api';
import { aRecommendation } from '../support/builders';
import { NO_RATE_LIMITS } from '../support/rate-limits';
import { fillPath, type RegisteredRoute, registeredRoutes, sampleBody } from '../support/route-table';
import { seedTenantWithData } from '../support/tenants';

/**
 * Generated from the app's own route table: every /api and /mcp route is called with another
 * tenant's ids and with a brand outside the caller's allow-list. The answer must be 403 or 404
 * and must not carry any of the other side's data. A route added later is covered here as soon
 * as it is mounted; nothing in this file names a route.
 */
const VICTIM = 't_victim';
const [V1, V2] = ['victim-one', 'victim-two'];
const ATTACKER_BRAND = 'attacker-own';
/** Params that name a kind of thing or a period, not one tenant's record. */
const KIND_PARAMS = new Set(['platform', 'dimension', 'decision', 'month']);

let api: TestApi;
let doc: Parameters<typeof sampleBody>[0];
let routes: RegisteredRoute[];
let victim: Awaited<ReturnType<typeof seedTenantWithData>>;
const tokens: Record<string, string> = {};

/** The victim's record ids, by the path segment before the param, for a brand of the victim. */
function victimValue(brandId: string) {
  return (param: string, path: string): string => {
    if (param === 'brandId') return brandId;
    if (param === 'platform') return 'meta';
    if (param === 'dimension') return 'campaign';
    if (param === 'decision') return 'approve';
    if (param === 'month') return '2026-11';
    const before = path.split(`/:${param}`)[0]?.split('/').at(-1) ?? '';
    const byCollection: Record<string, string> = {
      recommendations: aRecommendation(brandId).id,
      alerts: `alert-${brandId}`,
      questions: `q-${brandId}`,
      'sync-runs': `run-${brandId}`,
      'api-keys': victim.apiKeyId,
      campaign: `meta:act_${brandId}:camp_1`,
    };
    return byCollection[before] ?? `meta:act_${brandId}:camp_1`;
  };
}

/** Strings that exist only in the given victim brand's data (and the tenant's). */
function markersOf(brandId: string): string[] {
  return [
    `Name of ${brandId}`,
    `act_${brandId}`,
    victim.secrets[brandId]!,
    `alert-${brandId}`,
    `rec-${brandId}`,
    `q-${brandId}`,
  ];
}

async function call(route: RegisteredRoute, token: string, values: (p: string, path: string) => string) {
  const body = sampleBody(doc, route);
  const path = fillPath(route.path, values);
  const res = await api.request(path, {
    method: route.method,
    token,
    ...(body === undefined ? {} : { json: body }),
  });
  const text = await res.text();
  const sent = decodeURIComponent(path) + JSON.stringify(body ?? '');
  /** Another tenant's strings in the answer; an id the caller sent and sees echoed is not a leak. */
  const leaked = (markers: string[]) => markers.filter((m) => text.includes(m) && !sent.includes(m));
  return { status: res.status, text, leaked };
}

beforeAll(async () => {
  api = await createTestApi({ rateLimits: NO_RATE_LIMITS });
  victim = await seedTenantWithData(api, VICTIM, [V1, V2]);
  await seedTenantWithData(api, 't_attacker', [ATTACKER_BRAND]);
  tokens.attacker = await api.token({ tenantId: 't_attacker', role: 'owner' });
  tokens.limited = await api.token({ tenantId: VICTIM, role: 'owner', brandIds: [V1], uid: 'agency-client' });
  doc = (await (await api.request('/openapi.json')).json()) as typeof doc;
  routes = registeredRoutes(api.app);
});
afterAll(async () => api?.close());

describe('tenant isolation over every route', () => {
  it('finds the routes to test in the app itself', () => {
    expect(routes.length).toBeGreaterThan(15);
  });

  it("never answers another tenant's ids with data", async () => {
    const failures: string[] = [];
    for (const route of routes) {
      const { status, text, leaked: leakedOf } = await call(route, tokens.attacker!, victimValue(V1));
      const leaked = leakedOf([...markersOf(V1), ...markersOf(V2)]);
      const refused = status === 403 || status === 404;
      if (leaked.length) failures.push(`${route.method} ${route.path}: leaked ${leaked.join(', ')}`);
      if (route.params.length > 0 && !refused)
        failures.push(`${route.method} ${route.path}: ${status} ${text.slice(0, 120)}`);
    }
    expect(failures).toEqual([]);
  });

  it("refuses the caller's own brand combined with another tenant's record ids", async () => {
    const failures: string[] = [];
    for (const route of routes.filter((r) => r.params.some((p) => p !== 'brandId' && !KIND_PARAMS.has(p)))) {
      const victims = victimValue(V1);
      const values = (p: string, path: string) => (p === 'brandId' ? ATTACKER_BRAND : victims(p, path));
      const { status, text, leaked } = await call(route, tokens.attacker!, values);
      if (status !== 403 && status !== 404)
        failures.push(`${route.method} ${route.path}: ${status} ${text.slice(0, 160)}`);
      const found = leaked(markersOf(V1));
      if (found.length) failures.push(`${route.method} ${route.path}: leaked ${found.join(', ')}`);
    }
    expect(failures).toEqual([]);
  });

  it('keeps a user limited to some brands out of the others', async () => {
    const failures: string[] = [];
    for (const route of routes) {
      const { status, text, leaked: leakedOf } = await call(route, tokens.limited!, victimValue(V2));
      const leaked = leakedOf(markersOf(V2));
      if (leaked.length) failures.push(`${route.method} ${route.path}: leaked ${leaked.join(', ')}`);
      if (route.params.includes('brandId') && status !== 403 && status !== 404)
        failures.push(`${route.method} ${route.path}: ${status} ${text.slice(0, 120)}`);
    }
    expect(failures).toEqual([]);
  });

  it("left the other tenant's data as it was", async () => {
    const { ctx } = victim;
    const { store, secrets } = api.deps;
    expect((await store.brands.list(ctx)).map((b) => b.id)).toEqual([V1, V2]);
    for (const brandId of [V1, V2]) {
      expect((await store.integrations.getPlatform(ctx, brandId, 'meta'))?.status).toBe('connected');
      expect(await secrets.get(ctx, `brands/${brandId}/meta-token`)).toBe(victim.secrets[brandId]);
      expect((await store.recommendations.get(ctx, brandId, aRecommendation(brandId).id))?.status).toBe(
        'open',
      );
      // Acknowledge, resolve, snooze and wake were all refused: the alert is as it was seeded.
      const alert = await store.alerts.get(ctx, brandId, `alert-${brandId}`);
      expect(alert).toMatchObject({ status: 'open' });
      expect(alert?.snoozedUntil).toBeUndefined();
    }
    expect(await store.apiKeys.get(ctx, victim.apiKeyId)).toBeDefined();
  });
});
