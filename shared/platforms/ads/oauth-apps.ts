import { z } from 'zod';
import type { AdPlatform } from '../../domain/entities';
import { systemContext } from '../../domain/tenancy';
import type { Config } from '../../kernel/config';
import type { SecretStore } from '../../ports/secret-store';
import type { AdOAuthApp } from './oauth';

/**
 * Pulsepoint's own app on each ad platform. Read from the SecretStore (Secret Manager in
 * production), under the deployment's own scope: `ops` is a reserved tenant id, so no tenant can
 * read or overwrite these (docs/decisions/922, 923). `pulsepoint ad-app set` writes them. The
 * environment variables (META_APP_ID …) win when set: `npm start` points them at the sandboxes.
 */
export const AD_APP_SCOPE = systemContext('ops', 'ad-app-credentials');
export const adAppSecretName = (platform: AdPlatform) => `apps/${platform}`;

export const adOAuthAppSchema = z.object({
  clientId: z.string().min(1),
  clientSecret: z.string().min(1),
  developerToken: z.string().min(1).optional(),
});

function fromConfig(config: Config, platform: AdPlatform): AdOAuthApp | undefined {
  const [clientId, clientSecret, developerToken] =
    platform === 'meta'
      ? [config.META_APP_ID, config.META_APP_SECRET]
      : platform === 'google_ads'
        ? [config.GOOGLE_ADS_CLIENT_ID, config.GOOGLE_ADS_CLIENT_SECRET, config.GOOGLE_ADS_DEVELOPER_TOKEN]
        : [config.TIKTOK_APP_ID, config.TIKTOK_APP_SECRET];
  return clientId && clientSecret
    ? { clientId, clientSecret, ...(developerToken ? { developerToken } : {}) }
    : undefined;
}

export function createAdOAuthApps(deps: { config: Config; secrets: SecretStore }) {
  return {
    /** The app for `platform`, or undefined when this deployment has none configured. */
    async get(platform: AdPlatform): Promise<AdOAuthApp | undefined> {
      const configured = fromConfig(deps.config, platform);
      if (configured) return configured;
      const raw = await deps.secrets.get(AD_APP_SCOPE, adAppSecretName(platform));
      if (!raw) return undefined;
      const parsed = adOAuthAppSchema.safeParse(JSON.parse(raw));
      return parsed.success ? parsed.data : undefined;
    },
    async set(platform: AdPlatform, app: AdOAuthApp): Promise<void> {
      await deps.secrets.put(
        AD_APP_SCOPE,
        adAppSecretName(platform),
        JSON.stringify(adOAuthAppSchema.parse(app)),
      );
    },
  };
}
export type AdOAuthApps = ReturnType<typeof createAdOAuthApps>;
