import { regionFromGeoNamesId, regionFromName, regionFromNameAnyCountry } from '../domain/ads/regions';
import { createPlatformMatcher, type PlatformMatcher } from '../domain/attribution/channels';
import { AD_PLATFORM_FACTS, type AdPlatform, type AdPlatformFacts } from '../domain/entities';
import type { ExportSpec } from './ads/ad-export';
import type { AdConnectorFactory } from './ads/connector';

/**
 * Everything the product needs to know to run one ad platform, in one entry. Every list that used
 * to be written by hand is derived from the registry: the manifest's `sync-<slug>` functions (and
 * so their Cloud Tasks queues, Terraform and handler builders), the importers of
 * `pulsepoint import <slug>`, the sandboxes `npm start` runs (`infra/sandbox/registry.ts`, keyed by
 * the same platforms), the click-id / utm_source matcher, and the labels (the domain facts).
 * Adding a platform is one folder (`shared/platforms/<slug>/`) plus one line here and one domain
 * fact; `registry.test.ts` registers a fake fourth platform and finds it wired everywhere.
 *
 * The connector and export spec are loaded on use (`import()`), so reading the registry (the
 * manifest does, at every cold start) loads no platform's code, and `sync-meta` loads only Meta's.
 */
export interface AdPlatformEntry extends AdPlatformFacts {
  /** The id stored on integrations, rows and campaign ids (`google_ads`). */
  platform: string;
  /** The id in names: folder, function `sync-<slug>`, its queue, `pulsepoint import <slug>`. */
  slug: string;
  connector: () => Promise<AdConnectorFactory>;
  /** The platform's report export (CSV) as `parseAdExport` reads it. */
  exportSpec: () => Promise<ExportSpec>;
  /** How the platform names a region in its reports (its connector and export use this mapper). */
  regions: RegionMapper;
  sync: {
    /** Cloud Tasks queue; its rate limit protects the platform's API quota. */
    queue: string;
    maxDispatchesPerSecond: number;
    /** Secret Manager secrets the sync function mounts (tokens are per brand, in the SecretStore). */
    secrets: readonly string[];
  };
}

export type RegionMapper =
  | { kind: 'name-any-country'; map: typeof regionFromNameAnyCountry }
  | { kind: 'name-in-country'; map: typeof regionFromName }
  | { kind: 'geonames-id'; map: typeof regionFromGeoNamesId };

export type AdPlatformRegistry = Readonly<Record<string, AdPlatformEntry>>;

const entry = <P extends AdPlatform, S extends string>(
  platform: P,
  slug: S,
  rest: Omit<AdPlatformEntry, 'platform' | 'slug' | keyof AdPlatformFacts>,
) => ({ platform, slug, ...AD_PLATFORM_FACTS[platform], ...rest });

export const AD_PLATFORM_REGISTRY = {
  meta: entry('meta', 'meta', {
    connector: async () => (await import('./meta')).createMetaConnector,
    exportSpec: async () => (await import('./meta/export-csv')).META_EXPORT,
    regions: { kind: 'name-any-country', map: regionFromNameAnyCountry },
    sync: { queue: 'sync-meta', maxDispatchesPerSecond: 1, secrets: [] },
  }),
  tiktok: entry('tiktok', 'tiktok', {
    connector: async () => (await import('./tiktok')).createTiktokConnector,
    exportSpec: async () => (await import('./tiktok/export-csv')).TIKTOK_EXPORT,
    regions: { kind: 'geonames-id', map: regionFromGeoNamesId },
    sync: { queue: 'sync-tiktok', maxDispatchesPerSecond: 1, secrets: [] },
  }),
  google_ads: entry('google_ads', 'google-ads', {
    connector: async () => (await import('./google-ads')).createGoogleAdsConnector,
    exportSpec: async () => (await import('./google-ads/export-csv')).GOOGLE_ADS_EXPORT,
    regions: { kind: 'name-in-country', map: regionFromName },
    sync: { queue: 'sync-google-ads', maxDispatchesPerSecond: 1, secrets: [] },
  }),
} as const satisfies { readonly [P in AdPlatform]: AdPlatformEntry & { platform: P } };

/** `sync-meta` | `sync-tiktok` | `sync-google-ads`: the manifest's ad sync functions. */
export type AdSyncFunctionName = `sync-${(typeof AD_PLATFORM_REGISTRY)[AdPlatform]['slug']}`;

export const adSyncFunctionName = (entry: Pick<AdPlatformEntry, 'slug'>) => `sync-${entry.slug}`;

/** The entries of a registry, in registration order. */
export const adPlatformEntries = (registry: AdPlatformRegistry = AD_PLATFORM_REGISTRY) =>
  Object.values(registry);

/** Click-id and utm_source matching over a registry (the pass uses the same over the domain facts). */
export const platformMatcherOf = (registry: AdPlatformRegistry): PlatformMatcher<string> =>
  createPlatformMatcher(registry);

/** Display names by platform id (what `web/src/labels.ts` shows, from the same facts). */
export const platformLabelsOf = (registry: AdPlatformRegistry): Record<string, string> =>
  Object.fromEntries(adPlatformEntries(registry).map((e) => [e.platform, e.label]));

export function adPlatformEntry(platform: string, registry: AdPlatformRegistry = AD_PLATFORM_REGISTRY) {
  const found = registry[platform];
  if (!found) throw new Error(`${platform} is not in the ad platform registry`);
  return found;
}
