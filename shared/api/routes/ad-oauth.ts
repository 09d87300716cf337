import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { AD_PLATFORMS, type AdPlatform, integrationSchema } from '../../domain/entities';
import { systemContext } from '../../domain/tenancy';
import type { Config } from '../../kernel/config';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  UnauthenticatedError,
  ValidationError,
} from '../../kernel/errors';
import { createHttpClient } from '../../kernel/http';
import type { Logger } from '../../kernel/logging/logger';
import type { AdOAuthFlow } from '../../platforms/ads/oauth';
import { createAdOAuthApps } from '../../platforms/ads/oauth-apps';
import { createAdOAuthState, verifyAdOAuthState } from '../../platforms/ads/oauth-state';
import { googleAdsOAuth } from '../../platforms/google-ads/oauth';
import { metaOAuth } from '../../platforms/meta/oauth';
import { AD_PLATFORM_REGISTRY } from '../../platforms/registry';
import { requestSync } from '../../platforms/sync-requests';
import { tiktokOAuth } from '../../platforms/tiktok/oauth';
import type { Clock, Ids } from '../../ports/clock';
import type { OperationalStore } from '../../ports/operational-store';
import { integrationSecretName, type SecretStore } from '../../ports/secret-store';
import type { TaskQueue } from '../../ports/task-queue';
import { recordAudit } from '../audit';
import type { ApiEnv } from '../env';
import { rememberNonce, takeNonce } from '../oauth-session';
import { CONFLICT_RESPONSE, ERROR_RESPONSES, jsonResponse } from '../openapi';
import { isAllowed } from '../permissions';

/**
 * "Connect" for Meta, Google Ads and TikTok: the authorization-code flow each platform documents.
 * POST /api/brands/{b}/integrations/{platform}/oauth (authenticated; the browser cannot send a
 * bearer token on a navigation) answers with the platform's authorize URL and puts a nonce in
 * `__session`; the platform sends the browser back to GET /oauth/<slug>/callback, which checks the
 * signed state and the nonce, exchanges the code with the app secret, stores the long-lived or
 * refresh token through the SecretStore and starts the backfill (docs/decisions/923). The app's
 * credentials come from the SecretStore (../../platforms/ads/oauth-apps.ts).
 */
const FLOWS: Record<AdPlatform, AdOAuthFlow> = {
  meta: metaOAuth,
  google_ads: googleAdsOAuth,
  tiktok: tiktokOAuth,
};
const STATE_TTL_SECONDS = 600;
const flowKey = (platform: AdPlatform) => `ads-${platform}`;

const startParams = z.object({
  brandId: z.string().openapi({ param: { name: 'brandId', in: 'path' }, example: 'acme' }),
  platform: z.enum(AD_PLATFORMS).openapi({ param: { name: 'platform', in: 'path' }, example: 'google_ads' }),
});
const startRoute = createRoute({
  method: 'post',
  path: '/api/brands/{brandId}/integrations/{platform}/oauth',
  summary: 'Start connecting an ad platform: where to send the browser to authorize Pulsepoint',
  request: { params: startParams },
  responses: {
    200: jsonResponse(z.object({ authorizeUrl: z.string() }).openapi('AdOAuthStart'), 'The authorize URL'),
    ...ERROR_RESPONSES,
    409: CONFLICT_RESPONSE,
  },
});

export interface AdOAuthRouteDeps {
  config: Config;
  store: OperationalStore;
  secrets: SecretStore;
  tasks: TaskQueue;
  clock: Clock;
  ids: Ids;
  logger: Logger;
  fetch: typeof fetch;
}

export function adOAuthRoutes(deps: AdOAuthRouteDeps) {
  const app = new OpenAPIHono<ApiEnv>();
  const publicUrl = (deps.config.PUBLIC_URL ?? `http://localhost:${deps.config.PORT}`).replace(/\/$/, '');
  const secure = publicUrl.startsWith('https://');
  const http = createHttpClient({ fetch: deps.fetch, logger: deps.logger, maxRetries: 2 });
  const base = (platform: AdPlatform) => deps.config.PULSEPOINT_AD_OAUTH_SANDBOXES?.[platform];
  const callbackUrl = (platform: AdPlatform) =>
    `${publicUrl}/oauth/${AD_PLATFORM_REGISTRY[platform].slug}/callback`;
  const apps = createAdOAuthApps(deps);
  const appFor = async (platform: AdPlatform) => {
    const found = await apps.get(platform);
    if (!found)
      throw new ConflictError(
        `${platform} is not set up on this deployment (its app id and secret are missing)`,
      );
    return found;
  };

  app.openapi(startRoute, async (c) => {
    const ctx = c.get('tenant');
    const brand = c.get('brand');
    const { platform } = c.req.valid('param');
    const oauthApp = await appFor(platform);
    const exp = Math.floor(deps.clock.now().getTime() / 1000) + STATE_TTL_SECONDS;
    const { state, nonce } = createAdOAuthState(oauthApp.clientSecret, {
      platform,
      tenantId: ctx.tenantId,
      brandId: brand.id,
      uid: ctx.uid,
      exp,
    });
    rememberNonce(c, flowKey(platform), nonce, { secure, ttlSeconds: STATE_TTL_SECONDS });
    const sandbox = base(platform);
    const authorizeUrl = FLOWS[platform].authorizeUrl({
      ...(sandbox ? { base: sandbox } : {}),
      app: oauthApp,
      redirectUri: callbackUrl(platform),
      state,
    });
    return c.json({ authorizeUrl }, 200);
  });

  for (const platform of AD_PLATFORMS) {
    app.get(`/oauth/${AD_PLATFORM_REGISTRY[platform].slug}/callback`, async (c) => {
      const flow = FLOWS[platform];
      const oauthApp = await appFor(platform);
      const verified = verifyAdOAuthState(
        oauthApp.clientSecret,
        c.req.query('state') ?? '',
        deps.clock.now().getTime(),
      );
      if (!verified.ok) throw new UnauthenticatedError(`state is not valid (${verified.reason})`);
      const claims = verified.value;
      if (claims.platform !== platform)
        throw new UnauthenticatedError('state was issued for another platform');
      if (takeNonce(c, flowKey(platform), { secure }) !== claims.nonce)
        throw new UnauthenticatedError('state does not belong to this browser');
      const settings = `${publicUrl}/brands/${encodeURIComponent(claims.brandId)}/settings`;
      // The merchant said no (or the platform refused): back to Settings, saying so.
      const code = c.req.query(flow.codeParam);
      if (!code) return c.redirect(`${settings}?connect_error=${encodeURIComponent(platform)}`, 302);

      const ctx = { ...systemContext(claims.tenantId, `oauth-${platform}`), uid: claims.uid };
      // The member who started it may have been removed or demoted in the minutes since.
      const member = await deps.store.users.get(ctx, claims.uid);
      if (!member || !isAllowed(member.role, 'integrations:manage'))
        throw new ForbiddenError('the member who started this connection may no longer manage integrations');
      const brand = await deps.store.brands.get(ctx, claims.brandId);
      if (!brand) throw new NotFoundError(`brand ${claims.brandId} not found`);
      const sandbox = base(platform);
      const grant = await flow.exchange({
        http,
        ...(sandbox ? { base: sandbox } : {}),
        app: oauthApp,
        code,
        redirectUri: callbackUrl(platform),
        now: deps.clock.now(),
      });
      if (grant.accountIds.length === 0)
        throw new ValidationError(`the ${platform} login reaches no ad account; connect with one that does`);
      const secretRef = await deps.secrets.put(
        ctx,
        integrationSecretName(brand.id, platform),
        JSON.stringify(grant.credentials),
      );
      const previous = await deps.store.integrations.getPlatform(ctx, brand.id, platform);
      const integration = integrationSchema.parse({
        ...previous,
        platform,
        status: 'connected',
        secretRef,
        accountIds: grant.accountIds,
        ...(sandbox ? { apiBaseUrl: sandbox } : {}),
        updatedAt: deps.clock.now().toISOString(),
      });
      await deps.store.integrations.upsert(ctx, brand.id, integration);
      await recordAudit(deps, ctx, {
        action: 'integration.connected',
        target: `brands/${brand.id}/integrations/${platform}`,
        brandId: brand.id,
        details: { via: 'oauth', accounts: grant.accountIds.length },
      });
      await requestSync(deps, ctx, brand.id, platform, 'backfill');
      return c.redirect(`${settings}?connected=${encodeURIComponent(platform)}`, 302);
    });
  }
  return app;
}
