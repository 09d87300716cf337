import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Content } from '../../content/index';
import { briefInputSchema, briefSchema } from '../../domain/content/brief';
import { connectedDestinationSchema, POST_STATUSES, postSchema } from '../../domain/content/post';
import { brandProfileInputSchema, brandProfileSchema } from '../../domain/content/profile';
import { postingRulesSchema } from '../../domain/content/slots';
import { ConflictError, ValidationError } from '../../kernel/errors';
import type { ApiDeps } from '../app';
import type { ApiEnv } from '../env';
import { brandParams, CONFLICT_RESPONSE, ERROR_RESPONSES, jsonBody, jsonResponse } from '../openapi';

/**
 * The content studio's API (issue 21): briefs, the brand profile, drafting, posts with edits,
 * comments and approval, the Meta destination, scheduling, publishing and its log. Content
 * lives under `/api/brands/{brandId}/content/`; permissions are in the one table.
 */
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'month: YYYY-MM');
const monthParams = brandParams.extend({
  month: month.openapi({ param: { name: 'month', in: 'path' }, example: '2026-12' }),
});
const postParams = brandParams.extend({
  postId: z.string().openapi({ param: { name: 'postId', in: 'path' }, example: 'post-1' }),
});
// Rebuilt with the OpenAPI-aware z: domain schemas come from plain zod.
const briefView = z.object(briefSchema.shape).openapi('ContentBrief');
const profileView = z.object(brandProfileSchema.shape).openapi('BrandProfile');
const postView = z.object(postSchema.shape).openapi('ContentPost');
const destinationView = z.object(connectedDestinationSchema.shape).openapi('ContentDestination');
const logEntry = z.object({
  at: z.string(),
  action: z.string(),
  target: z.string(),
  actor: z.string(),
  details: z.record(z.string(), z.unknown()),
});
const outcomes = z.array(z.object({ postId: z.string(), outcome: z.string() }).passthrough());
const C = '/api/brands/{brandId}/content';
const R = { ...ERROR_RESPONSES, 409: CONFLICT_RESPONSE };

const routes = {
  listBriefs: createRoute({
    method: 'get',
    path: `${C}/briefs`,
    summary: 'Monthly briefs',
    request: { params: brandParams },
    responses: { 200: jsonResponse(z.object({ briefs: z.array(briefView) }), 'Briefs'), ...R },
  }),
  getBrief: createRoute({
    method: 'get',
    path: `${C}/briefs/{month}`,
    summary: "A month's brief and its earlier versions",
    description:
      'A month without a brief yet is a normal state, not an error: `brief` is null and `history` empty.',
    request: { params: monthParams },
    responses: {
      200: jsonResponse(
        z.object({ brief: briefView.nullable(), history: z.array(briefView) }),
        'The brief (null while none is written) and its versions',
      ),
      ...R,
    },
  }),
  putBrief: createRoute({
    method: 'put',
    path: `${C}/briefs/{month}`,
    summary: "Create or update a month's brief (a new version)",
    request: { params: monthParams, body: jsonBody(briefInputSchema.omit({ month: true })) },
    responses: { 200: jsonResponse(briefView, 'The saved brief'), ...R },
  }),
  deleteBrief: createRoute({
    method: 'delete',
    path: `${C}/briefs/{month}`,
    summary: "Delete a month's brief (its versions stay)",
    request: { params: monthParams },
    responses: { 204: { description: 'Deleted' }, ...R },
  }),
  getProfile: createRoute({
    method: 'get',
    path: `${C}/profile`,
    summary: 'The brand profile',
    description:
      'A brand without a profile yet (never extracted nor written) is a normal state: the answer is `null`.',
    request: { params: brandParams },
    responses: {
      200: jsonResponse(profileView.nullable(), 'The profile, or null while there is none'),
      ...R,
    },
  }),
  extractProfile: createRoute({
    method: 'post',
    path: `${C}/profile/extract`,
    summary: 'Read the storefront and write the brand profile (Claude, or the local generator without a key)',
    request: { params: brandParams, body: jsonBody(z.object({ url: z.string().url().optional() })) },
    responses: { 200: jsonResponse(profileView, 'The new profile'), ...R },
  }),
  putProfile: createRoute({
    method: 'put',
    path: `${C}/profile`,
    summary: 'Edit the brand profile',
    request: { params: brandParams, body: jsonBody(brandProfileInputSchema) },
    responses: { 200: jsonResponse(profileView, 'The edited profile'), ...R },
  }),
  draft: createRoute({
    method: 'post',
    path: `${C}/plans/{month}/draft`,
    summary: "Draft the month's posts from the brief, the profile and the store's stock",
    request: { params: monthParams },
    responses: { 200: jsonResponse(z.object({ posts: z.array(postView) }), 'The drafts'), ...R },
  }),
  schedulePlan: createRoute({
    method: 'post',
    path: `${C}/plans/{month}/schedule`,
    summary: "Spread the month's approved posts over the posting rules' slots",
    request: { params: monthParams, body: jsonBody(z.object({ rules: postingRulesSchema.optional() })) },
    responses: {
      200: jsonResponse(
        z.object({ scheduled: z.array(postView), unscheduled: z.number() }),
        'What was scheduled',
      ),
      ...R,
    },
  }),
  listPosts: createRoute({
    method: 'get',
    path: `${C}/posts`,
    summary: 'Posts, by month and status',
    request: {
      params: brandParams,
      query: z.object({ month: month.optional(), status: z.enum(POST_STATUSES).optional() }),
    },
    responses: { 200: jsonResponse(z.object({ posts: z.array(postView) }), 'Posts'), ...R },
  }),
  getPost: createRoute({
    method: 'get',
    path: `${C}/posts/{postId}`,
    summary: 'A post',
    request: { params: postParams },
    responses: { 200: jsonResponse(postView, 'The post'), ...R },
  }),
  editPost: createRoute({
    method: 'patch',
    path: `${C}/posts/{postId}`,
    summary: 'Edit a post (an approved or scheduled one goes back to draft)',
    request: {
      params: postParams,
      body: jsonBody(
        z.object({
          caption: z.string().optional(),
          hashtags: z.array(z.string()).optional(),
          callToAction: z.string().optional(),
          channels: z.array(z.enum(['facebook', 'instagram'])).optional(),
        }),
      ),
    },
    responses: { 200: jsonResponse(postView, 'The edited post'), ...R },
  }),
  approve: createRoute({
    method: 'post',
    path: `${C}/posts/{postId}/approve`,
    summary: 'Approve a draft',
    request: { params: postParams },
    responses: { 200: jsonResponse(postView, 'The approved post'), ...R },
  }),
  comment: createRoute({
    method: 'post',
    path: `${C}/posts/{postId}/comments`,
    summary: 'Comment on a post',
    request: { params: postParams, body: jsonBody(z.object({ text: z.string().min(1).max(2000) })) },
    responses: { 200: jsonResponse(postView, 'The post'), ...R },
  }),
  schedulePost: createRoute({
    method: 'post',
    path: `${C}/posts/{postId}/schedule`,
    summary: 'Schedule an approved post; the destination is verified and frozen on it',
    request: { params: postParams, body: jsonBody(z.object({ at: z.string().datetime({ offset: true }) })) },
    responses: { 200: jsonResponse(postView, 'The scheduled post'), ...R },
  }),
  image: createRoute({
    method: 'get',
    path: `${C}/posts/{postId}/image`,
    summary: "The post's rendered image (PNG)",
    request: { params: postParams },
    responses: {
      200: {
        description: 'PNG',
        content: { 'image/png': { schema: z.string().openapi({ format: 'binary' }) } },
      },
      ...R,
    },
  }),
  getDestination: createRoute({
    method: 'get',
    path: `${C}/destination`,
    summary: 'The Facebook Page and Instagram account posts go to',
    description:
      'A brand that has not connected a Page yet is a normal state, not an error: the answer is `null`.',
    request: { params: brandParams },
    responses: {
      200: jsonResponse(destinationView.nullable(), 'The destination, or null while no Page is connected'),
      ...R,
    },
  }),
  putDestination: createRoute({
    method: 'put',
    path: `${C}/destination`,
    summary: 'Connect the Page (verified with Meta; the token goes to the secret store)',
    request: {
      params: brandParams,
      body: jsonBody(
        z.object({
          pageId: z.string().min(1),
          accessToken: z.string().min(10),
          apiBaseUrl: z.string().url().optional(),
        }),
      ),
    },
    responses: { 200: jsonResponse(destinationView, 'The verified destination'), ...R },
  }),
  publishDue: createRoute({
    method: 'post',
    path: `${C}/publish-due`,
    summary: 'Publish every scheduled post that is due now',
    request: { params: brandParams },
    responses: { 200: jsonResponse(z.object({ results: outcomes }), 'What happened to each post'), ...R },
  }),
  log: createRoute({
    method: 'get',
    path: `${C}/log`,
    summary: 'The publishing log: every content step as an audit event',
    request: { params: brandParams },
    responses: { 200: jsonResponse(z.object({ entries: z.array(logEntry) }), 'Newest first'), ...R },
  }),
};

export function contentRoutes(deps: Pick<ApiDeps, 'store' | 'config'>, content: Content | undefined) {
  const app = new OpenAPIHono<ApiEnv>();
  const need = () => {
    if (!content) throw new ConflictError('media storage is not configured for this deployment');
    return content;
  };
  const scopeOf = (c: {
    get(k: 'tenant'): ApiEnv['Variables']['tenant'];
    get(k: 'brand'): ApiEnv['Variables']['brand'];
  }) => ({
    ctx: c.get('tenant'),
    brandId: c.get('brand').id,
  });
  const publicDestination = (d: {
    pageId: string;
    pageName: string;
    igUserId?: string;
    verifiedAt: string;
  }) => ({
    pageId: d.pageId,
    pageName: d.pageName,
    ...(d.igUserId ? { igUserId: d.igUserId } : {}),
    verifiedAt: d.verifiedAt,
  });

  app.openapi(routes.listBriefs, async (c) =>
    c.json({ briefs: await need().studio.listBriefs(scopeOf(c)) }, 200),
  );
  app.openapi(routes.getBrief, async (c) => {
    const { month } = c.req.valid('param');
    const studio = need().studio;
    return c.json(
      {
        brief: (await studio.findBrief(scopeOf(c), month)) ?? null,
        history: await studio.briefHistory(scopeOf(c), month),
      },
      200,
    );
  });
  app.openapi(routes.putBrief, async (c) =>
    c.json(
      await need().studio.saveBrief(scopeOf(c), {
        ...c.req.valid('json'),
        month: c.req.valid('param').month,
      }),
      200,
    ),
  );
  app.openapi(routes.deleteBrief, async (c) => {
    await need().studio.deleteBrief(scopeOf(c), c.req.valid('param').month);
    return c.body(null, 204);
  });
  // "None yet" answers 200 with null: a 404 here would be logged by every browser as a failed load.
  app.openapi(routes.getProfile, async (c) =>
    c.json((await need().studio.getProfile(scopeOf(c))) ?? null, 200),
  );
  app.openapi(routes.extractProfile, async (c) => {
    const { url } = c.req.valid('json');
    // deps.fetch is the outbound-guarded client; production also insists on https.
    if (url && deps.config.NODE_ENV === 'production' && !url.startsWith('https://'))
      throw new ValidationError('the storefront URL must be https');
    return c.json(await need().studio.extractProfile(scopeOf(c), url), 200);
  });
  app.openapi(routes.putProfile, async (c) =>
    c.json(await need().studio.editProfile(scopeOf(c), c.req.valid('json')), 200),
  );
  app.openapi(routes.draft, async (c) =>
    c.json({ posts: await need().studio.draftMonth(scopeOf(c), c.req.valid('param').month) }, 200),
  );
  app.openapi(routes.schedulePlan, async (c) => {
    const { rules } = c.req.valid('json');
    const brand = c.get('brand');
    const out = await need().scheduling.scheduleApproved(
      scopeOf(c),
      c.req.valid('param').month,
      rules ?? { days: [0, 2, 4], times: ['10:00', '18:30'], timezone: brand.timezone, minGapMinutes: 240 },
    );
    return c.json(out, 200);
  });
  app.openapi(routes.listPosts, async (c) =>
    c.json({ posts: await need().studio.listPosts(scopeOf(c), c.req.valid('query')) }, 200),
  );
  app.openapi(routes.getPost, async (c) =>
    c.json(await need().studio.getPost(scopeOf(c), c.req.valid('param').postId), 200),
  );
  app.openapi(routes.editPost, async (c) =>
    c.json(await need().studio.editPost(scopeOf(c), c.req.valid('param').postId, c.req.valid('json')), 200),
  );
  app.openapi(routes.approve, async (c) =>
    c.json(await need().studio.approvePost(scopeOf(c), c.req.valid('param').postId), 200),
  );
  app.openapi(routes.comment, async (c) =>
    c.json(
      await need().studio.commentPost(scopeOf(c), c.req.valid('param').postId, c.req.valid('json').text),
      200,
    ),
  );
  app.openapi(routes.schedulePost, async (c) =>
    c.json(
      await need().scheduling.schedule(
        scopeOf(c),
        c.req.valid('param').postId,
        new Date(c.req.valid('json').at),
      ),
      200,
    ),
  );
  app.openapi(routes.image, async (c) => {
    const img = await need().studio.image(scopeOf(c), c.req.valid('param').postId);
    return c.body(new Uint8Array(img.body), 200, { 'content-type': img.contentType }) as never;
  });
  app.openapi(routes.getDestination, async (c) => {
    const dest = await need().scheduling.current(scopeOf(c));
    return c.json(dest ? publicDestination(dest) : null, 200);
  });
  app.openapi(routes.putDestination, async (c) => {
    const body = c.req.valid('json');
    if (body.apiBaseUrl && deps.config.NODE_ENV === 'production')
      throw new ValidationError('apiBaseUrl is for sandboxes and is not accepted in production');
    // Without an explicit base URL (the app's form sends none), a Page is checked where the
    // deployment's Graph API is: Meta's, or the local runtime's sandbox.
    const apiBaseUrl = body.apiBaseUrl ?? deps.config.META_GRAPH_API_BASE_URL;
    return c.json(
      publicDestination(
        await need().scheduling.connect(scopeOf(c), { ...body, ...(apiBaseUrl ? { apiBaseUrl } : {}) }),
      ),
      200,
    );
  });
  app.openapi(routes.publishDue, async (c) =>
    c.json({ results: await need().publisher.publishDue(scopeOf(c)) }, 200),
  );
  app.openapi(routes.log, async (c) => {
    const scope = scopeOf(c);
    const events = await deps.store.auditEvents.list(scope.ctx, { brandId: scope.brandId, limit: 500 });
    const entries = events
      .filter((e) => e.action.startsWith('content.'))
      .sort((a, b) => b.at.localeCompare(a.at))
      .map((e) => ({ at: e.at, action: e.action, target: e.target, actor: e.actor, details: e.details }));
    return c.json({ entries }, 200);
  });
  return app;
}

/** `GET /media/*`: the embedded MediaStore's signed links (Instagram fetches images from here). */
export function contentMediaRoutes(deps: Pick<ApiDeps, 'media' | 'clock'>) {
  const app = new OpenAPIHono<ApiEnv>();
  app.get('/media/*', async (c) => {
    const path = c.req.path.replace(/^\/media\//, '');
    const obj = await deps.media?.openSigned?.(path, new URL(c.req.url).searchParams, deps.clock.now());
    if (!obj)
      return c.json({ error: { code: 'not_found', message: 'no such media, or the link expired' } }, 404);
    return c.body(new Uint8Array(obj.body), 200, {
      'content-type': obj.contentType,
      'cache-control': 'private, max-age=3600',
    });
  });
  return app;
}
