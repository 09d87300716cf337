import type { AdPlatform, Integration } from '../../domain/entities';
import type { TenantContext } from '../../domain/tenancy';
import { NotFoundError, RetryableError, UnauthenticatedError, ValidationError } from '../../kernel/errors';
import type { Logger } from '../../kernel/logging/logger';
import type { Clock } from '../../ports/clock';
import type { OperationalStore } from '../../ports/operational-store';
import { integrationSecretName, type SecretStore } from '../../ports/secret-store';
import { AD_PLATFORM_REGISTRY } from '../registry';
import {
  type AdConnector,
  type AdConnectorFactory,
  type AdConnectorOptions,
  adCredentialsSchema,
} from './connector';

export interface AdSessionDeps {
  store: OperationalStore;
  secrets: SecretStore;
  clock: Clock;
  logger: Logger;
  fetch: typeof fetch;
}
export type AdSessionOptions = Pick<AdConnectorOptions, 'retry' | 'pollIntervalMs'> & {
  /** The platform's connector; by default its registry entry's (`shared/platforms/registry.ts`). */
  connector?: () => Promise<AdConnectorFactory>;
};

/** Refresh this long before the stated expiry, so a token does not lapse mid-sync. */
const EXPIRY_MARGIN_MS = 5 * 60_000;

/**
 * A brand's connection to one ad platform: its integration, its token from the SecretStore, and a
 * connector that refreshes the token once when it is expired or rejected, storing the new one.
 * The token never leaves this closure (not logged, not returned).
 */
export async function openAdSession(
  deps: AdSessionDeps,
  ctx: TenantContext,
  brandId: string,
  platform: AdPlatform,
  options: AdSessionOptions = {},
) {
  const integration: Integration | undefined = await deps.store.integrations.getPlatform(
    ctx,
    brandId,
    platform,
  );
  if (!integration || integration.status === 'disconnected')
    throw new NotFoundError(`${platform} is not connected for brand ${brandId}`);
  const secretName = integrationSecretName(brandId, platform);
  const raw = await deps.secrets.get(ctx, secretName);
  if (!raw) throw new UnauthenticatedError(`${platform}: no token stored for brand ${brandId}`);
  let parsedJson: unknown;
  try {
    parsedJson = JSON.parse(raw);
  } catch {
    throw new ValidationError(`${platform}: stored token is not readable`);
  }
  let credentials = adCredentialsSchema.parse(parsedJson);
  const { connector: load = AD_PLATFORM_REGISTRY[platform].connector, ...connectorOptions } = options;
  const factory: AdConnectorFactory = await load();
  const make = () =>
    factory({
      fetch: deps.fetch,
      credentials,
      logger: deps.logger,
      ...(integration.apiBaseUrl ? { baseUrl: integration.apiBaseUrl } : {}),
      ...connectorOptions,
    });
  let connector = make();
  let refreshed = false;
  const refresh = async () => {
    try {
      credentials = await connector.refresh(deps.clock.now());
    } catch (err) {
      // A refused refresh (revoked grant, wrong app secret) needs a person to reconnect; a
      // throttled or unreachable token endpoint is worth retrying later.
      if (err instanceof RetryableError) throw err;
      throw new UnauthenticatedError(
        `${platform}: token refresh failed, reconnect needed (${(err as Error).message})`,
      );
    }
    await deps.secrets.put(ctx, secretName, JSON.stringify(credentials));
    connector = make();
    refreshed = true;
    deps.logger.info('ad platform token refreshed', { tenant: ctx.tenantId, brand: brandId, platform });
  };
  if (
    credentials.expiresAt &&
    Date.parse(credentials.expiresAt) - EXPIRY_MARGIN_MS <= deps.clock.now().getTime()
  )
    await refresh();

  return {
    integration,
    /** Runs `fn`; on a rejected token, refreshes once and runs it again. */
    async run<T>(fn: (connector: AdConnector) => Promise<T>): Promise<T> {
      try {
        return await fn(connector);
      } catch (err) {
        if (!(err instanceof UnauthenticatedError) || refreshed) throw err;
        try {
          await refresh();
        } catch (refusal) {
          // Keep what the platform said about the token: it tells the merchant why, the refusal how.
          if (refusal instanceof UnauthenticatedError)
            throw new UnauthenticatedError(`${err.message}; ${refusal.message}`, { cause: refusal });
          throw refusal;
        }
        return fn(connector);
      }
    },
    get refreshed() {
      return refreshed;
    },
  };
}
export type AdSession = Awaited<ReturnType<typeof openAdSession>>;
