import type { AdPlatform } from '../entities/integration';
import { type Destination, MATCH_CONFIDENCE, type TouchShape, UNATTRIBUTED_CHANNEL } from './types';

/** Which platform issued a click id: Meta's fbclid, TikTok's ttclid, Google's gclid (and its iOS twins). */
const CLICK_ID_PLATFORM: Readonly<Record<string, AdPlatform>> = {
  fbclid: 'meta',
  ttclid: 'tiktok',
  gclid: 'google_ads',
  gbraid: 'google_ads',
  wbraid: 'google_ads',
};

/** utm_source spellings seen in the wild, per platform (Instagram traffic is bought on Meta). */
const SOURCE_PLATFORM: Readonly<Record<string, AdPlatform>> = {
  facebook: 'meta',
  fb: 'meta',
  instagram: 'meta',
  ig: 'meta',
  meta: 'meta',
  tiktok: 'tiktok',
  google: 'google_ads',
  adwords: 'google_ads',
  youtube: 'google_ads',
};

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

export function platformOfClickIdType(type: string | null): AdPlatform | null {
  return type ? (CLICK_ID_PLATFORM[type.toLowerCase()] ?? null) : null;
}

export function platformOfSource(source: string | null): AdPlatform | null {
  return source ? (SOURCE_PLATFORM[source.toLowerCase()] ?? null) : null;
}

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
