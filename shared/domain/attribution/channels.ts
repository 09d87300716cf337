import { AD_PLATFORM_FACTS, type AdPlatform, type AdPlatformFacts } from '../entities/integration';
import { type CampaignDirectory, findCampaign } from './campaign-directory';
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
    platformOfSource: (source) => (source ? (bySource.get(source.trim().toLowerCase()) ?? null) : null),
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
 * a UTM; a click id naming no known campaign still proves its platform (`click_id_platform`); any
 * other touch naming no known campaign still counts for its channel (email, organic, referral).
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
  // The platform issued the click id, so the click is that platform's even when the URL named no
  // campaign it runs: credit stays on its channel, campaign not identified (decision 981).
  const clickedPlatform = clickPlatform ?? mappedPlatform;
  if (clickedPlatform)
    return {
      channel: clickedPlatform,
      platform: clickedPlatform,
      campaignId: null,
      method: 'click_id_platform',
      confidence: MATCH_CONFIDENCE.click_id_platform,
    };
  const paidPlatform = paidSourcePlatform(touch);
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
