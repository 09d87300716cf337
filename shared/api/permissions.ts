import type { Role } from '../domain/tenancy';

/**
 * Who may do what: the one table. Every route under /api (and /mcp) names a permission in
 * ROUTE_POLICIES; the authorize middleware refuses a route that is missing from it (fail closed),
 * and a test proves every registered route has an entry.
 */
export const PERMISSIONS = {
  'brands:read': ['owner', 'admin', 'analyst', 'viewer'],
  'brands:create': ['owner', 'admin'],
  'brands:update': ['owner', 'admin'],
  'brands:delete': ['owner'],
  'integrations:read': ['owner', 'admin', 'analyst', 'viewer'],
  'integrations:manage': ['owner', 'admin'],
  'sync:request': ['owner', 'admin', 'analyst'],
  'reports:read': ['owner', 'admin', 'analyst', 'viewer'],
  'reports:export': ['owner', 'admin', 'analyst'],
  'recommendations:decide': ['owner', 'admin', 'analyst'],
  'recommendations:apply': ['owner', 'admin'],
  'ai:ask': ['owner', 'admin', 'analyst'],
  'ai:usage': ['owner', 'admin'],
  'api-keys:manage': ['owner', 'admin'],
  'ops:metrics': ['owner', 'admin'],
  'audit:read': ['owner', 'admin'],
  'self:read': ['owner', 'admin', 'analyst', 'viewer'],
  'tenant:update': ['owner'],
  'mcp:connect': ['owner', 'admin', 'analyst', 'viewer'],
} as const satisfies Record<string, readonly Role[]>;
export type Permission = keyof typeof PERMISSIONS;

/** `ai` routes spend model tokens and get a much smaller rate-limit bucket. */
export type RateClass = 'default' | 'ai';

export interface RoutePolicy {
  permission: Permission;
  rate?: RateClass;
}

/** Keyed by `METHOD /path` with OpenAPI-style `{params}`; param names do not matter for matching. */
export const ROUTE_POLICIES: Record<string, RoutePolicy> = {
  'GET /api/me': { permission: 'self:read' },
  'GET /api/tenant': { permission: 'self:read' },
  'PATCH /api/tenant': { permission: 'tenant:update' },
  'GET /api/brands': { permission: 'brands:read' },
  'POST /api/brands': { permission: 'brands:create' },
  'GET /api/brands/{brandId}': { permission: 'brands:read' },
  'PATCH /api/brands/{brandId}': { permission: 'brands:update' },
  'DELETE /api/brands/{brandId}': { permission: 'brands:delete' },
  'GET /api/brands/{brandId}/integrations': { permission: 'integrations:read' },
  'GET /api/brands/{brandId}/integrations/{platform}': { permission: 'integrations:read' },
  'POST /api/brands/{brandId}/integrations/{platform}': { permission: 'integrations:manage' },
  'DELETE /api/brands/{brandId}/integrations/{platform}': { permission: 'integrations:manage' },
  'POST /api/brands/{brandId}/sync': { permission: 'sync:request' },
  'GET /api/brands/{brandId}/sync-runs': { permission: 'reports:read' },
  'GET /api/brands/{brandId}/dashboard': { permission: 'reports:read' },
  'GET /api/brands/{brandId}/drilldown/{dimension}/{id}': { permission: 'reports:read' },
  'GET /api/brands/{brandId}/export': { permission: 'reports:export' },
  'GET /api/brands/{brandId}/customers/segments': { permission: 'reports:read' },
  'GET /api/brands/{brandId}/customers/cohorts': { permission: 'reports:read' },
  'GET /api/brands/{brandId}/customers/model': { permission: 'reports:read' },
  'GET /api/brands/{brandId}/customers/ltv-roas': { permission: 'reports:read' },
  'GET /api/brands/{brandId}/customers/{customerId}/value': { permission: 'reports:read' },
  'GET /api/brands/{brandId}/customers/export': { permission: 'reports:export' },
  'GET /api/brands/{brandId}/inventory': { permission: 'reports:read' },
  'GET /api/brands/{brandId}/campaigns': { permission: 'reports:read' },
  'GET /api/brands/{brandId}/reconciliation': { permission: 'reports:read' },
  'GET /api/agency/overview': { permission: 'reports:read' },
  'GET /api/api-keys': { permission: 'api-keys:manage' },
  'POST /api/api-keys': { permission: 'api-keys:manage' },
  'DELETE /api/api-keys/{keyId}': { permission: 'api-keys:manage' },
  'GET /api/admin/metrics': { permission: 'ops:metrics' },
  'GET /api/audit-events': { permission: 'audit:read' },
  // Questions, recommendations, alerts and AI usage routes (shared/api/routes/) and MCP.
  'POST /api/brands/{brandId}/ask': { permission: 'ai:ask', rate: 'ai' },
  'GET /api/brands/{brandId}/questions': { permission: 'reports:read' },
  'POST /api/brands/{brandId}/questions/{id}/feedback': { permission: 'ai:ask' },
  'GET /api/brands/{brandId}/recommendations': { permission: 'reports:read' },
  'POST /api/brands/{brandId}/recommendations/{id}/accept': { permission: 'recommendations:decide' },
  'POST /api/brands/{brandId}/recommendations/{id}/dismiss': { permission: 'recommendations:decide' },
  'POST /api/brands/{brandId}/recommendations/{id}/apply': { permission: 'recommendations:apply' },
  'GET /api/brands/{brandId}/alerts': { permission: 'reports:read' },
  'GET /api/admin/usage': { permission: 'ai:usage' },
  'POST /mcp': { permission: 'mcp:connect', rate: 'ai' },
  'GET /mcp': { permission: 'mcp:connect', rate: 'ai' },
  'DELETE /mcp': { permission: 'mcp:connect', rate: 'ai' },
};

/**
 * Routes under /api deliberately mounted before authentication (they must be reachable without a
 * token). Development sign-in only exists on the embedded backend outside production.
 */
export const PUBLIC_API_ROUTES: readonly string[] = ['POST /api/auth/dev-token'];

/** `/api/brands/:brandId` and `/api/brands/{id}` both become `/api/brands/{}`. */
export function routeKey(method: string, path: string): string {
  return `${method.toUpperCase()} ${path.replace(/\{[^}]+\}|:[A-Za-z0-9_]+(\{[^}]*\})?/g, '{}')}`;
}

const POLICY_BY_KEY = new Map(
  Object.entries(ROUTE_POLICIES).map(([k, v]) => {
    const [method = '', path = ''] = k.split(' ');
    return [routeKey(method, path), v] as const;
  }),
);

export function policyFor(method: string, path: string): RoutePolicy | undefined {
  return POLICY_BY_KEY.get(routeKey(method, path));
}

export function isPublicRoute(method: string, path: string): boolean {
  const key = routeKey(method, path);
  return PUBLIC_API_ROUTES.some((r) => {
    const [m = '', p = ''] = r.split(' ');
    return routeKey(m, p) === key;
  });
}

export function isAllowed(role: Role | 'system', permission: Permission): boolean {
  return role !== 'system' && (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

const RANK: Record<Role, number> = { viewer: 0, analyst: 1, admin: 2, owner: 3 };
/** A user may hand out (e.g. on an API key) only a role at or below their own. */
export function canGrant(granter: Role | 'system', role: Role): boolean {
  return granter === 'system' || RANK[granter] >= RANK[role];
}
