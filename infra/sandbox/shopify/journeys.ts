import type { AdPlatform } from '../../../shared/domain/entities';
import { seededRandom } from '../../../shared/kernel/util/random';
import { AD_ACCOUNTS, type Campaign, STORE, seedOf } from '../world';
import type { SandboxOrder, SandboxVisit } from './model';
import { weighted } from './random';

/**
 * Customer journeys as Shopify records them (customerJourneySummary): the landing page keeps the
 * ad's query string, so campaign visits carry utm_* and the platform's click id; organic visits
 * carry a referrer or nothing (direct). UTMs follow AD_ACCOUNTS, utm_campaign is the campaign's
 * native id: the same ids the ad sandboxes report.
 *
 * The landing page is what Shopify keeps as the order's `landing_site` and the visit's
 * `landingPage` ("URL of the first page the customer landed on for the session",
 * shopify.dev/docs/api/admin-graphql/2024-01/objects/CustomerVisit): the ad's URL with its query
 * string. The click id is appended by the platform itself, whatever the ad's URL carries: TikTok
 * attaches `ttclid` to every outbound landing page URL (`…?a=b&ttclid=<id>`,
 * ads.tiktok.com/help/article/tiktok-click-id) and Meta passes its ClickID as `fbclid`
 * (`https://example.com/?fbclid=<id>`, developers.facebook.com/docs/marketing-api/conversions-api/
 * parameters/fbp-and-fbc). The UTMs are the advertiser's own, so they can go missing while the
 * click id stays (UNTAGGED_SHARE).
 */
const REFERRER: Record<string, string> = {
  meta: 'https://l.facebook.com/',
  tiktok: 'https://www.tiktok.com/',
  google_ads: 'https://www.google.com/',
};

const handleOf = (title: string) =>
  title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/**
 * The share of each platform's ad clicks that land with the platform's click id but none of the
 * advertiser's UTMs: a creator's own link in a Spark Ad or a link pasted without its tracking
 * template, or an in-app browser hop that rebuilt the URL and kept only the click id. Attribution
 * then knows the platform but not the campaign (decision 981: "TikTok — campaign not identified"),
 * which is what the dashboard's middle part shows (decision 962). Google Ads is left out: its
 * gclid maps to the campaign through click_view whatever the URL carries.
 */
export const UNTAGGED_SHARE: Readonly<Record<AdPlatform, number>> = {
  tiktok: 0.04,
  meta: 0.02,
  google_ads: 0,
};

/**
 * Whether the click behind `visitId` on `platform` lost its UTMs. Drawn from the visit's own seed,
 * not the day's stream, so every other order of the world stays exactly as it was.
 */
export function landsUntagged(platform: AdPlatform, visitId: string): boolean {
  return seededRandom(seedOf('untagged', visitId))() < UNTAGGED_SHARE[platform];
}

export function campaignVisit(
  id: string,
  occurredAt: string,
  campaign: Campaign,
  productTitle: string,
  clickId: string,
  tagged = true,
): SandboxVisit {
  const acct = AD_ACCOUNTS[campaign.platform];
  const utm = { source: acct.source, medium: acct.medium, campaign: campaign.nativeId };
  // Shopify's UTMParameters are read from the landing page's utm_* parameters, so they are there.
  const tags = { utm_source: utm.source, utm_medium: utm.medium, utm_campaign: utm.campaign };
  const query = new URLSearchParams({ ...(tagged ? tags : {}), [acct.clickParam]: clickId });
  return {
    id,
    occurredAt,
    landingPage: `https://${STORE.shopDomain}/products/${handleOf(productTitle)}?${query}`,
    referrerUrl: REFERRER[campaign.platform] ?? null,
    source: acct.source,
    utm: tagged ? { ...utm, content: null, term: null } : null,
  };
}

const ORGANIC = [
  { weight: 0.35, source: 'google', referrer: 'https://www.google.com/', utm: null },
  { weight: 0.3, source: 'direct', referrer: null, utm: null },
  { weight: 0.15, source: 'instagram', referrer: 'https://www.instagram.com/', utm: null },
  {
    weight: 0.2,
    source: 'klaviyo',
    referrer: null,
    utm: { source: 'klaviyo', medium: 'email', campaign: 'newsletter', content: null, term: null },
  },
] as const;

export function organicVisit(id: string, occurredAt: string, productTitle: string, r: number): SandboxVisit {
  const pick = weighted(ORGANIC, (o) => o.weight, r);
  const query = pick.utm
    ? `?${new URLSearchParams({ utm_source: pick.utm.source, utm_medium: pick.utm.medium, utm_campaign: pick.utm.campaign })}`
    : '';
  return {
    id,
    occurredAt,
    landingPage: `https://${STORE.shopDomain}/products/${handleOf(productTitle)}${query}`,
    referrerUrl: pick.referrer,
    source: pick.source,
    utm: pick.utm ? { ...pick.utm } : null,
  };
}

/**
 * The first and last visit Shopify would record for an order: campaign orders land from the ad
 * (except half of those that carry the campaign's discount code, which arrive untagged, and the
 * UNTAGGED_SHARE that carry the click id alone); organic
 * orders land from search, social, email or directly, and one in ten has no journey at all.
 */
export function journeyOf(
  campaign: Campaign | null,
  productTitle: string,
  createdMs: number,
  rand: () => number,
  hasCode: boolean,
): SandboxOrder['journey'] {
  const visitId = `gid://shopify/CustomerVisit/${seedOf('visit', createdMs, rand())}`;
  const lastAt = new Date(createdMs - (2 + Math.floor(rand() * 88)) * 60_000).toISOString();
  let last: SandboxVisit;
  if (campaign) {
    // Half of the code-carrying campaign orders arrive without UTMs: only the code tells.
    if (hasCode && rand() < 0.5) last = { ...organicVisit(visitId, lastAt, productTitle, 0.5), utm: null };
    else
      last = campaignVisit(
        visitId,
        lastAt,
        campaign,
        productTitle,
        `${campaign.platform}.${seedOf(visitId).toString(36)}`,
        !landsUntagged(campaign.platform, visitId),
      );
  } else {
    if (rand() < 0.1) return null;
    last = organicVisit(visitId, lastAt, productTitle, rand());
  }
  if (rand() >= 0.4) return { firstVisit: last, lastVisit: last };
  const firstAt = new Date(createdMs - (1 + rand() * 5) * 86_400_000).toISOString();
  const first = organicVisit(`${visitId}1`, firstAt, productTitle, rand());
  return { firstVisit: first, lastVisit: last };
}
