import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../../test/support/api';
import { NO_RATE_LIMITS } from '../../test/support/rate-limits';
import { fillPath, registeredRoutes, sampleBody } from '../../test/support/route-table';
import { ROLES, type Role } from '../domain/tenancy';
import {
  canGrant,
  isAllowed,
  isPublicRoute,
  PERMISSIONS,
  type Permission,
  policyFor,
  routeKey,
} from './permissions';

describe('the permission table', () => {
  // The product rules, written out independently of PERMISSIONS so a careless edit shows up here.
  it.each<[Permission, string]>([
    ['brands:read', 'owner admin analyst viewer'],
    ['brands:create', 'owner admin'],
    ['brands:update', 'owner admin'],
    ['brands:delete', 'owner'],
    ['integrations:manage', 'owner admin'],
    ['sync:request', 'owner admin analyst'],
    ['reports:read', 'owner admin analyst viewer'],
    ['reports:export', 'owner admin analyst'],
    ['recommendations:decide', 'owner admin analyst'],
    ['recommendations:apply', 'owner admin'],
    ['alerts:manage', 'owner admin analyst'],
    ['ai:ask', 'owner admin analyst'],
    ['ai:usage', 'owner admin'],
    ['api-keys:manage', 'owner admin'],
  ])('%s is for: %s', (permission, roles) => {
    const allowed = ROLES.filter((r) => isAllowed(r, permission));
    expect(allowed.join(' ')).toBe(roles);
  });

  it('gives background jobs no API permission at all', () => {
    for (const p of Object.keys(PERMISSIONS) as Permission[]) expect(isAllowed('system', p)).toBe(false);
  });

  it.each<[Role, Role, boolean]>([
    ['owner', 'owner', true],
    ['admin', 'owner', false],
    ['admin', 'admin', true],
    ['admin', 'viewer', true],
  ])('a %s may grant %s: %s', (granter, role, expected) => {
    expect(canGrant(granter, role)).toBe(expected);
  });

  it('matches paths whatever the param names or syntax', () => {
    expect(routeKey('get', '/api/brands/:brandId/x/{id}')).toBe('GET /api/brands/{}/x/{}');
    expect(policyFor('POST', '/api/brands/:b/recommendations/:recId/apply')?.permission).toBe(
      'recommendations:apply',
    );
  });
});

describe('enforcement on every mounted route', () => {
  let api: TestApi;
  let doc: Parameters<typeof sampleBody>[0];
  const tokens = {} as Record<Role, string>;
  beforeAll(async () => {
    api = await createTestApi({
      rateLimits: NO_RATE_LIMITS,
      mount: (app) => app.get('/api/unlisted', (c) => c.json({ secret: true })),
    });
    await api.seedTenant('t_roles', [{ id: 'roles-brand' }]);
    for (const role of ROLES) tokens[role] = await api.token({ tenantId: 't_roles', role });
    doc = (await (await api.request('/openapi.json')).json()) as typeof doc;
  });
  afterAll(async () => api?.close());

  it('refuses a mounted route that has no entry (fail closed)', async () => {
    const res = await api.request('/api/unlisted', { token: tokens.owner });
    expect(res.status).toBe(403);
  });

  it('has a permission entry for every route under /api and /mcp', () => {
    const unlisted = (r: { path: string }) => r.path === '/api/unlisted';
    const missing = registeredRoutes(api.app).filter(
      (r) => !unlisted(r) && !isPublicRoute(r.method, r.path) && !policyFor(r.method, r.path),
    );
    expect(missing.map((r) => `${r.method} ${r.path}`)).toEqual([]);
  });

  /**
   * Path params name nothing that exists, so an allowed call ends in 404 (or a validation or
   * conflict answer) and a refused one in 403 from the table, before any handler touches data.
   */
  it('answers 403 exactly when the role lacks the route’s permission', async () => {
    const wrong: string[] = [];
    const checked = registeredRoutes(api.app).filter(
      (r) => r.path !== '/api/unlisted' && !isPublicRoute(r.method, r.path),
    );
    for (const route of checked) {
      const permission = policyFor(route.method, route.path)!.permission;
      for (const role of ROLES) {
        const body = sampleBody(doc, route);
        const res = await api.request(
          fillPath(route.path, (p) =>
            p === 'platform' ? 'tiktok' : p === 'dimension' ? 'region' : `none-${p}`,
          ),
          { method: route.method, token: tokens[role], ...(body === undefined ? {} : { json: body }) },
        );
        if ((res.status === 403) === isAllowed(role, permission))
          wrong.push(`${role} ${route.method} ${route.path} → ${res.status}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
