import { z } from 'zod';
import type { Brand } from '../../../domain/entities';
import type { TenantContext } from '../../../domain/tenancy';
import type { Config } from '../../../kernel/config';
import { UpstreamError } from '../../../kernel/errors';
import type { Logger } from '../../../kernel/logging/logger';
import type { OperationalStore } from '../../../ports/operational-store';
import type { SecretStore } from '../../../ports/secret-store';
import { WEBHOOK_CREATE_MUTATION } from '../queries';
import { userErrorSchema } from '../schemas';
import { openShopifyClient } from '../sync/connection';

/**
 * The topics Pulsepoint subscribes to at install. The compliance topics (customers/data_request,
 * customers/redact, shop/redact) cannot be subscribed through the API: they are set in the app's
 * configuration (shopify.app.toml) and arrive at the same endpoint.
 */
export const SUBSCRIBED_TOPICS = [
  'ORDERS_CREATE',
  'ORDERS_UPDATED',
  'ORDERS_CANCELLED',
  'REFUNDS_CREATE',
  'PRODUCTS_UPDATE',
  'INVENTORY_LEVELS_UPDATE',
  'APP_UNINSTALLED',
  'BULK_OPERATIONS_FINISH',
] as const;

const result = z.object({
  webhookSubscriptionCreate: z.object({
    webhookSubscription: z.object({ id: z.string() }).nullable(),
    userErrors: z.array(userErrorSchema),
  }),
});

export async function registerShopifyWebhooks(
  deps: {
    store: OperationalStore;
    secrets: SecretStore;
    config: Config;
    fetch: typeof fetch;
    logger: Logger;
  },
  ctx: TenantContext,
  brand: Pick<Brand, 'id' | 'shopDomain'>,
  uri: string,
): Promise<number> {
  const integration = await deps.store.integrations.getPlatform(ctx, brand.id, 'shopify');
  const client = await openShopifyClient(deps, ctx, brand, integration);
  if (!client) throw new UpstreamError('cannot register webhooks: no Shopify token');
  let created = 0;
  for (const topic of SUBSCRIBED_TOPICS) {
    const r = await client.request(
      'WebhookSubscriptionCreate',
      WEBHOOK_CREATE_MUTATION,
      { topic, uri },
      result,
    );
    const errors = r.webhookSubscriptionCreate.userErrors.filter(
      (e) => !/already been taken/i.test(e.message),
    );
    if (errors.length)
      throw new UpstreamError(`webhook ${topic}: ${errors.map((e) => e.message).join('; ')}`);
    if (r.webhookSubscriptionCreate.webhookSubscription) created++;
  }
  return created;
}
