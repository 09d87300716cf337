import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import {
  AD_PLATFORMS,
  type AdPlatform,
  type Integration,
  integrationSchema,
  PLATFORMS,
} from '../../domain/entities';
import type { Config } from '../../kernel/config';
import { NotFoundError, ValidationError } from '../../kernel/errors';
import { adCredentialsSchema } from '../../platforms/ads/connector';
import { createAdOAuthApps } from '../../platforms/ads/oauth-apps';
import { requestSync } from '../../platforms/sync-requests';
import type { Clock, Ids } from '../../ports/clock';
import type { OperationalStore } from '../../ports/operational-store';
import type { SecretStore } from '../../ports/secret-store';
import { integrationSecretName } from '../../ports/secret-store';
import type { TaskQueue } from '../../ports/task-queue';
import { recordAudit } from '../audit';
import type { ApiEnv } from '../env';
import { ERROR_RESPONSES, jsonBody, jsonResponse } from '../openapi';

/** The stored integration minus its secret reference: clients learn only that a token exists. */
const integrationView = z
  .object(integrationSchema.omit({ secretRef: true, cursor: true }).shape)
  .extend({ hasCredentials: z.boolean() })
  .openapi('Integration');
const platformParams = z.object({
  brandId: z.string().openapi({ param: { name: 'brandId', in: 'path' }, example: 'acme' }),
  platform: z.enum(PLATFORMS).openapi({ param: { name: 'platform', in: 'path' }, example: 'meta' }),
});
const connectBody = z
  .object({
    /** Ad platforms: the access token (stored in the SecretStore, never returned). */
    accessToken: z.string().min(8).max(4096).optional(),
    /** Ad platforms: a refresh token and when the access token expires, so syncs can renew it. */
    refreshToken: z.string().min(8).max(4096).optional(),
    expiresAt: z.string().datetime().optional(),
    /**
     * The OAuth app the pasted tokens were issued to, which a refresh needs. Absent: the
     * deployment's own app for the platform (`pulsepoint ad-app set`), when there is one.
     */
    clientId: z.string().min(1).max(300).optional(),
    clientSecret: z.string().min(1).max(300).optional(),
    /** Google Ads: the developer token and the manager account the brand is reached through. */
    developerToken: z.string().min(1).max(200).optional(),
    loginCustomerId: z
      .string()
      .regex(/^\d{10}$/)
      .optional(),
    accountIds: z.array(z.string().min(1).max(200)).max(50).optional(),
    accountTimezone: z.string().optional(),
    accountCurrency: z
      .string()
      .regex(/^[A-Z]{3}$/)
      .optional(),
    /** A sandbox API base: tests and the demo only, refused in production (the token would go there). */
    apiBaseUrl: z.string().url().optional(),
  })
  .openapi('ConnectIntegration', {
    example: { accessToken: 'EAAB-example-token', accountIds: ['act_1'] },
  });
const connectResult = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('connected'), integration: integrationView, syncTaskId: z.string() }),
    z.object({ kind: z.literal('install'), installUrl: z.string() }),
  ])
  .openapi('ConnectResult');

const routes = {
  list: createRoute({
    method: 'get',
    path: '/api/brands/{brandId}/integrations',
    summary: 'Integrations of a brand (every platform, connected or not)',
    request: { params: platformParams.pick({ brandId: true }) },
    responses: {
      200: jsonResponse(z.object({ integrations: z.array(integrationView) }), 'Integrations'),
      ...ERROR_RESPONSES,
    },
  }),
  get: createRoute({
    method: 'get',
    path: '/api/brands/{brandId}/integrations/{platform}',
    summary: 'One integration',
    description:
      'A platform never connected answers as the list shows it, `status: "disconnected"`, not a 404.',
    request: { params: platformParams },
    responses: { 200: jsonResponse(integrationView, 'The integration'), ...ERROR_RESPONSES },
  }),
  connect: createRoute({
    method: 'post',
    path: '/api/brands/{brandId}/integrations/{platform}',
    summary:
      'Connect: ad platforms store the token and start a backfill; Shopify returns its OAuth install URL',
    request: { params: platformParams, body: jsonBody(connectBody) },
    responses: { 200: jsonResponse(connectResult, 'Connected, or where to install'), ...ERROR_RESPONSES },
  }),
  disconnect: createRoute({
    method: 'delete',
    path: '/api/brands/{brandId}/integrations/{platform}',
    summary: 'Disconnect: destroys the stored token and stops scheduled syncs',
    request: { params: platformParams },
    responses: { 204: { description: 'Disconnected' }, ...ERROR_RESPONSES },
  }),
};

/** A platform the brand never connected: the same state a disconnected one is in, with no history. */
const neverConnected = (platform: Integration['platform']): Integration => ({
  platform,
  status: 'disconnected',
  accountIds: [],
  updatedAt: '',
});

type IntegrationDeps = {
  store: OperationalStore;
  secrets: SecretStore;
  tasks: TaskQueue;
  clock: Clock;
  ids: Ids;
  config: Config;
};

export function integrationRoutes(deps: IntegrationDeps) {
  const app = new OpenAPIHono<ApiEnv>();
  const apps = createAdOAuthApps(deps);
  const view = ({ secretRef, cursor: _cursor, ...rest }: Integration) => ({
    ...rest,
    hasCredentials: !!secretRef,
  });

  app.openapi(routes.list, async (c) => {
    const stored = await deps.store.integrations.list(c.get('tenant'), c.get('brand').id);
    const byPlatform = new Map(stored.map((i) => [i.platform, i]));
    const integrations = PLATFORMS.map((platform) => byPlatform.get(platform) ?? neverConnected(platform));
    return c.json({ integrations: integrations.map(view) }, 200);
  });

  app.openapi(routes.get, async (c) => {
    const { platform } = c.req.valid('param');
    const found = await deps.store.integrations.getPlatform(c.get('tenant'), c.get('brand').id, platform);
    // Not connected yet is a state of the brand, answered as the list answers it (decision 994).
    return c.json(view(found ?? neverConnected(platform)), 200);
  });

  app.openapi(routes.connect, async (c) => {
    const ctx = c.get('tenant');
    const brand = c.get('brand');
    const { platform } = c.req.valid('param');
    const body = c.req.valid('json');
    if (platform === 'shopify') {
      // The OAuth flow (shared/api/routes/shopify-oauth.ts) finds the brand by its shop domain.
      const base = deps.config.PUBLIC_URL ?? '';
      const installUrl = `${base}/oauth/shopify/install?shop=${encodeURIComponent(brand.shopDomain)}`;
      return c.json({ kind: 'install' as const, installUrl }, 200);
    }
    if (!(AD_PLATFORMS as readonly string[]).includes(platform) || !body.accessToken)
      throw new ValidationError('an accessToken is required to connect an ad platform');
    if (body.apiBaseUrl && deps.config.NODE_ENV === 'production')
      throw new ValidationError('apiBaseUrl is for sandboxes and is not accepted in production');
    if (!body.clientId !== !body.clientSecret)
      throw new ValidationError('clientId and clientSecret go together');
    // A pasted refresh token can only be used with the app it was issued to; without one named,
    // the deployment's own app is the likeliest (and the only one we hold).
    const ownApp = body.clientId ? undefined : await apps.get(platform as AdPlatform);
    // The secret holds the ad connector's credential record, the one format the syncs read.
    const credentials = adCredentialsSchema.parse({
      accessToken: body.accessToken,
      refreshToken: body.refreshToken,
      expiresAt: body.expiresAt,
      clientId: body.clientId ?? ownApp?.clientId,
      clientSecret: body.clientSecret ?? ownApp?.clientSecret,
      developerToken: body.developerToken ?? ownApp?.developerToken,
      loginCustomerId: body.loginCustomerId,
    });
    const secretRef = await deps.secrets.put(
      ctx,
      integrationSecretName(brand.id, platform),
      JSON.stringify(credentials),
    );
    const previous = await deps.store.integrations.getPlatform(ctx, brand.id, platform);
    const integration = integrationSchema.parse({
      ...previous,
      platform,
      status: 'connected',
      secretRef,
      accountIds: body.accountIds ?? previous?.accountIds ?? [],
      ...(body.accountTimezone ? { accountTimezone: body.accountTimezone } : {}),
      ...(body.accountCurrency ? { accountCurrency: body.accountCurrency } : {}),
      ...(body.apiBaseUrl ? { apiBaseUrl: body.apiBaseUrl } : {}),
      updatedAt: deps.clock.now().toISOString(),
    });
    await deps.store.integrations.upsert(ctx, brand.id, integration);
    await recordAudit(deps, ctx, {
      action: 'integration.connected',
      target: `brands/${brand.id}/integrations/${platform}`,
      brandId: brand.id,
    });
    const syncTaskId = await requestSync(deps, ctx, brand.id, platform, 'backfill');
    return c.json({ kind: 'connected' as const, integration: view(integration), syncTaskId }, 200);
  });

  app.openapi(routes.disconnect, async (c) => {
    const ctx = c.get('tenant');
    const brand = c.get('brand');
    const { platform } = c.req.valid('param');
    const found = await deps.store.integrations.getPlatform(ctx, brand.id, platform);
    if (!found) throw new NotFoundError(`${platform} is not connected`);
    await deps.secrets.delete(ctx, integrationSecretName(brand.id, platform));
    const { secretRef: _ref, ...rest } = found;
    await deps.store.integrations.upsert(ctx, brand.id, {
      ...rest,
      status: 'disconnected',
      updatedAt: deps.clock.now().toISOString(),
    });
    await recordAudit(deps, ctx, {
      action: 'integration.disconnected',
      target: `brands/${brand.id}/integrations/${platform}`,
      brandId: brand.id,
    });
    return c.body(null, 204);
  });

  return app;
}
