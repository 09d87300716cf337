import { Hono } from 'hono';
import { z } from 'zod';
import { brandSchema } from '../../domain/entities';
import { systemContext } from '../../domain/tenancy';
import type { Config } from '../../kernel/config';
import { NotFoundError, UnauthenticatedError, ValidationError } from '../../kernel/errors';
import { createHttpClient } from '../../kernel/http';
import type { Logger } from '../../kernel/logging/logger';
import { verifyQueryHmac } from '../../platforms/shopify/hmac';
import { createOAuthState, verifyOAuthState } from '../../platforms/shopify/oauth-state';
import { registerShopifyWebhooks } from '../../platforms/shopify/webhooks/register';
import { requestSync } from '../../platforms/sync-requests';
import type { Clock, Ids } from '../../ports/clock';
import type { OperationalStore, SystemDirectory } from '../../ports/operational-store';
import type { SecretStore } from '../../ports/secret-store';
import { integrationSecretName } from '../../ports/secret-store';
import type { TaskQueue } from '../../ports/task-queue';
import type { ApiEnv } from '../env';
import { rememberNonce, takeNonce } from '../oauth-session';

/**
 * Shopify OAuth install (authorization code grant):
 * GET /oauth/shopify/install?shop=… → 302 to the shop's consent screen with a signed state;
 * GET /oauth/shopify/callback → verify the query hmac, the state (and its nonce in `__session`,
 * the only cookie Firebase Hosting forwards: ../oauth-session.ts), the shop;
 * exchange the code, keep the token in the SecretStore only, connect the integration, register
 * webhooks and request the backfill. The brand is found by its shop domain when the install
 * starts and travels inside the signed state (docs/decisions/101-shopify-oauth-brand-binding.md).
 */
const FLOW = 'shopify';
const STATE_TTL_SECONDS = 600;
const tokenResponse = z.object({ access_token: z.string().min(1), scope: z.string() });

/** The ports the Shopify install flow uses. */
export interface ShopifyOAuthRouteDeps {
  config: Config;
  store: OperationalStore;
  directory: SystemDirectory;
  secrets: SecretStore;
  tasks: TaskQueue;
  clock: Clock;
  ids: Ids;
  logger: Logger;
  fetch: typeof fetch;
}

export function shopifyOAuthRoutes(deps: ShopifyOAuthRouteDeps) {
  const app = new Hono<ApiEnv>();
  const config = deps.config;
  const publicUrl = (config.PUBLIC_URL ?? `http://localhost:${config.PORT}`).replace(/\/$/, '');
  const secure = publicUrl.startsWith('https://');
  const http = createHttpClient({ fetch: deps.fetch, logger: deps.logger, maxRetries: 2 });

  app.get('/oauth/shopify/install', async (c) => {
    const shop = parseShop(c.req.query('shop'));
    const owner = await deps.directory.resolveShop(shop);
    if (!owner) throw new NotFoundError(`no brand is set up for ${shop}; add the brand in Pulsepoint first`);
    const exp = Math.floor(deps.clock.now().getTime() / 1000) + STATE_TTL_SECONDS;
    const { state, nonce } = createOAuthState(config.SHOPIFY_API_SECRET, { shop, ...owner, exp });
    rememberNonce(c, FLOW, nonce, { secure, ttlSeconds: STATE_TTL_SECONDS });
    const authorize = new URL(`https://${shop}/admin/oauth/authorize`);
    authorize.search = new URLSearchParams({
      client_id: config.SHOPIFY_API_KEY,
      scope: config.SHOPIFY_SCOPES,
      redirect_uri: `${publicUrl}/oauth/shopify/callback`,
      state,
    }).toString();
    return c.redirect(authorize.toString(), 302);
  });

  app.get('/oauth/shopify/callback', async (c) => {
    const query = new URL(c.req.url).searchParams;
    if (!verifyQueryHmac(config.SHOPIFY_API_SECRET, query))
      throw new UnauthenticatedError('callback hmac does not match');
    const shop = parseShop(query.get('shop') ?? undefined);
    const verified = verifyOAuthState(
      config.SHOPIFY_API_SECRET,
      query.get('state') ?? '',
      deps.clock.now().getTime(),
    );
    if (!verified.ok) throw new UnauthenticatedError(`state is not valid (${verified.reason})`);
    const claims = verified.value;
    if (claims.shop !== shop) throw new UnauthenticatedError('state was issued for another shop');
    if (takeNonce(c, FLOW, { secure }) !== claims.nonce)
      throw new UnauthenticatedError('state does not belong to this browser');
    const code = query.get('code');
    if (!code) throw new ValidationError('callback has no code');

    const ctx = systemContext(claims.tenantId, 'shopify-oauth');
    const brand = await deps.store.brands.get(ctx, claims.brandId);
    if (!brand || brand.shopDomain !== shop) throw new NotFoundError(`no brand is set up for ${shop}`);
    const exchanged = await http.request({
      method: 'POST',
      url: `https://${shop}/admin/oauth/access_token`,
      body: { client_id: config.SHOPIFY_API_KEY, client_secret: config.SHOPIFY_API_SECRET, code },
    });
    const token = tokenResponse.parse(exchanged.body);
    const secretRef = await deps.secrets.put(
      ctx,
      integrationSecretName(brand.id, 'shopify'),
      token.access_token,
    );
    const existing = await deps.store.integrations.getPlatform(ctx, brand.id, 'shopify');
    const now = deps.clock.now().toISOString();
    await deps.store.integrations.upsert(ctx, brand.id, {
      platform: 'shopify',
      status: 'connected',
      accountIds: [shop],
      secretRef,
      ...(existing?.cursor ? { cursor: existing.cursor } : {}),
      updatedAt: now,
    });
    await registerShopifyWebhooks(deps, ctx, brand, `${publicUrl}/webhooks/shopify`);
    await requestSync(deps, ctx, brand.id, 'shopify', existing?.cursor ? 'incremental' : 'backfill');
    await deps.store.auditEvents.append(ctx, {
      id: deps.ids.next(),
      brandId: brand.id,
      actor: `shopify:${shop}`,
      action: 'integration.connected',
      target: 'shopify',
      details: { scope: token.scope },
      at: now,
    });
    return c.redirect(`${publicUrl}/?connected=shopify&brand=${encodeURIComponent(brand.id)}`, 302);
  });
  return app;
}

function parseShop(value: string | undefined): string {
  const parsed = brandSchema.shape.shopDomain.safeParse(value);
  if (!parsed.success) throw new ValidationError('shop must be <name>.myshopify.com');
  return parsed.data;
}
