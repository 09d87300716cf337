import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { createIdentityResolver } from '../../customers/identity/resolver';
import { createCustomer360, timelineEventSchema } from '../../customers/profiles/customer-360';
import { collectionPath, docPath } from '../../customers/profiles/paths';
import { customer360PredictionSchema } from '../../customers/schemas';
import { defaultRegion } from '../../domain/customers/phone';
import { customerProfileSchema } from '../../domain/customers/profile';
import { mergeRecordSchema, reviewSchema } from '../../domain/customers/records';
import { NotFoundError, ValidationError } from '../../kernel/errors';
import type { Clock, Ids } from '../../ports/clock';
import type { DocumentDb } from '../../ports/document-db';
import type { OperationalStore } from '../../ports/operational-store';
import type { Warehouse } from '../../ports/warehouse';
import { recordAudit } from '../audit';
import type { ApiEnv } from '../env';
import { brandParams, CONFLICT_RESPONSE, ERROR_RESPONSES, jsonResponse } from '../openapi';

const profileSchema = z.object(customerProfileSchema.shape).openapi('CustomerProfile');
const reviewOut = z.object(reviewSchema.shape).openapi('CustomerMergeReview');
/** Who a profile under review is, so the reviewer reads people, not ids (owner/admin/analyst only). */
const reviewProfileOut = z
  .object({
    name: z.string().nullable(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    place: z.string().nullable(),
  })
  .openapi('CustomerReviewProfile');
const mergeOut = z
  .object(mergeRecordSchema.omit({ before: true }).shape)
  .openapi('CustomerMerge', { description: 'A merge or unmerge; the stored snapshots are not returned' });
const money = z.object({ amountMinor: z.number().int(), currency: z.string() });
const share = z.object({ key: z.string(), share: z.number() });
const customer360 = z
  .object({
    profile: profileSchema,
    orders: z.array(
      z.object({
        orderId: z.string(),
        orderNumber: z.string().nullable(),
        createdAt: z.string(),
        total: money,
        channel: z.string(),
      }),
    ),
    refunds: z.array(
      z.object({ refundId: z.string(), orderId: z.string(), createdAt: z.string(), amount: money }),
    ),
    orderCount: z.number().int(),
    revenue: money,
    firstOrderAt: z.string().nullable(),
    lastOrderAt: z.string().nullable(),
    acquisition: z
      .object({
        channel: z.string(),
        platform: z.string().nullable(),
        campaignId: z.string().nullable(),
        /** The campaign's name (shared/reporting/names.ts); the id is for links. */
        campaignName: z.string().nullable().optional(),
        method: z.string(),
        confidence: z.number(),
      })
      .nullable(),
    productIntent: z.array(
      z.object({
        productId: z.string(),
        /** The catalog's title, when the catalog knows the product. */
        title: z.string().optional(),
        score: z.number().int(),
        signals: z.number().int(),
        lastSignalAt: z.string(),
      }),
    ),
    categoryAffinity: z.array(share),
    channelPreference: z.array(share),
    journey: z.object({
      stage: z.enum(['awareness', 'consideration', 'purchase', 'retention', 'advocacy']).nullable(),
      transitions: z.array(z.object({ stage: z.string(), at: z.string() })),
    }),
    /** Segment, P(alive), expected purchases and value from the latest customer-analytics run. */
    predictions: customer360PredictionSchema.openapi('Customer360Prediction'),
    recentEvents: z.array(timelineEventSchema.extend({ channel: z.string() })),
  })
  .openapi('Customer360');

const customerParams = brandParams.extend({
  profileId: z.string().openapi({ param: { name: 'profileId', in: 'path' }, example: 'cus_3f2a…' }),
});
const reviewParams = brandParams.extend({
  reviewId: z.string().openapi({ param: { name: 'reviewId', in: 'path' } }),
  decision: z.enum(['approve', 'reject']).openapi({ param: { name: 'decision', in: 'path' } }),
});
const mergeParams = brandParams.extend({
  mergeId: z.string().openapi({ param: { name: 'mergeId', in: 'path' } }),
});
const searchQuery = z.object({
  email: z.string().max(320).optional(),
  phone: z.string().max(40).optional(),
  name: z.string().min(2).max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});

const routes = {
  search: createRoute({
    method: 'get',
    path: '/api/brands/{brandId}/customers',
    summary: 'Find customers by email, phone (normalised to E.164) or name',
    request: { params: brandParams, query: searchQuery },
    responses: {
      200: jsonResponse(z.object({ customers: z.array(profileSchema) }), 'Matching profiles'),
      ...ERROR_RESPONSES,
    },
  }),
  get: createRoute({
    method: 'get',
    path: '/api/brands/{brandId}/customers/{profileId}',
    summary: 'Customer 360: identifiers, orders, revenue, acquisition, intent, affinity, journey',
    request: { params: customerParams },
    responses: { 200: jsonResponse(customer360, 'The customer'), ...ERROR_RESPONSES },
  }),
  timeline: createRoute({
    method: 'get',
    path: '/api/brands/{brandId}/customers/{profileId}/timeline',
    summary: 'The customer’s events, newest first',
    request: {
      params: customerParams,
      query: z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) }),
    },
    responses: {
      200: jsonResponse(z.object({ events: z.array(timelineEventSchema) }), 'Events'),
      ...ERROR_RESPONSES,
    },
  }),
  merges: createRoute({
    method: 'get',
    path: '/api/brands/{brandId}/customers/{profileId}/merges',
    summary: 'Merge history of a profile (merges and unmerges with their evidence)',
    request: { params: customerParams },
    responses: { 200: jsonResponse(z.object({ merges: z.array(mergeOut) }), 'History'), ...ERROR_RESPONSES },
  }),
  unmerge: createRoute({
    method: 'post',
    path: '/api/brands/{brandId}/customer-merges/{mergeId}/unmerge',
    summary: 'Undo a merge: the profiles are restored exactly as they were stored',
    request: { params: mergeParams },
    responses: { 200: jsonResponse(mergeOut, 'The unmerge'), 409: CONFLICT_RESPONSE, ...ERROR_RESPONSES },
  }),
  reviews: createRoute({
    method: 'get',
    path: '/api/brands/{brandId}/customer-reviews',
    summary: 'The merge review queue',
    request: {
      params: brandParams,
      query: z.object({ status: z.enum(['pending', 'approved', 'rejected']).default('pending') }),
    },
    responses: {
      200: jsonResponse(
        z.object({ reviews: z.array(reviewOut), profiles: z.record(z.string(), reviewProfileOut) }),
        'Reviews, with who each profile is',
      ),
      ...ERROR_RESPONSES,
    },
  }),
  decide: createRoute({
    method: 'post',
    path: '/api/brands/{brandId}/customer-reviews/{reviewId}/{decision}',
    summary: 'Approve (merge) or reject a review (owner or admin)',
    request: { params: reviewParams },
    responses: {
      200: jsonResponse(reviewOut, 'The decided review'),
      409: CONFLICT_RESPONSE,
      ...ERROR_RESPONSES,
    },
  }),
};

/** The ports the customers routes use. */
export interface CustomerRouteDeps {
  documents: DocumentDb;
  warehouse: Warehouse;
  store: OperationalStore;
  clock: Clock;
  ids: Ids;
}

export function customerRoutes(deps: CustomerRouteDeps) {
  const app = new OpenAPIHono<ApiEnv>();
  const view = createCustomer360({ db: deps.documents, warehouse: deps.warehouse, clock: deps.clock });
  const resolver = createIdentityResolver({ db: deps.documents, clock: deps.clock });
  const scope = (c: Context<ApiEnv>) => ({ ctx: c.get('tenant'), brandId: c.get('brand').id });

  app.openapi(routes.search, async (c) => {
    const q = c.req.valid('query');
    if (!q.email && !q.phone && !q.name) throw new ValidationError('give an email, a phone or a name');
    const customers = await view.search(scope(c), q, defaultRegion(c.get('brand')));
    return c.json({ customers }, 200);
  });

  app.openapi(routes.get, async (c) => {
    const { profileId } = c.req.valid('param');
    const [v, catalog] = await Promise.all([
      view.view(scope(c), profileId, c.get('brand').currency),
      deps.store.products.list(c.get('tenant'), c.get('brand').id),
    ]);
    // Products by the catalog's title (a variant's product, or the variant itself), as everywhere.
    const titles = new Map<string, string>();
    for (const p of catalog) {
      if (!titles.has(p.productId)) titles.set(p.productId, p.title);
      titles.set(p.id, p.title);
    }
    const productIntent = v.productIntent.map((i) => {
      const title = titles.get(i.productId);
      return title ? { ...i, title } : i;
    });
    return c.json({ ...v, productIntent }, 200);
  });

  app.openapi(routes.timeline, async (c) => {
    const { profileId } = c.req.valid('param');
    const profile = await view.profile(scope(c), profileId);
    return c.json({ events: await view.timeline(scope(c), profile, c.req.valid('query').limit) }, 200);
  });

  app.openapi(routes.merges, async (c) => {
    const profile = await view.profile(scope(c), c.req.valid('param').profileId);
    const docs = await deps.documents.query(collectionPath(scope(c), 'merges'), {
      orderBy: [['at', 'desc']],
    });
    const merges = docs
      .map((d) => mergeRecordSchema.parse(d.data))
      .filter((m) => m.survivorId === profile.id || m.mergedIds.includes(profile.id))
      .map(({ before: _before, ...rest }) => rest);
    return c.json({ merges }, 200);
  });

  app.openapi(routes.unmerge, async (c) => {
    const undo = await resolver.unmerge(scope(c), c.req.valid('param').mergeId);
    await recordAudit(deps, c.get('tenant'), {
      action: 'customers.unmerged',
      target: `customer-merges/${undo.undoes}`,
      brandId: c.get('brand').id,
    });
    const { before: _before, ...rest } = undo;
    return c.json(rest, 200);
  });

  app.openapi(routes.reviews, async (c) => {
    const { status } = c.req.valid('query');
    const docs = await deps.documents.query(collectionPath(scope(c), 'reviews'), {
      where: [['status', '==', status]],
      orderBy: [['createdAt', 'desc']],
      limit: 200,
    });
    const reviews = docs.map((d) => reviewSchema.parse(d.data));
    const ids = [...new Set(reviews.flatMap((r) => r.profileIds))];
    const profiles: Record<string, z.infer<typeof reviewProfileOut>> = {};
    await Promise.all(
      ids.map(async (id) => {
        const doc = await deps.documents.get(docPath(scope(c), 'profiles', id));
        const p = doc ? customerProfileSchema.safeParse(doc.data) : undefined;
        if (!p?.success) return;
        const first = (kind: string) => p.data.identifiers.find((i) => i.kind === kind)?.value ?? null;
        const person = p.data.person;
        const name = [person?.firstName, person?.lastName].filter(Boolean).join(' ');
        const place = [person?.city, person?.postcode, person?.country].filter(Boolean).join(', ');
        profiles[id] = {
          name: name || null,
          email: first('email'),
          phone: first('phone'),
          place: place || null,
        };
      }),
    );
    return c.json({ reviews, profiles }, 200);
  });

  app.openapi(routes.decide, async (c) => {
    const { reviewId, decision } = c.req.valid('param');
    const review = await resolver.decideReview(scope(c), reviewId, decision);
    if (!review) throw new NotFoundError(`review ${reviewId} not found`);
    await recordAudit(deps, c.get('tenant'), {
      action: `customers.review.${review.status}`,
      target: `customer-reviews/${reviewId}`,
      brandId: c.get('brand').id,
      details: { profileIds: review.profileIds, mergeId: review.mergeId },
    });
    return c.json(review, 200);
  });

  return app;
}
