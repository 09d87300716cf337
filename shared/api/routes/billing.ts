import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { LimitsService } from '../../billing/limits';
import type { BillingService } from '../../billing/service';
import { aiOverageModeSchema } from '../../domain/billing/account';
import { addOnIdSchema, billingCurrencySchema, planIdSchema } from '../../domain/billing/plans';
import { billingProviderKindSchema } from '../../domain/billing/subscription';
import { brandIdSchema } from '../../domain/tenancy';
import type { Clock, Ids } from '../../ports/clock';
import type { OperationalStore } from '../../ports/operational-store';
import { recordAudit } from '../audit';
import type { ApiEnv } from '../env';
import { CONFLICT_RESPONSE, ERROR_RESPONSES, jsonBody, jsonResponse } from '../openapi';
import { billingOverviewSchema, billingRedirectSchema, billingStatusSchema } from '../schemas/billing';

const overview = billingOverviewSchema.openapi('BillingOverview');
const redirect = billingRedirectSchema.openapi('BillingRedirect');
const status = billingStatusSchema.openapi('BillingStatus');
const checkoutBody = z
  .object({
    planId: planIdSchema,
    currency: billingCurrencySchema.default('USD'),
    addOns: z.array(addOnIdSchema).max(5).default([]),
    provider: billingProviderKindSchema.optional(),
    brandId: brandIdSchema.optional(),
  })
  .openapi('BillingCheckout', { example: { planId: 'growth', currency: 'USD', addOns: ['posting'] } });
const overageBody = z.object({ mode: aiOverageModeSchema }).openapi('AiOverageSetting');

const routes = {
  status: createRoute({
    method: 'get',
    path: '/api/billing/status',
    summary: 'Plan and access level (every role: the web app shows the past-due banner)',
    responses: { 200: jsonResponse(status, 'Plan and access'), ...ERROR_RESPONSES },
  }),
  overview: createRoute({
    method: 'get',
    path: '/api/billing',
    summary: 'Plan, subscription, usage against limits, invoices (owner only)',
    responses: { 200: jsonResponse(overview, 'The billing overview'), ...ERROR_RESPONSES },
  }),
  checkout: createRoute({
    method: 'post',
    path: '/api/billing/checkout',
    summary: 'Start a subscription: returns the Stripe Checkout (or Shopify confirmation) URL',
    request: { body: jsonBody(checkoutBody) },
    responses: {
      200: jsonResponse(redirect, 'Where to send the owner'),
      409: CONFLICT_RESPONSE,
      ...ERROR_RESPONSES,
    },
  }),
  portal: createRoute({
    method: 'post',
    path: '/api/billing/portal',
    summary: 'A Customer Portal session for plan changes, payment method and cancellation',
    responses: {
      200: jsonResponse(redirect, 'Where to send the owner'),
      409: CONFLICT_RESPONSE,
      ...ERROR_RESPONSES,
    },
  }),
  refresh: createRoute({
    method: 'post',
    path: '/api/billing/refresh',
    summary: 'Re-read the subscription from the provider (after returning from Checkout)',
    responses: { 200: jsonResponse(overview, 'The billing overview'), ...ERROR_RESPONSES },
  }),
  overage: createRoute({
    method: 'put',
    path: '/api/billing/ai-overage',
    summary: 'Metered AI overage, or a hard cap at the included budget',
    request: { body: jsonBody(overageBody) },
    responses: {
      200: jsonResponse(overview, 'The billing overview'),
      409: CONFLICT_RESPONSE,
      ...ERROR_RESPONSES,
    },
  }),
};

export interface BillingRouteDeps {
  store: OperationalStore;
  clock: Clock;
  ids: Ids;
  billing: BillingService;
  limits: LimitsService;
}

/** The owner's billing API; only `status` is open to every role (ROUTE_POLICIES). */
export function billingRoutes(deps: BillingRouteDeps) {
  const app = new OpenAPIHono<ApiEnv>();

  app.openapi(routes.status, async (c) => {
    const s = await deps.limits.standing(c.get('tenant'));
    return c.json({ plan: s.planId, access: s.access }, 200);
  });
  app.openapi(routes.overview, async (c) => c.json(await deps.billing.overview(c.get('tenant')), 200));
  app.openapi(routes.checkout, async (c) => {
    const ctx = c.get('tenant');
    const body = c.req.valid('json');
    const result = await deps.billing.checkout(ctx, body);
    await recordAudit(deps, ctx, {
      action: 'billing.checkout_started',
      target: 'billing',
      details: { plan: body.planId },
    });
    return c.json(result, 200);
  });
  app.openapi(routes.portal, async (c) => c.json(await deps.billing.portal(c.get('tenant')), 200));
  app.openapi(routes.refresh, async (c) => c.json(await deps.billing.refresh(c.get('tenant')), 200));
  app.openapi(routes.overage, async (c) => {
    const ctx = c.get('tenant');
    const { mode } = c.req.valid('json');
    const result = await deps.billing.setAiOverage(ctx, mode);
    await recordAudit(deps, ctx, { action: 'billing.ai_overage_set', target: 'billing', details: { mode } });
    return c.json(result, 200);
  });
  return app;
}
