import type { Brand, Integration } from '../../../domain/entities';
import type { TenantContext } from '../../../domain/tenancy';
import type { Config } from '../../../kernel/config';
import type { HttpClientOptions } from '../../../kernel/http';
import type { Logger } from '../../../kernel/logging/logger';
import type { SecretStore } from '../../../ports/secret-store';
import { integrationSecretName } from '../../../ports/secret-store';
import { createShopifyClient, type ShopifyClient } from '../client';

/** Test and bench seams for the HTTP layer (timeouts, backoff, sleep); production uses defaults. */
export type ShopifyHttpTuning = Partial<Omit<HttpClientOptions, 'fetch' | 'classify'>>;

/**
 * A client for one brand's shop: the token read from the SecretStore at the moment of use (never
 * kept elsewhere), the endpoint from the integration's apiBaseUrl (sandbox) or the shop's domain.
 * Undefined when there is no token (never connected, or uninstalled).
 */
export async function openShopifyClient(
  deps: { secrets: SecretStore; config: Config; fetch: typeof fetch; logger: Logger },
  ctx: TenantContext,
  brand: Pick<Brand, 'id' | 'shopDomain'>,
  integration: Pick<Integration, 'apiBaseUrl'> | undefined,
  tuning: ShopifyHttpTuning = {},
): Promise<ShopifyClient | undefined> {
  const token = await deps.secrets.get(ctx, integrationSecretName(brand.id, 'shopify'));
  if (!token) return undefined;
  return createShopifyClient({
    shopDomain: brand.shopDomain,
    accessToken: token,
    apiVersion: deps.config.SHOPIFY_API_VERSION,
    ...(integration?.apiBaseUrl ? { apiBaseUrl: integration.apiBaseUrl } : {}),
    http: { fetch: deps.fetch, logger: deps.logger, ...tuning },
  });
}
