import { randomBytes } from 'node:crypto';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueLocalToken } from '../../shared/adapters/embedded/local-identity';
import { isAllowed, isPublicRoute, policyFor } from '../../shared/api/permissions';
import { mcpToolPermission } from '../../shared/api/routes/mcp';
import { ROLES, type Role, systemContext } from '../../shared/domain/tenancy';
import { createTestApi, type TestApi } from '../support/api';
import { aRecommendation } from '../support/builders';
import { NO_RATE_LIMITS } from '../support/rate-limits';
import { fillPath, type RegisteredRoute, registeredRoutes, sampleBody } from '../support/route-table';
import { seedTenantWithData } from '../support/tenants';

/**
 * The probe's authentication and authorization attempts, generated from the app's own route table
 * and its MCP tool list, so a route or tool added later is covered without naming it here:
 * - every route × {malformed, expired, foreign-signed, non-array brandIds, ghost tenant, removed
 *   member} answers 401 with the JSON error and none of the tenant's data;
 * - every route × each role answers 403 exactly where the permission table says no (and a GET the
 *   role may call is not refused);
 * - every MCP tool × {another tenant's brand, a brand outside an agency client's allow-list} is
 *   "not found" and leaks nothing; the tool list offers each role only what it may call.
 * Another tenant's and another agency brand's ids on every REST route are test/isolation's suite.
 */
const HOME = 't_home';
const [OWN, OTHER_OWN] = ['home-one', 'home-two'];
const KIND: Record<string, string> = { platform: 'meta', dimension: 'campaign' };

let api: TestApi;
let doc: Parameters<typeof sampleBody>[0];
let routes: RegisteredRoute[];
let home: Awaited<ReturnType<typeof seedTenantWithData>>;
const bad: Record<string, string> = {};

const sign = (claims: Record<string, unknown>, key: Uint8Array, sub = 'u-bad', now = api.clock.now()) =>
  new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(sub)
    .setIssuer('pulsepoint-local')
    .setAudience('pulsepoint')
    .setIssuedAt(Math.floor(now.getTime() / 1000))
    .setExpirationTime(Math.floor(now.getTime() / 1000) + 3600)
    .sign(key);

function valuesFor(brandId: string) {
  return (param: string, path: string): string => {
    if (param === 'brandId') return brandId;
    if (KIND[param]) return KIND[param]!;
    const before = path.split(`/:${param}`)[0]?.split('/').at(-1) ?? '';
    const byCollection: Record<string, string> = {
      recommendations: aRecommendation(brandId).id,
      questions: `q-${brandId}`,
      'api-keys': home.apiKeyId,
    };
    return byCollection[before] ?? `meta:act_${brandId}:camp_1`;
  };
}

async function call(route: RegisteredRoute, token: string, brandId = OWN) {
  const body = sampleBody(doc, route);
  const headers: Record<string, string> = route.path.startsWith('/mcp')
    ? { accept: 'application/json, text/event-stream' }
    : {};
  const res = await api.request(fillPath(route.path, valuesFor(brandId)), {
    method: route.method,
    token,
    headers,
    ...(route.path.startsWith('/mcp')
      ? route.method === 'POST'
        ? { json: { jsonrpc: '2.0', id: 1, method: 'tools/list', params: {} } }
        : {}
      : body === undefined
        ? {}
        : { json: body }),
  });
  return { status: res.status, text: await res.text() };
}

beforeAll(async () => {
  api = await createTestApi({ rateLimits: NO_RATE_LIMITS });
  home = await seedTenantWithData(api, HOME, [OWN, OTHER_OWN]);
  await seedTenantWithData(api, 't_other', ['other-one']);
  const key = api.embedded.authKey;
  const yesterday = new Date(api.clock.now().getTime() - 86_400_000);
  // Members exist for every bad token below, so each is refused for its own defect alone.
  const member = (tenantId: string, uid: string) =>
    api.deps.store.users.upsert(systemContext(tenantId, 'test'), {
      uid,
      role: 'owner',
      createdAt: '2026-11-01T00:00:00Z',
    });
  await member(HOME, 'u-bad');
  await member('ghost_tenant', 'u-bad');
  bad.malformed = 'not.a.token';
  bad.expired = await issueLocalToken(key, {
    tenantId: HOME,
    role: 'owner',
    uid: 'u-bad',
    ttlSeconds: 60,
    now: yesterday,
  });
  bad.foreign = await issueLocalToken(randomBytes(32), {
    tenantId: HOME,
    role: 'owner',
    uid: 'u-bad',
    now: api.clock.now(),
  });
  bad['non-array brandIds'] = await sign({ tenantId: HOME, role: 'owner', brandIds: OWN }, key);
  bad['ghost tenant'] = await sign({ tenantId: 'ghost_tenant', role: 'owner' }, key);
  bad['removed member'] = await sign({ tenantId: HOME, role: 'owner' }, key, 'u-never-a-member');
  doc = (await (await api.request('/openapi.json')).json()) as typeof doc;
  routes = registeredRoutes(api.app).filter((r) => !isPublicRoute(r.method, r.path));
});
afterAll(async () => api?.close());

describe('every route refuses every bad token', () => {
  it('finds the routes in the app itself, MCP included', () => {
    expect(routes.length).toBeGreaterThan(20);
    expect(routes.some((r) => r.path === '/mcp')).toBe(true);
  });

  it.each(['malformed', 'expired', 'foreign', 'non-array brandIds', 'ghost tenant', 'removed member'])(
    'a %s token gets 401 and no data on every route',
    async (kind) => {
      const failures: string[] = [];
      for (const route of routes) {
        const { status, text } = await call(route, bad[kind]!);
        let code: unknown;
        try {
          code = (JSON.parse(text) as { error?: { code?: unknown } }).error?.code;
        } catch {
          code = undefined;
        }
        if (status !== 401 || code !== 'unauthenticated')
          failures.push(`${route.method} ${route.path}: ${status} ${text.slice(0, 100)}`);
        if (text.includes(`Name of ${OWN}`) || text.includes(home.secrets[OWN]!))
          failures.push(`${route.method} ${route.path}: leaked`);
      }
      expect(failures).toEqual([]);
    },
  );
});

/** The API's one error shape, `{error: {code: 'forbidden', message}}`. */
function isForbiddenError(text: string): boolean {
  try {
    const { error } = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } };
    return error?.code === 'forbidden' && typeof error.message === 'string' && error.message.length > 0;
  } catch {
    return false;
  }
}

describe('every route × every role follows the permission table', () => {
  it('walks every operation /openapi.json documents (the role table below covers them all)', () => {
    const walked = new Set(routes.map((r) => `${r.method} ${r.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}')}`));
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
    );
    const api = documented.filter((k) => /^\S+ \/(api|mcp)(\/|$)/.test(k));
    expect(api.length).toBeGreaterThan(50);
    expect(
      api.filter((k) => !walked.has(k) && !isPublicRoute(...(k.split(' ') as [string, string]))),
    ).toEqual([]);
  });

  it.each(ROLES.filter((r) => r !== 'owner'))(
    '%s is refused exactly where the table says no',
    async (role) => {
      const token = await api.token({ tenantId: HOME, role: role as Role });
      const failures: string[] = [];
      for (const route of routes) {
        const policy = policyFor(route.method, route.path);
        if (!policy) {
          failures.push(
            `${route.method} ${route.path}: no policy (authorize fails closed, but the table should name it)`,
          );
          continue;
        }
        const allowed = isAllowed(role as Role, policy.permission);
        // Only refusals and safe reads are called: an allowed write would change the fixture.
        if (allowed && route.method !== 'GET') continue;
        const { status, text } = await call(route, token);
        if (!allowed && (status !== 403 || !isForbiddenError(text)))
          failures.push(
            `${route.method} ${route.path}: ${status} ${text.slice(0, 100)}, expected 403 {error}`,
          );
        if (allowed && (status === 401 || status === 403))
          failures.push(`${route.method} ${route.path}: ${status} ${text.slice(0, 100)}`);
      }
      expect(failures).toEqual([]);
    },
  );

  it('an owner reads every GET route of their own brand', async () => {
    const token = await api.token({ tenantId: HOME, role: 'owner' });
    const failures: string[] = [];
    for (const route of routes.filter((r) => r.method === 'GET' && !r.path.startsWith('/mcp'))) {
      const { status, text } = await call(route, token);
      if (status === 401 || status === 403 || status >= 500)
        failures.push(`${route.method} ${route.path}: ${status} ${text.slice(0, 100)}`);
    }
    expect(failures).toEqual([]);
  });
});

/** JSON-RPC over POST /mcp (stateless Streamable HTTP with JSON responses). */
async function mcp(token: string, method: string, params: Record<string, unknown> = {}) {
  const res = await api.request('/mcp', {
    method: 'POST',
    token,
    headers: { accept: 'application/json, text/event-stream' },
    json: { jsonrpc: '2.0', id: 1, method, params },
  });
  return { status: res.status, text: await res.text() };
}

describe('every MCP tool', () => {
  const toolsOf = async (token: string) =>
    (
      JSON.parse((await mcp(token, 'tools/list')).text) as {
        result: { tools: Array<{ name: string; inputSchema: { properties?: Record<string, unknown> } }> };
      }
    ).result.tools;

  it('offers each role exactly the tools whose permission the table gives it', async () => {
    const all = (await toolsOf(await api.token({ tenantId: HOME, role: 'owner' }))).map((t) => t.name);
    expect(all).toEqual(
      expect.arrayContaining(['list_brands', 'get_kpis', 'find_customer', 'apply_recommendation']),
    );
    expect(all.filter((name) => !mcpToolPermission(name))).toEqual([]);
    for (const role of ROLES) {
      const offered = (await toolsOf(await api.token({ tenantId: HOME, role }))).map((t) => t.name).sort();
      const expected = all.filter((name) => isAllowed(role, mcpToolPermission(name)!)).sort();
      expect(offered, role).toEqual(expected);
    }
  });

  it('answers a call to a tool the role may not use as an error, running nothing', async () => {
    const viewer = await api.token({ tenantId: HOME, role: 'viewer' });
    for (const [name, args] of [
      ['find_customer', { brand_id: OWN, name: 'Ann' }],
      ['accept_recommendation', { brand_id: OWN, recommendation_id: aRecommendation(OWN).id }],
    ] as const) {
      const { status, text } = await mcp(viewer, 'tools/call', { name, arguments: args });
      expect(status, name).toBe(200);
      expect(text, name).toMatch(/not found|isError|-32602/i);
      expect(text, name).not.toContain(`rec-${OWN}"`);
    }
    const rec = await api.deps.store.recommendations.get(home.ctx, OWN, aRecommendation(OWN).id);
    expect(rec?.status).toBe('open');
  });

  it('never offers a role a recommendation action the permission table denies it', async () => {
    for (const role of ROLES) {
      const names = (await toolsOf(await api.token({ tenantId: HOME, role }))).map((t) => t.name);
      for (const [tool, permission] of [
        ['accept_recommendation', 'recommendations:decide'],
        ['dismiss_recommendation', 'recommendations:decide'],
        ['apply_recommendation', 'recommendations:apply'],
      ] as const)
        if (names.includes(tool)) expect(isAllowed(role, permission), `${role} ${tool}`).toBe(true);
    }
  });

  it.each([
    ['another tenant', 't_other', undefined, OWN],
    ['an agency client outside their allow-list', HOME, [OWN], OTHER_OWN],
  ] as const)(
    "answers %s's brand as not found, with none of its data",
    async (_case, tenantId, brandIds, target) => {
      const token = await api.token({
        tenantId,
        role: 'owner',
        ...(brandIds ? { brandIds: [...brandIds] } : {}),
      });
      const failures: string[] = [];
      const tools = await toolsOf(token);
      expect(tools.length).toBeGreaterThan(5);
      for (const tool of tools) {
        if (!tool.inputSchema.properties?.brand_id) continue;
        const args: Record<string, unknown> = { brand_id: target };
        if (tool.inputSchema.properties.recommendation_id)
          args.recommendation_id = aRecommendation(target).id;
        if (tool.inputSchema.properties.reason) args.reason = 'probe';
        const { status, text } = await mcp(token, 'tools/call', { name: tool.name, arguments: args });
        if (status !== 200 || !/not found|isError/i.test(text))
          failures.push(`${tool.name}: ${status} ${text.slice(0, 120)}`);
        // An id the caller sent and sees echoed ("recommendation rec-… not found") is not a leak.
        const sent = JSON.stringify(args);
        const leaked = [`Name of ${target}`, `rec-${target}`, `alert-${target}`, `act_${target}`].filter(
          (m) => text.includes(m) && !sent.includes(m),
        );
        if (leaked.length) failures.push(`${tool.name}: leaked ${leaked.join(', ')}`);
      }
      expect(failures).toEqual([]);
    },
  );
});
