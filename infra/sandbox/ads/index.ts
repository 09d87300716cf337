import type { AdPlatform } from '../../../shared/domain/entities';
import { systemContext } from '../../../shared/domain/tenancy';
import type { AdCredentials } from '../../../shared/platforms/ads/connector';
import { requestSync } from '../../../shared/platforms/sync-requests';
import type { Clock } from '../../../shared/ports/clock';
import type { OperationalStore } from '../../../shared/ports/operational-store';
import type { SecretStore } from '../../../shared/ports/secret-store';
import { integrationSecretName } from '../../../shared/ports/secret-store';
import type { TaskQueue } from '../../../shared/ports/task-queue';
import { GOOGLE_SANDBOX_APP, GOOGLE_SANDBOX_TOKEN, startGoogleAdsSandbox } from '../google-ads';
import { META_SANDBOX_APP, META_SANDBOX_TOKEN, startMetaSandbox } from '../meta';
import { startTiktokSandbox, TIKTOK_SANDBOX_APP, TIKTOK_SANDBOX_TOKEN } from '../tiktok';
import { AD_ACCOUNTS } from '../world';
import type { SandboxOptions } from './serve';

export type AdSandboxUrls = Record<AdPlatform, string>;

/** Starts the three ad sandboxes on loopback; each also serves ECB-format FX rates. */
export async function startAdSandboxes(options: Omit<SandboxOptions, 'port'>) {
  const meta = await startMetaSandbox(options);
  const tiktok = await startTiktokSandbox(options);
  const google = await startGoogleAdsSandbox(options);
  const urls: AdSandboxUrls = { meta: meta.url, tiktok: tiktok.url, google_ads: google.url };
  return {
    meta,
    tiktok,
    google,
    urls,
    /** Base URL for PULSEPOINT_FX_RATES_URL (the ECB data API path the FX connector expects). */
    fxUrl: `${meta.url}/service/data`,
    setEndDate(date: string) {
      for (const s of [meta, tiktok, google]) s.setEndDate(date);
    },
    async close() {
      await Promise.all([meta.close(), tiktok.close(), google.close()]);
    },
  };
}
export type AdSandboxes = Awaited<ReturnType<typeof startAdSandboxes>>;

/** What each sandbox accepts as a stored token (access + refresh + app credentials). */
export const SANDBOX_CREDENTIALS: Record<AdPlatform, AdCredentials> = {
  meta: { accessToken: META_SANDBOX_TOKEN, ...META_SANDBOX_APP },
  tiktok: { accessToken: TIKTOK_SANDBOX_TOKEN, ...TIKTOK_SANDBOX_APP },
  google_ads: { accessToken: GOOGLE_SANDBOX_TOKEN, ...GOOGLE_SANDBOX_APP },
};

/**
 * Connects a brand (the demo brand by default) to the three sandboxes: tokens into the
 * SecretStore, integrations with the sandbox base URL and account ids, and a backfill sync each.
 */
export async function connectDemoBrandToAds(
  deps: { store: OperationalStore; secrets: SecretStore; tasks: TaskQueue; clock: Clock },
  urls: AdSandboxUrls,
  target: { tenantId: string; brandId: string; requestSyncs?: boolean } = {
    tenantId: 'demo',
    brandId: 'demo-brand',
  },
): Promise<void> {
  const ctx = systemContext(target.tenantId, 'connect-sandboxes');
  for (const platform of Object.keys(urls) as AdPlatform[]) {
    const secretRef = await deps.secrets.put(
      ctx,
      integrationSecretName(target.brandId, platform),
      JSON.stringify(SANDBOX_CREDENTIALS[platform]),
    );
    await deps.store.integrations.upsert(ctx, target.brandId, {
      platform,
      status: 'connected',
      accountIds: [AD_ACCOUNTS[platform].accountId],
      secretRef,
      apiBaseUrl: urls[platform],
      accountTimezone: AD_ACCOUNTS[platform].timezone,
      accountCurrency: AD_ACCOUNTS[platform].currency,
      updatedAt: deps.clock.now().toISOString(),
    });
    if (target.requestSyncs !== false) await requestSync(deps, ctx, target.brandId, platform, 'backfill');
  }
}
