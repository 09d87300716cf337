import { AD_PLATFORM_FACTS, type AdPlatform, type AdPlatformFacts } from '../entities/integration';
import { type Destination, MATCH_CONFIDENCE, type TouchShape, UNATTRIBUTED_CHANNEL } from './types';

/** How a landing URL names a platform: the click id it appended, or its utm_source spellings. */
export interface PlatformMatcher<P extends string = AdPlatform> {
  /** Every click-id parameter, in platform order (what a landing URL is searched for). */
  readonly clickIdParams: readonly string[];
  platformOfClickIdType(type: string | null): P | null;
  platformOfSource(source: string | null): P | null;
}

/**
 * A matcher over any set of platform facts (the registry derives its own with a new platform in
 * it); the pass uses the one over `AD_PLATFORM_FACTS`.
 */
export function createPlatformMatcher<P extends string>(
  facts: { readonly [K in P]: Pick<AdPlatformFacts, 'clickIdParams' | 'utmSources'> },
): PlatformMatcher<P> {
  const byClickId = new Map<string, P>();
  const bySource = new Map<string, P>();
  for (const platform of Object.keys(facts) as P[]) {
    for (const param of facts[platform].clickIdParams) byClickId.set(param.toLowerCase(), platform);
    for (const source of facts[platform].utmSources) bySource.set(source.toLowerCase(), platform);
  }
  return {
    clickIdParams: [...byClickId.keys()],
    platformOfClickIdType: (type) => (type ? (byClickId.get(type.toLowerCase()) ?? null) : null),
    platformOfSource: (source) => (source ? (bySource.get(source.toLowerCase()) ?? null) : null),
  };
}

const MATCHER = createPlatformMatcher(AD_PLATFORM_FACTS);

/** The click-id parameters of every ad platform (fbclid, ttclid, gclid, gbraid, wbraid). */
export const CLICK_ID_PARAMS = MATCHER.clickIdParams;

const PAID_MEDIUMS = new Set([
  'cpc',
  'ppc',
  'paid',
  'paid_social',
  'paidsocial',
  'cpm',
  'display',
  'shopping',
]);

export const platformOfClickIdType = MATCHER.platformOfClickIdType;

export const platformOfSource = MATCHER.platformOfSource;

/** The brand's campaigns by native id, so a utm_campaign or a click resolves to a prefixed id. */
export interface CampaignDirectory {
  /** `<platform>:<nativeId>` → campaign id, and `*:<nativeId>` when the native id is unique. */
  readonly byNative: ReadonlyMap<string, string>;
  readonly platformOf: ReadonlyMap<string, AdPlatform>;
  /** Resolutions by the touch fields they depend on: a pass sees millions of touches, few shapes. */
  readonly resolved: Map<string, Destination>;
}

/** Campaign ids are `<platform>:<account>:<nativeId>` (see infra/sandbox/world.ts). */
export function createCampaignDirectory(campaignIds: Iterable<string>): CampaignDirectory {
  const byNative = new Map<string, string>();
  const platformOf = new Map<string, AdPlatform>();
  const seen = new Map<string, number>();
  for (const id of new Set(campaignIds)) {
    const first = id.indexOf(':');
    const last = id.lastIndexOf(':');
    if (first < 0 || last <= first) continue;
    const platform = id.slice(0, first) as AdPlatform;
    const native = id.slice(last + 1);
    platformOf.set(id, platform);
    byNative.set(`${platform}:${native}`, id);
    seen.set(native, (seen.get(native) ?? 0) + 1);
    byNative.set(`*:${native}`, id);
  }
  for (const [native, n] of seen) if (n > 1) byNative.delete(`*:${native}`);
  return { byNative, platformOf, resolved: new Map() };
}

function organicChannel(touch: TouchShape): string {
  const medium = touch.medium?.toLowerCase() ?? '';
  const source = touch.source?.toLowerCase() ?? '';
  if (medium === 'email' || source === 'klaviyo' || source === 'email') return 'email';
  if (medium === 'organic') return 'organic_search';
  if (medium === 'social' || platformOfSource(source)) return 'organic_social';
  if (medium === 'referral' || source) return 'referral';
  return UNATTRIBUTED_CHANNEL;
}

/**
 * Where one touch sends credit: a click id (the platform issued it for this campaign's ad) beats
 * a UTM; a touch naming no known campaign still counts for its channel (email, organic, referral).
 */
export function resolveTouch(touch: TouchShape, campaigns: CampaignDirectory): Destination {
  const key = `${touch.clickIdType ?? ''}|${touch.source ?? ''}|${touch.medium ?? ''}|${touch.campaign ?? ''}`;
  let d = campaigns.resolved.get(key);
  if (!d) {
    d = resolveUncached(touch, campaigns);
    campaigns.resolved.set(key, d);
  }
  return d;
}

function resolveUncached(touch: TouchShape, campaigns: CampaignDirectory): Destination {
  const clickPlatform = touch.clickIdType ? platformOfClickIdType(touch.clickIdType) : null;
  if (clickPlatform && touch.campaign) {
    const id = campaigns.byNative.get(`${clickPlatform}:${touch.campaign}`);
    if (id)
      return {
        channel: clickPlatform,
        platform: clickPlatform,
        campaignId: id,
        method: 'click_id',
        confidence: MATCH_CONFIDENCE.click_id,
      };
  }
  if (touch.campaign) {
    const sourcePlatform = platformOfSource(touch.source);
    const id =
      (sourcePlatform && campaigns.byNative.get(`${sourcePlatform}:${touch.campaign}`)) ||
      campaigns.byNative.get(`*:${touch.campaign}`);
    if (id) {
      const platform = campaigns.platformOf.get(id) ?? null;
      return {
        channel: platform ?? UNATTRIBUTED_CHANNEL,
        platform,
        campaignId: id,
        method: 'utm',
        confidence: MATCH_CONFIDENCE.utm,
      };
    }
  }
  const paidPlatform = clickPlatform ?? paidSourcePlatform(touch);
  if (paidPlatform)
    return {
      channel: paidPlatform,
      platform: paidPlatform,
      campaignId: null,
      method: 'channel',
      confidence: MATCH_CONFIDENCE.channel,
    };
  return {
    channel: organicChannel(touch),
    platform: null,
    campaignId: null,
    method: 'channel',
    confidence: MATCH_CONFIDENCE.channel,
  };
}

function paidSourcePlatform(touch: TouchShape): AdPlatform | null {
  const medium = touch.medium?.toLowerCase() ?? '';
  return PAID_MEDIUMS.has(medium) ? platformOfSource(touch.source) : null;
}
