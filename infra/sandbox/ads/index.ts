import { type AdPlatform, isAdPlatform } from '../../../shared/domain/entities';
import { systemContext } from '../../../shared/domain/tenancy';
import type { AdCredentials } from '../../../shared/platforms/ads/connector';
import { requestSync } from '../../../shared/platforms/sync-requests';
import type { Clock } from '../../../shared/ports/clock';
import type { OperationalStore } from '../../../shared/ports/operational-store';
import type { SecretStore } from '../../../shared/ports/secret-store';
import { integrationSecretName } from '../../../shared/ports/secret-store';
import type { TaskQueue } from '../../../shared/ports/task-queue';
import { AD_SANDBOXES, type AdSandboxRegistry, type RunningAdSandbox } from '../registry';
import type { SandboxOptions } from './serve';

export type AdSandboxUrls = Record<AdPlatform, string>;

type Started<R extends AdSandboxRegistry> = { [K in keyof R]: Awaited<ReturnType<R[K]['start']>> };

/**
 * Starts every sandbox of a registry on loopback, one after another; each also serves ECB-format
 * FX rates, so the first one's URL is the rates URL.
 */
export async function startSandboxesOf<R extends AdSandboxRegistry>(
  registry: R,
  options: Omit<SandboxOptions, 'port'>,
) {
  const servers = {} as Started<R>;
  const all: RunningAdSandbox[] = [];
  try {
    for (const platform of Object.keys(registry) as (keyof R & string)[]) {
      const server = await registry[platform]!.start(options);
      all.push(server);
      (servers as Record<string, RunningAdSandbox>)[platform] = server;
    }
  } catch (err) {
    await Promise.all(all.map((s) => s.close()));
    throw err;
  }
  const first = all[0];
  if (!first) throw new Error('no ad sandbox registered');
  return {
    servers,
    urls: Object.fromEntries(Object.entries(servers).map(([p, s]) => [p, s.url])) as Record<keyof R, string>,
    /** Base URL for PULSEPOINT_FX_RATES_URL (the ECB data API path the FX connector expects). */
    fxUrl: `${first.url}/service/data`,
    setEndDate(date: string) {
      for (const s of all) s.setEndDate(date);
    },
    async close() {
      await Promise.all(all.map((s) => s.close()));
    },
  };
}

/** Starts the registered ad sandboxes (`AD_SANDBOXES`); `meta`, `tiktok`, `google` name each one. */
export async function startAdSandboxes(options: Omit<SandboxOptions, 'port'>) {
  const started = await startSandboxesOf(AD_SANDBOXES, options);
  const { meta, tiktok, google_ads: google } = started.servers;
  return { ...started, urls: started.urls as AdSandboxUrls, meta, tiktok, google };
}
export type AdSandboxes = Awaited<ReturnType<typeof startAdSandboxes>>;

/** What each sandbox accepts as a stored token (access + refresh + app credentials). */
export const SANDBOX_CREDENTIALS: Record<AdPlatform, AdCredentials> = {
  meta: AD_SANDBOXES.meta.credentials,
  tiktok: AD_SANDBOXES.tiktok.credentials,
  google_ads: AD_SANDBOXES.google_ads.credentials,
};

/**
 * Connects a brand (the demo brand by default) to the three sandboxes: tokens into the
 * SecretStore, integrations with the sandbox base URL and account ids, and a backfill sync each.
 */
export async function connectDemoBrandToAds(
  deps: { store: OperationalStore; secrets: SecretStore; tasks: TaskQueue; clock: Clock },
  urls: Partial<Record<string, string>>,
  target: { tenantId: string; brandId: string; requestSyncs?: boolean } = {
    tenantId: 'demo',
    brandId: 'demo-brand',
  },
  sandboxes: AdSandboxRegistry = AD_SANDBOXES,
): Promise<void> {
  const ctx = systemContext(target.tenantId, 'connect-sandboxes');
  for (const [platform, url] of Object.entries(urls)) {
    const sandbox = sandboxes[platform];
    if (!sandbox || !url) throw new Error(`${platform} has no registered sandbox`);
    if (!isAdPlatform(platform)) throw new Error(`${platform} is not an ad platform (AD_PLATFORMS)`);
    const secretRef = await deps.secrets.put(
      ctx,
      integrationSecretName(target.brandId, platform),
      JSON.stringify(sandbox.credentials),
    );
    await deps.store.integrations.upsert(ctx, target.brandId, {
      platform,
      status: 'connected',
      accountIds: [sandbox.account.accountId],
      secretRef,
      apiBaseUrl: url,
      accountTimezone: sandbox.account.timezone,
      accountCurrency: sandbox.account.currency,
      updatedAt: deps.clock.now().toISOString(),
    });
    if (target.requestSyncs !== false) await requestSync(deps, ctx, target.brandId, platform, 'backfill');
  }
}
