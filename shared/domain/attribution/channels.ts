import type { AdPlatform } from '../entities/integration';
import { type CampaignDirectory, findCampaign } from './campaign-directory';
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
  google_ads: 'google_ads',
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
  return source ? (SOURCE_PLATFORM[source.trim().toLowerCase()] ?? null) : null;
}

export { type CampaignDirectory, createCampaignDirectory } from './campaign-directory';

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
  const key = `${touch.clickIdType ?? ''}|${touch.source ?? ''}|${touch.medium ?? ''}|${touch.campaign ?? ''}|${touch.clickPlatform ?? ''}|${touch.clickCampaign ?? ''}`;
  let d = campaigns.resolved.get(key);
  if (!d) {
    d = resolveUncached(touch, campaigns);
    campaigns.resolved.set(key, d);
  }
  return d;
}

const toCampaign = (campaignId: string, platform: AdPlatform, method: 'click_id' | 'utm'): Destination => ({
  channel: platform,
  platform,
  campaignId,
  method,
  confidence: MATCH_CONFIDENCE[method],
});

/**
 * A click id mapped to its campaign (Google's click_view, an imported mapping) is the strongest
 * evidence; then the click id's platform with the URL's utm_campaign; then utm_campaign within the
 * platform utm_source names (by id or exact name), or a native id no other platform uses. A name
 * is only looked up within the platform the source names: "summer-sale" from a newsletter is not
 * Meta's "Summer Sale".
 */
function resolveUncached(touch: TouchShape, campaigns: CampaignDirectory): Destination {
  const clickPlatform = touch.clickIdType ? platformOfClickIdType(touch.clickIdType) : null;
  const mappedPlatform = touch.clickPlatform ? platformOfSource(touch.clickPlatform) : null;
  if (mappedPlatform && touch.clickCampaign) {
    const id = findCampaign(campaigns, mappedPlatform, touch.clickCampaign);
    if (id) return toCampaign(id, mappedPlatform, 'click_id');
  }
  if (clickPlatform && touch.campaign) {
    const id = findCampaign(campaigns, clickPlatform, touch.campaign);
    if (id) return toCampaign(id, clickPlatform, 'click_id');
  }
  if (touch.campaign) {
    const sourcePlatform = platformOfSource(touch.source);
    const id =
      (sourcePlatform && findCampaign(campaigns, sourcePlatform, touch.campaign)) ||
      campaigns.byNative.get(`*:${touch.campaign.trim()}`);
    const platform = id ? campaigns.platformOf.get(id) : undefined;
    if (id && platform) return toCampaign(id, platform, 'utm');
  }
  const paidPlatform = clickPlatform ?? mappedPlatform ?? paidSourcePlatform(touch);
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
