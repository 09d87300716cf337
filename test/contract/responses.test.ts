import { type RouteConfig, z } from '@hono/zod-openapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { briefs, destinations, META_DESTINATION, posts, profiles } from '../../shared/content/documents';
import { createIdentityResolver } from '../../shared/customers/identity/resolver';
import { systemContext } from '../../shared/domain/tenancy';
import { localDate } from '../../shared/domain/time';
import { createTestApi, type TestApi } from '../support/api';
import { anAdRow, aRecommendation } from '../support/builders';
import { NO_RATE_LIMITS } from '../support/rate-limits';
import { fillPath } from '../support/route-table';
import { seedTenantWithData } from '../support/tenants';

/**
 * "zod out": every documented GET route, called on a tenant with data of every kind, answers
 * with a body that the zod schema it declares for that status accepts. Read from the app's
 * OpenAPI registry, so routes added later by any area are checked too.
 */
const BRAND = 'contract-brand';
let api: TestApi;
let token: string;
let routes: RouteConfig[];
let profileId: string;
let campaignId: string;
let sendId: string;
let automationId: string;

beforeAll(async () => {
  // Every GET route in one go is more than a person's request budget: the limiter is not under test here.
  api = await createTestApi({ rateLimits: NO_RATE_LIMITS });
  await seedTenantWithData(api, 't_contract', [BRAND]);
  token = await api.token({ tenantId: 't_contract', role: 'owner' });
  // One customer, so the customer routes answer 200 with a real profile.
  const resolver = createIdentityResolver({ db: api.deps.documents, clock: api.deps.clock });
  const resolved = await resolver.resolve(
    { ctx: systemContext('t_contract', 'test'), brandId: BRAND },
    {
      id: 'contract-customer',
      at: '2026-11-02T10:00:00.000Z',
      identifiers: [{ kind: 'email', value: 'contract@example.com' }],
      source: 'shopify',
    },
  );
  profileId = resolved.profileId ?? '';
  // The campaign's spend as Meta reported it, so its ad-set export has a row.
  await api.deps.warehouse.replaceRange(
    systemContext('t_contract', 'test'),
    'ad_performance',
    { brandId: BRAND, from: localDate('2026-11-10'), to: localDate('2026-11-10') },
    [anAdRow(BRAND, '2026-11-10', 'meta', 12_000, { campaign_id: `meta:act_${BRAND}:camp_1` })],
  );
  await seedContent({ ctx: systemContext('t_contract', 'test'), brandId: BRAND });
  // One draft email campaign, so the campaign routes answer with it.
  const created = await api.request(`/api/brands/${BRAND}/engagement/campaigns`, {
    method: 'POST',
    token,
    json: {
      name: 'Win-back',
      channel: 'email',
      segment: null,
      holdoutShare: 0,
      variants: [{ id: 'a', name: 'Ten percent', weight: 1, subject: 'We miss you', text: 'Use BACK10' }],
    },
  });
  campaignId = ((await created.json()) as { id: string }).id;
  // And a queued dry run of it, so its send's progress route answers with it.
  const rehearsal = await api.request(`/api/brands/${BRAND}/engagement/campaigns/${campaignId}/send`, {
    method: 'POST',
    token,
    json: { dryRun: true },
  });
  sendId = ((await rehearsal.json()) as { sendId: string }).sendId;
  // One automation, so its results route answers with it.
  const automation = await api.request(`/api/brands/${BRAND}/engagement/automations`, {
    method: 'POST',
    token,
    json: {
      name: 'Cart rescue',
      triggerEvent: 'checkout_started',
      steps: [{ waitMinutes: 60, channel: 'email', subject: 'Your cart', text: 'Still there.' }],
    },
  });
  expect(automation.status, await automation.clone().text()).toBe(201);
  automationId = ((await automation.json()) as { id: string }).id;
  routes = api.app.openAPIRegistry.definitions
    .flatMap((d) => (d.type === 'route' ? [d.route] : []))
    .filter((r) => r.method === 'get' && r.path.startsWith('/api/'));
});
afterAll(async () => api?.close());

const MONTH = '2026-11';
const POST_ID = 'post-contract';

/** The content studio with one of everything: a brief, a profile, a post with its image, a Page. */
async function seedContent(scope: { ctx: ReturnType<typeof systemContext>; brandId: string }) {
  const db = api.deps.documents;
  const at = '2026-11-02T10:00:00.000Z';
  const by = { updatedAt: at, updatedBy: 'contract' };
  await briefs.put(db, scope, MONTH, {
    month: MONTH,
    goals: 'Clear overstock',
    pushProducts: [],
    offers: '',
    tone: '',
    channels: ['facebook'],
    postsPerWeek: 3,
    language: 'en',
    id: MONTH,
    brandId: BRAND,
    version: 1,
    createdAt: at,
    ...by,
  });
  await profiles.put(db, scope, 'current', {
    name: 'Contract Brand',
    voice: 'Plain',
    audience: 'Everyone',
    pillars: ['Products'],
    palette: ['#112233'],
    dos: [],
    donts: [],
    brandId: BRAND,
    source: 'edited',
    ...by,
  });
  await api.deps.media!.put(scope, `posts/${POST_ID}.png`, new Uint8Array([137, 80, 78, 71]), 'image/png');
  await posts.put(db, scope, POST_ID, {
    id: POST_ID,
    brandId: BRAND,
    planMonth: MONTH,
    status: 'draft',
    channels: ['facebook'],
    caption: 'A post',
    hashtags: [],
    callToAction: '',
    product: {
      variantId: 'v1',
      title: 'Alpine Throw',
      priceMinor: 8900,
      currency: 'USD',
      stock: 10,
      daysOfCover: 30,
      reason: 'overstock',
      kind: 'overstock',
    },
    imageKey: `posts/${POST_ID}.png`,
    publishedIds: {},
    comments: [],
    history: [],
    createdAt: at,
    updatedAt: at,
  });
  await destinations.put(db, scope, META_DESTINATION, {
    pageId: '1',
    pageName: 'Contract Page',
    secretName: 'brands/contract-brand/meta-content-token',
    verifiedAt: at,
    updatedAt: at,
  });
}

/** The zod schema a route declares for a JSON response with this status, if any. */
function declaredSchema(route: RouteConfig, status: number): z.ZodType | undefined {
  const declared = route.responses[String(status)];
  const media = declared && 'content' in declared ? declared.content?.['application/json'] : undefined;
  const schema = media && 'schema' in media ? media.schema : undefined;
  return schema && schema instanceof z.ZodType ? schema : undefined;
}

const valueFor = (param: string, path: string): string => {
  if (param === 'brandId') return BRAND;
  if (param === 'platform') return 'meta';
  if (param === 'dimension') return 'campaign';
  if (param === 'customerId') return 'cust-1';
  if (param === 'profileId') return profileId;
  if (param === 'month') return MONTH;
  if (param === 'postId') return POST_ID;
  // Engagement campaigns are ours; elsewhere a campaign is an ad platform's.
  if (param === 'campaignId') return path.includes('/engagement/') ? campaignId : `meta:act_${BRAND}:camp_1`;
  if (param === 'automationId') return automationId;
  if (param === 'sendId') return sendId;
  if (path.includes('/recommendations/')) return aRecommendation(BRAND).id;
  return `meta:act_${BRAND}:camp_1`;
};

describe('responses match their declared schemas', () => {
  it('reads the routes from the OpenAPI registry', () => {
    expect(routes.length).toBeGreaterThan(10);
  });

  it('every GET route answers with a body its schema accepts', async () => {
    const wrong: string[] = [];
    let checked = 0;
    for (const route of routes) {
      const path = fillPath(route.path.replace(/\{([^}]+)\}/g, ':$1'), valueFor);
      const query = path.includes('/export')
        ? ''
        : path.endsWith('/customers')
          ? '?email=contract@example.com'
          : '?from=2026-11-01&to=2026-11-19';
      const res = await api.request(`${path}${query}`, { token });
      const schema = declaredSchema(route, res.status);
      if (res.status !== 200) wrong.push(`${route.path}: ${res.status} ${(await res.text()).slice(0, 120)}`);
      else if (schema) {
        checked++;
        const parsed = schema.safeParse(await res.json());
        if (!parsed.success)
          wrong.push(
            `${route.path}: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`,
          );
      }
    }
    expect(wrong).toEqual([]);
    expect(checked).toBeGreaterThan(10);
  });
});
