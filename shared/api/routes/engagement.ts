import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { ChannelKind } from '../../domain/engagement/channel';
import { channelKindSchema } from '../../domain/engagement/consent';
import type { VariantResult } from '../../domain/engagement/results';
import type { CampaignAudience } from '../../engagement/audience';
import { automationInputSchema, automationSchema, stepContent } from '../../engagement/automations';
import { campaignRunSchema, remainingOf, sentSoFar } from '../../engagement/campaign-runs';
import { campaignInputSchema, campaignSchema } from '../../engagement/campaigns';
import type { Engagement } from '../../engagement/index';
import { sendRecordSchema } from '../../engagement/send-record';
import { ConflictError } from '../../kernel/errors';
import type { Clock, Ids } from '../../ports/clock';
import type { OperationalStore } from '../../ports/operational-store';
import type { BrandScope } from '../../ports/warehouse-rows';
import { recordAudit } from '../audit';
import type { ApiEnv } from '../env';
import { brandParams, ERROR_RESPONSES, jsonBody, jsonResponse } from '../openapi';
import { periodQuery, resolvePeriod } from '../period-query';
import { automationResultsSchema, campaignResultsSchema } from '../schemas/engagement';

/**
 * Engagement: automations (and their results per step), campaigns (live audience, preview, test send, send, results per variant
 * against the holdout) and the outbox. Reading is for every member; creating, pausing and sending
 * for owners and admins (shared/api/permissions.ts). Every call is scoped by the brand middleware.
 */
const automationView = z.object(automationSchema.shape).openapi('Automation');
const campaignView = z.object(campaignSchema.shape).openapi('EngagementCampaign');
const sendView = z.object(sendRecordSchema.shape).openapi('OutboxMessage');
const resultsView = campaignResultsSchema.openapi('CampaignResults');
const automationResultsView = automationResultsSchema.openapi('AutomationResults');

/** What a channel can report: email has no delivery report, SMS and WhatsApp carry no pixel. */
function byChannel<R extends { delivered: number; opened: number }>(row: R, channel: ChannelKind) {
  return {
    ...row,
    delivered: channel === 'email' ? null : row.delivered,
    opened: channel === 'email' ? row.opened : null,
  };
}
const emptyRow = (variantId: string): VariantResult => ({
  variantId,
  customers: 0,
  orders: 0,
  revenueMinor: 0,
  revenuePerCustomerMinor: 0,
  sent: 0,
  delivered: 0,
  opened: 0,
  clicked: 0,
  unsubscribed: 0,
  fromLinks: { orders: 0, revenueMinor: 0 },
  incrementalRevenueMinor: null,
});
const automationParams = brandParams.extend({
  automationId: z.string().openapi({ param: { name: 'automationId', in: 'path' }, example: 'aut_1' }),
});
const campaignParams = brandParams.extend({
  campaignId: z.string().openapi({ param: { name: 'campaignId', in: 'path' }, example: 'cmp_1' }),
});
const sendParams = campaignParams.extend({
  sendId: z.string().openapi({ param: { name: 'sendId', in: 'path' }, example: 'csr_1' }),
});
const campaignSendView = z.object(campaignRunSchema.shape).openapi('CampaignSend');
const segmentQuery = z.object({
  segment: z.string().min(1).max(50).optional(),
  /** Narrows the count to the customers interested in this product variant (and its parent product). */
  product: z.string().min(1).max(200).optional(),
  parent: z.string().min(1).max(200).optional(),
});
const base = '/api/brands/{brandId}/engagement';

const routes = {
  automations: createRoute({
    method: 'get',
    path: `${base}/automations`,
    summary: "The brand's automations, highest priority first",
    request: { params: brandParams },
    responses: {
      200: jsonResponse(z.object({ automations: z.array(automationView) }), 'Automations'),
      ...ERROR_RESPONSES,
    },
  }),
  createAutomation: createRoute({
    method: 'post',
    path: `${base}/automations`,
    summary: 'Create an automation (active at once)',
    request: {
      params: brandParams,
      body: jsonBody(z.object(automationInputSchema.shape).openapi('AutomationInput')),
    },
    responses: { 201: jsonResponse(automationView, 'The automation'), ...ERROR_RESPONSES },
  }),
  pause: createRoute({
    method: 'post',
    path: `${base}/automations/{automationId}/pause`,
    summary: 'Pause an automation: its pending steps send nothing until resumed',
    request: { params: automationParams },
    responses: { 200: jsonResponse(automationView, 'The automation'), ...ERROR_RESPONSES },
  }),
  resume: createRoute({
    method: 'post',
    path: `${base}/automations/{automationId}/resume`,
    summary: 'Resume a paused automation',
    request: { params: automationParams },
    responses: { 200: jsonResponse(automationView, 'The automation'), ...ERROR_RESPONSES },
  }),
  campaigns: createRoute({
    method: 'get',
    path: `${base}/campaigns`,
    summary: "The brand's campaigns, newest first",
    request: { params: brandParams },
    responses: {
      200: jsonResponse(z.object({ campaigns: z.array(campaignView) }), 'Campaigns'),
      ...ERROR_RESPONSES,
    },
  }),
  createCampaign: createRoute({
    method: 'post',
    path: `${base}/campaigns`,
    summary: 'Create a draft campaign',
    request: {
      params: brandParams,
      body: jsonBody(z.object(campaignInputSchema.shape).openapi('CampaignInput')),
    },
    responses: { 201: jsonResponse(campaignView, 'The draft'), ...ERROR_RESPONSES },
  }),
  campaign: createRoute({
    method: 'get',
    path: `${base}/campaigns/{campaignId}`,
    summary: 'A campaign with the live size of its audience',
    request: { params: campaignParams },
    responses: {
      200: jsonResponse(
        campaignView.extend({
          audienceCount: z.number(),
          /** The real send's progress once started (decision 950: a stockout can pause it mid-send). */
          progress: z
            .object({
              sendId: z.string(),
              done: z.boolean(),
              /** Messages that reached the provider. */
              sent: z.number(),
              /** Customers the recorded batches went through (sent, held out, skipped…). */
              reached: z.number(),
              /** Customers of the audience counted at the start that no batch has reached; null: not counted. */
              remaining: z.number().nullable(),
            })
            .nullable(),
        }),
        'The campaign',
      ),
      ...ERROR_RESPONSES,
    },
  }),
  products: createRoute({
    method: 'get',
    path: `${base}/products`,
    summary:
      "The brand's products a campaign or automation can feature, by name (variant ids as the catalog holds them)",
    request: { params: brandParams },
    responses: {
      200: jsonResponse(
        z.object({
          products: z.array(z.object({ id: z.string(), productId: z.string(), name: z.string() })),
        }),
        'Products',
      ),
      ...ERROR_RESPONSES,
    },
  }),
  resumeCampaign: createRoute({
    method: 'post',
    path: `${base}/campaigns/{campaignId}/resume`,
    summary: 'Resume a campaign paused because a product it features ran out of stock: a draft again',
    request: { params: campaignParams },
    responses: { 200: jsonResponse(campaignView, 'The campaign'), ...ERROR_RESPONSES },
  }),
  audience: createRoute({
    method: 'get',
    path: `${base}/audience`,
    summary: 'The live number of customers in a segment (every scored customer without one)',
    request: { params: brandParams, query: segmentQuery },
    responses: { 200: jsonResponse(z.object({ count: z.number() }), 'The count'), ...ERROR_RESPONSES },
  }),
  preview: createRoute({
    method: 'get',
    path: `${base}/campaigns/{campaignId}/preview`,
    summary: 'What each variant says to a sample customer of the audience',
    request: { params: campaignParams },
    responses: {
      200: jsonResponse(
        z.object({
          sample: z.object({
            customerId: z.string().nullable(),
            values: z.record(z.string(), z.string().nullable()),
          }),
          variants: z.array(
            z.object({ variantId: z.string(), subject: z.string().nullable(), text: z.string() }),
          ),
        }),
        'The rendered variants',
      ),
      ...ERROR_RESPONSES,
    },
  }),
  testSend: createRoute({
    method: 'post',
    path: `${base}/campaigns/{campaignId}/test-send`,
    summary: "Send every variant, rendered for a sample customer, to the merchant's own address",
    request: { params: campaignParams, body: jsonBody(z.object({ to: z.string().min(3).max(320) })) },
    responses: {
      200: jsonResponse(
        z.object({ results: z.array(z.object({ variantId: z.string(), ok: z.boolean() }).passthrough()) }),
        'One outcome per variant',
      ),
      ...ERROR_RESPONSES,
    },
  }),
  send: createRoute({
    method: 'post',
    path: `${base}/campaigns/{campaignId}/send`,
    summary: 'Send the campaign (or, with dryRun, record what it would send) to its audience',
    request: {
      params: campaignParams,
      body: jsonBody(z.object({ dryRun: z.boolean().default(false) })),
    },
    responses: {
      202: jsonResponse(
        z.object({
          status: z.literal('sending'),
          /** The queued send: GET …/sends/{sendId} shows its batches' progress. */
          sendId: z.string(),
          audienceCount: z.number(),
          dryRun: z.boolean(),
        }),
        'Queued: batches go out through the task queue; the outbox and results fill in as they do',
      ),
      ...ERROR_RESPONSES,
    },
  }),
  campaignSend: createRoute({
    method: 'get',
    path: `${base}/campaigns/{campaignId}/sends/{sendId}`,
    summary: 'A queued send of the campaign: batches done, customers reached and where their messages stand',
    request: { params: sendParams },
    responses: { 200: jsonResponse(campaignSendView, 'The send'), ...ERROR_RESPONSES },
  }),
  results: createRoute({
    method: 'get',
    path: `${base}/campaigns/{campaignId}/results`,
    summary: 'Results per variant, the holdout beside the treated group, and the incremental revenue',
    request: { params: campaignParams },
    responses: { 200: jsonResponse(resultsView, 'The results'), ...ERROR_RESPONSES },
  }),
  automationResults: createRoute({
    method: 'get',
    path: `${base}/automations/{automationId}/results`,
    summary:
      'Results per step for the customers the automation reached in the period: messages, orders from their entry day, orders from links, and the lift over the holdout',
    request: { params: automationParams, query: periodQuery },
    responses: { 200: jsonResponse(automationResultsView, 'The results'), ...ERROR_RESPONSES },
  }),
  outbox: createRoute({
    method: 'get',
    path: `${base}/outbox`,
    summary: 'What was sent, would be sent (dry run), held or skipped, newest first',
    request: {
      params: brandParams,
      query: z.object({
        campaignId: z.string().optional(),
        automationId: z.string().optional(),
        limit: z.coerce.number().int().min(1).max(500).default(100),
      }),
    },
    responses: {
      200: jsonResponse(
        z.object({ messages: z.array(sendView), channels: z.array(channelKindSchema), dryRun: z.boolean() }),
        'The outbox',
      ),
      ...ERROR_RESPONSES,
    },
  }),
};

export interface EngagementRouteDeps {
  store: OperationalStore;
  clock: Clock;
  ids: Ids;
  logger: { error(message: string, fields?: Record<string, unknown>): void };
  engagement?: Engagement;
}

export function engagementRoutes(deps: EngagementRouteDeps) {
  const app = new OpenAPIHono<ApiEnv>();
  const need = (): Engagement => {
    if (!deps.engagement) throw new ConflictError('engagement is not configured for this deployment');
    return deps.engagement;
  };
  const scopeOf = (c: {
    get(k: 'tenant'): BrandScope['ctx'];
    get(k: 'brand'): { id: string };
  }): BrandScope => ({
    ctx: c.get('tenant'),
    brandId: c.get('brand').id,
  });

  app.openapi(routes.automations, async (c) =>
    c.json({ automations: await need().automations.list(scopeOf(c)) }, 200),
  );
  app.openapi(routes.createAutomation, async (c) => {
    const scope = scopeOf(c);
    const automation = await need().automations.create(scope, c.req.valid('json'), `aut_${deps.ids.next()}`);
    await recordAudit(deps, scope.ctx, {
      action: 'automation.created',
      target: `brands/${scope.brandId}/automations/${automation.id}`,
      brandId: scope.brandId,
    });
    return c.json(automation, 201);
  });
  for (const [route, verb] of [
    [routes.pause, 'pause'],
    [routes.resume, 'resume'],
  ] as const)
    app.openapi(route, async (c) => {
      const scope = scopeOf(c);
      const { automationId } = c.req.valid('param');
      const e = need();
      await e.automations[verb](scope, automationId);
      await recordAudit(deps, scope.ctx, {
        action: `automation.${verb}d`,
        target: `brands/${scope.brandId}/automations/${automationId}`,
        brandId: scope.brandId,
      });
      return c.json(await e.automations.get(scope, automationId), 200);
    });

  app.openapi(routes.campaigns, async (c) =>
    c.json({ campaigns: await need().campaigns.list(scopeOf(c)) }, 200),
  );
  app.openapi(routes.createCampaign, async (c) => {
    const scope = scopeOf(c);
    const campaign = await need().campaigns.create(scope, c.req.valid('json'));
    await recordAudit(deps, scope.ctx, {
      action: 'engagement_campaign.created',
      target: `brands/${scope.brandId}/engagementCampaigns/${campaign.id}`,
      brandId: scope.brandId,
    });
    return c.json(campaign, 201);
  });
  app.openapi(routes.products, async (c) => {
    const scope = scopeOf(c);
    const products = await deps.store.products.list(scope.ctx, scope.brandId);
    return c.json(
      {
        products: products
          .filter((p) => p.status !== 'archived')
          .map((p) => ({
            id: p.id,
            productId: p.productId,
            name:
              p.variantTitle && p.variantTitle !== 'Default Title'
                ? `${p.title} — ${p.variantTitle}`
                : p.title,
          }))
          .sort((a, b) => a.name.localeCompare(b.name)),
      },
      200,
    );
  });
  app.openapi(routes.resumeCampaign, async (c) => {
    const scope = scopeOf(c);
    const campaign = await need().campaignRuns.resume(scope, c.req.valid('param').campaignId);
    await recordAudit(deps, scope.ctx, {
      action: 'engagement_campaign.resumed',
      target: `brands/${scope.brandId}/engagementCampaigns/${campaign.id}`,
      brandId: scope.brandId,
    });
    return c.json(campaign, 200);
  });
  app.openapi(routes.campaign, async (c) => {
    const scope = scopeOf(c);
    const e = need();
    const campaign = await e.campaigns.get(scope, c.req.valid('param').campaignId);
    const run = await e.campaignRuns.ofCampaign(scope, campaign.id);
    const progress = run
      ? {
          sendId: run.id,
          done: run.status === 'done',
          sent: sentSoFar(run),
          reached: run.customers,
          remaining: remainingOf(run),
        }
      : null;
    return c.json(
      { ...campaign, audienceCount: await e.campaigns.audienceCount(scope, campaign), progress },
      200,
    );
  });
  app.openapi(routes.audience, async (c) => {
    const { segment, product, parent } = c.req.valid('query');
    const count = await need().campaigns.audienceCount(scopeOf(c), {
      segment: segment ?? null,
      ...(product ? { interestIn: { variantId: product, productId: parent ?? null } } : {}),
    });
    return c.json({ count }, 200);
  });

  async function sample(e: Engagement, scope: BrandScope, audience: CampaignAudience) {
    const [first] = await e.audience.recipients(scope, audience, await e.timeZoneOf(scope));
    return first
      ? { customerId: first.customerId, values: first.values }
      : { customerId: null, values: { first_name: null } };
  }
  app.openapi(routes.preview, async (c) => {
    const scope = scopeOf(c);
    const e = need();
    const campaign = await e.campaigns.get(scope, c.req.valid('param').campaignId);
    const s = await sample(e, scope, campaign);
    return c.json({ sample: s, variants: e.campaigns.preview(campaign, s.values) }, 200);
  });
  app.openapi(routes.testSend, async (c) => {
    const scope = scopeOf(c);
    const e = need();
    const { campaignId } = c.req.valid('param');
    const campaign = await e.campaigns.get(scope, campaignId);
    const s = await sample(e, scope, campaign);
    const results = await e.testSend(scope, campaignId, c.req.valid('json').to, s.values);
    return c.json({ results }, 200);
  });
  app.openapi(routes.send, async (c) => {
    const scope = scopeOf(c);
    const e = need();
    const { campaignId } = c.req.valid('param');
    const { dryRun } = c.req.valid('json');
    const campaign = await e.campaigns.get(scope, campaignId);
    const audienceCount = await e.campaigns.audienceCount(scope, campaign);
    // Paced to the channel's rate limit, a large audience takes minutes: the send is queued in
    // batches (Cloud Tasks on Google Cloud, the in-process queue embedded) and the request
    // answers at once. A second click while it is sending gets the same send back.
    const run = await e.campaignRuns.start(scope, campaignId, { dryRun });
    await recordAudit(deps, scope.ctx, {
      action: dryRun ? 'engagement_campaign.dry_run' : 'engagement_campaign.sent',
      target: `brands/${scope.brandId}/engagementCampaigns/${campaignId}`,
      brandId: scope.brandId,
    });
    return c.json({ status: 'sending' as const, sendId: run.id, audienceCount, dryRun }, 202);
  });
  app.openapi(routes.campaignSend, async (c) => {
    const { campaignId, sendId } = c.req.valid('param');
    return c.json(await need().campaignRuns.get(scopeOf(c), campaignId, sendId), 200);
  });
  app.openapi(routes.results, async (c) => {
    const scope = scopeOf(c);
    const e = need();
    const brand = c.get('brand');
    const campaign = await e.campaigns.get(scope, c.req.valid('param').campaignId);
    const r = await e.campaigns.results(scope, campaign.id);
    const nameOf = (id: string) => campaign.variants.find((v) => v.id === id)?.name ?? id;
    return c.json(
      {
        ...r,
        name: campaign.name,
        currency: brand.currency,
        variants: r.variants.map((v) => ({ ...byChannel(v, campaign.channel), name: nameOf(v.variantId) })),
      },
      200,
    );
  });
  app.openapi(routes.automationResults, async (c) => {
    const scope = scopeOf(c);
    const e = need();
    const brand = c.get('brand');
    const automation = await e.automations.get(scope, c.req.valid('param').automationId);
    const window = resolvePeriod(c.req.valid('query'), brand, deps.clock);
    const r = await e.automations.results(scope, automation.id, window);
    const steps = automation.steps.map((step, i) => {
      const id = stepContent(i);
      const row = r.variants.find((v) => v.variantId === id) ?? emptyRow(id);
      return {
        ...byChannel(row, step.channel),
        name: step.subject ?? step.text,
        step: i + 1,
        channel: step.channel,
      };
    });
    return c.json(
      {
        automationId: automation.id,
        name: automation.name,
        currency: brand.currency,
        window: r.window,
        steps,
        holdout: r.holdout,
        treated: r.treated,
        incrementalRevenueMinor: r.incrementalRevenueMinor,
      },
      200,
    );
  });
  app.openapi(routes.outbox, async (c) => {
    const e = need();
    const q = c.req.valid('query');
    const sourceKey = q.campaignId
      ? `campaign:${q.campaignId}`
      : q.automationId
        ? `automation:${q.automationId}`
        : undefined;
    const messages = await e.outbox(scopeOf(c), { limit: q.limit, ...(sourceKey ? { sourceKey } : {}) });
    return c.json({ messages, channels: e.configuredChannels, dryRun: e.dryRun }, 200);
  });
  return app;
}
