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
  'imports:run': ['owner', 'admin'],
  'reports:read': ['owner', 'admin', 'analyst', 'viewer'],
  'reports:export': ['owner', 'admin', 'analyst'],
  'recommendations:decide': ['owner', 'admin', 'analyst'],
  'recommendations:apply': ['owner', 'admin'],
  /** Acknowledge, resolve, snooze and wake alerts. */
  'alerts:manage': ['owner', 'admin', 'analyst'],
  'ai:ask': ['owner', 'admin', 'analyst'],
  'ai:usage': ['owner', 'admin'],
  'api-keys:manage': ['owner', 'admin'],
  'members:manage': ['owner', 'admin'],
  'ops:metrics': ['owner', 'admin'],
  'audit:read': ['owner', 'admin'],
  'self:read': ['owner', 'admin', 'analyst', 'viewer'],
  'tenant:update': ['owner'],
  'mcp:connect': ['owner', 'admin', 'analyst', 'viewer'],
  /** Customer profiles are personal data: not for viewers. */
  'customers:read': ['owner', 'admin', 'analyst'],
  'customers:merge': ['owner', 'admin'],
  'events:ingest': ['owner', 'admin'],
  'write-keys:manage': ['owner', 'admin'],
  'billing:manage': ['owner'],
  'content:read': ['owner', 'admin', 'analyst', 'viewer'],
  'content:write': ['owner', 'admin', 'analyst'],
  /** Approving, connecting the Page, scheduling and publishing put words on the brand's accounts. */
  'content:publish': ['owner', 'admin'],
  'engagement:read': ['owner', 'admin', 'analyst', 'viewer'],
  /** Creating, pausing and sending reach customers' inboxes and phones. */
  'engagement:send': ['owner', 'admin'],
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
  'GET /api/brands/{brandId}/campaign-products': { permission: 'brands:read' },
  'PUT /api/brands/{brandId}/campaign-products/{campaignId}': { permission: 'brands:update' },
  'POST /api/brands/{brandId}/campaign-products/import': { permission: 'brands:update' },
  'POST /api/brands/{brandId}/click-ids/import': { permission: 'brands:update' },
  'GET /api/brands/{brandId}/integrations': { permission: 'integrations:read' },
  'GET /api/brands/{brandId}/integrations/{platform}': { permission: 'integrations:read' },
  'POST /api/brands/{brandId}/integrations/{platform}': { permission: 'integrations:manage' },
  'DELETE /api/brands/{brandId}/integrations/{platform}': { permission: 'integrations:manage' },
  'POST /api/brands/{brandId}/integrations/{platform}/oauth': { permission: 'integrations:manage' },
  'POST /api/brands/{brandId}/sync': { permission: 'sync:request' },
  'GET /api/brands/{brandId}/sync-runs': { permission: 'reports:read' },
  'POST /api/brands/{brandId}/imports/preview': { permission: 'imports:run' },
  'POST /api/brands/{brandId}/imports': { permission: 'imports:run' },
  'GET /api/brands/{brandId}/ad-accounts': { permission: 'integrations:read' },
  'GET /api/brands/{brandId}/dashboard': { permission: 'reports:read' },
  'GET /api/brands/{brandId}/drilldown/{dimension}/{id}': { permission: 'reports:read' },
  'GET /api/brands/{brandId}/export': { permission: 'reports:export' },
  'GET /api/brands/{brandId}/campaigns/{campaignId}/ad-sets.csv': { permission: 'reports:export' },
  'GET /api/brands/{brandId}/customer-analytics/segments': { permission: 'reports:read' },
  'GET /api/brands/{brandId}/customer-analytics/cohorts': { permission: 'reports:read' },
  'GET /api/brands/{brandId}/customer-analytics/model': { permission: 'reports:read' },
  'GET /api/brands/{brandId}/customer-analytics/ltv-roas': { permission: 'reports:read' },
  'GET /api/brands/{brandId}/customer-analytics/funnel': { permission: 'reports:read' },
  'GET /api/brands/{brandId}/customer-analytics/{customerId}/value': { permission: 'reports:read' },
  'GET /api/brands/{brandId}/customer-analytics/export': { permission: 'reports:export' },
  'GET /api/brands/{brandId}/inventory': { permission: 'reports:read' },
  'GET /api/brands/{brandId}/product-costs': { permission: 'reports:read' },
  'GET /api/brands/{brandId}/campaigns': { permission: 'reports:read' },
  'GET /api/brands/{brandId}/reconciliation': { permission: 'reports:read' },
  'GET /api/brands/{brandId}/budget-curves': { permission: 'reports:read' },
  'GET /api/agency/overview': { permission: 'reports:read' },
  'POST /api/brands/{brandId}/events': { permission: 'events:ingest' },
  'POST /api/brands/{brandId}/woocommerce/webhook-secret': { permission: 'integrations:manage' },
  'GET /api/brands/{brandId}/write-keys': { permission: 'write-keys:manage' },
  'POST /api/brands/{brandId}/write-keys': { permission: 'write-keys:manage' },
  'DELETE /api/brands/{brandId}/write-keys/{keyId}': { permission: 'write-keys:manage' },
  'GET /api/api-keys': { permission: 'api-keys:manage' },
  'POST /api/api-keys': { permission: 'api-keys:manage' },
  'DELETE /api/api-keys/{keyId}': { permission: 'api-keys:manage' },
  'GET /api/members': { permission: 'members:manage' },
  'POST /api/members': { permission: 'members:manage' },
  'PATCH /api/members/{uid}': { permission: 'members:manage' },
  'DELETE /api/members/{uid}': { permission: 'members:manage' },
  'GET /api/invitations': { permission: 'members:manage' },
  'POST /api/invitations': { permission: 'members:manage' },
  'DELETE /api/invitations/{id}': { permission: 'members:manage' },
  'GET /api/admin/metrics': { permission: 'ops:metrics' },
  'GET /api/audit-events': { permission: 'audit:read' },
  // Questions, recommendations, alerts and AI usage routes (shared/api/routes/) and MCP.
  'POST /api/brands/{brandId}/ask': { permission: 'ai:ask', rate: 'ai' },
  'GET /api/brands/{brandId}/questions': { permission: 'reports:read' },
  'POST /api/brands/{brandId}/questions/{id}/feedback': { permission: 'ai:ask' },
  'GET /api/brands/{brandId}/recommendations': { permission: 'reports:read' },
  'GET /api/brands/{brandId}/recommendations/calibration': { permission: 'reports:read' },
  'POST /api/brands/{brandId}/recommendations/{id}/accept': { permission: 'recommendations:decide' },
  'POST /api/brands/{brandId}/recommendations/{id}/dismiss': { permission: 'recommendations:decide' },
  'POST /api/brands/{brandId}/recommendations/{id}/apply': { permission: 'recommendations:apply' },
  'GET /api/brands/{brandId}/alerts': { permission: 'reports:read' },
  'POST /api/brands/{brandId}/alerts/{id}/acknowledge': { permission: 'alerts:manage' },
  'POST /api/brands/{brandId}/alerts/{id}/resolve': { permission: 'alerts:manage' },
  'POST /api/brands/{brandId}/alerts/{id}/snooze': { permission: 'alerts:manage' },
  'POST /api/brands/{brandId}/alerts/{id}/wake': { permission: 'alerts:manage' },
  'GET /api/admin/usage': { permission: 'ai:usage' },
  // Customers (shared/api/routes/customers.ts).
  'GET /api/brands/{brandId}/customers': { permission: 'customers:read' },
  'GET /api/brands/{brandId}/customers/{profileId}': { permission: 'customers:read' },
  'GET /api/brands/{brandId}/customers/{profileId}/timeline': { permission: 'customers:read' },
  'GET /api/brands/{brandId}/customers/{profileId}/merges': { permission: 'customers:read' },
  'POST /api/brands/{brandId}/customer-merges/{mergeId}/unmerge': { permission: 'customers:merge' },
  'GET /api/brands/{brandId}/customer-reviews': { permission: 'customers:read' },
  // The customer list (shared/api/routes/customer-list.ts): names and emails, so customers:read.
  'GET /api/brands/{brandId}/customer-list': { permission: 'customers:read' },
  'POST /api/brands/{brandId}/customer-reviews/{reviewId}/{decision}': { permission: 'customers:merge' },
  'GET /api/billing/status': { permission: 'self:read' },
  'GET /api/billing': { permission: 'billing:manage' },
  'POST /api/billing/checkout': { permission: 'billing:manage' },
  'POST /api/billing/portal': { permission: 'billing:manage' },
  'POST /api/billing/refresh': { permission: 'billing:manage' },
  'PUT /api/billing/ai-overage': { permission: 'billing:manage' },
  // Content studio (shared/api/routes/content.ts).
  'GET /api/brands/{brandId}/content/briefs': { permission: 'content:read' },
  'GET /api/brands/{brandId}/content/briefs/{month}': { permission: 'content:read' },
  'PUT /api/brands/{brandId}/content/briefs/{month}': { permission: 'content:write' },
  'DELETE /api/brands/{brandId}/content/briefs/{month}': { permission: 'content:write' },
  'GET /api/brands/{brandId}/content/profile': { permission: 'content:read' },
  'POST /api/brands/{brandId}/content/profile/extract': { permission: 'content:write', rate: 'ai' },
  'PUT /api/brands/{brandId}/content/profile': { permission: 'content:write' },
  'POST /api/brands/{brandId}/content/plans/{month}/draft': { permission: 'content:write', rate: 'ai' },
  'POST /api/brands/{brandId}/content/plans/{month}/schedule': { permission: 'content:publish' },
  'GET /api/brands/{brandId}/content/posts': { permission: 'content:read' },
  'GET /api/brands/{brandId}/content/posts/{postId}': { permission: 'content:read' },
  'PATCH /api/brands/{brandId}/content/posts/{postId}': { permission: 'content:write' },
  'POST /api/brands/{brandId}/content/posts/{postId}/approve': { permission: 'content:publish' },
  'POST /api/brands/{brandId}/content/posts/{postId}/comments': { permission: 'content:write' },
  'POST /api/brands/{brandId}/content/posts/{postId}/schedule': { permission: 'content:publish' },
  'GET /api/brands/{brandId}/content/posts/{postId}/image': { permission: 'content:read' },
  'GET /api/brands/{brandId}/content/destination': { permission: 'content:read' },
  'PUT /api/brands/{brandId}/content/destination': { permission: 'content:publish' },
  'POST /api/brands/{brandId}/content/publish-due': { permission: 'content:publish' },
  'GET /api/brands/{brandId}/content/log': { permission: 'content:read' },
  // Engagement (shared/api/routes/engagement.ts).
  'GET /api/brands/{brandId}/engagement/automations': { permission: 'engagement:read' },
  'POST /api/brands/{brandId}/engagement/automations': { permission: 'engagement:send' },
  'POST /api/brands/{brandId}/engagement/automations/{automationId}/pause': { permission: 'engagement:send' },
  'POST /api/brands/{brandId}/engagement/automations/{automationId}/resume': {
    permission: 'engagement:send',
  },
  'GET /api/brands/{brandId}/engagement/automations/{automationId}/results': {
    permission: 'engagement:read',
  },
  'GET /api/brands/{brandId}/engagement/campaigns': { permission: 'engagement:read' },
  'POST /api/brands/{brandId}/engagement/campaigns': { permission: 'engagement:send' },
  'GET /api/brands/{brandId}/engagement/campaigns/{campaignId}': { permission: 'engagement:read' },
  'GET /api/brands/{brandId}/engagement/audience': { permission: 'engagement:read' },
  'GET /api/brands/{brandId}/engagement/products': { permission: 'engagement:read' },
  'GET /api/brands/{brandId}/engagement/campaigns/{campaignId}/preview': { permission: 'engagement:read' },
  'POST /api/brands/{brandId}/engagement/campaigns/{campaignId}/test-send': { permission: 'engagement:send' },
  'POST /api/brands/{brandId}/engagement/campaigns/{campaignId}/send': { permission: 'engagement:send' },
  'POST /api/brands/{brandId}/engagement/campaigns/{campaignId}/resume': { permission: 'engagement:send' },
  'GET /api/brands/{brandId}/engagement/campaigns/{campaignId}/sends/{sendId}': {
    permission: 'engagement:read',
  },
  'GET /api/brands/{brandId}/engagement/campaigns/{campaignId}/results': { permission: 'engagement:read' },
  'GET /api/brands/{brandId}/engagement/outbox': { permission: 'engagement:read' },
  'POST /mcp': { permission: 'mcp:connect', rate: 'ai' },
  'GET /mcp': { permission: 'mcp:connect', rate: 'ai' },
  'DELETE /mcp': { permission: 'mcp:connect', rate: 'ai' },
};

/**
 * Routes under /api deliberately mounted before authentication (they must be reachable without a
 * token). Development sign-in only exists on the embedded backend outside production.
 */
export const PUBLIC_API_ROUTES: readonly string[] = [
  'POST /api/auth/dev-token',
  /** The one-time secret mailed to the invitee is the credential (docs/decisions/925). */
  'POST /api/invitations/accept',
];

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
