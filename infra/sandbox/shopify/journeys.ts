import { AD_ACCOUNTS, type Campaign, STORE, seedOf } from '../world';
import type { SandboxOrder, SandboxVisit } from './model';
import { weighted } from './random';

/**
 * Customer journeys as Shopify records them (customerJourneySummary): the landing page keeps the
 * ad's query string, so campaign visits carry utm_* and the platform's click id; organic visits
 * carry a referrer or nothing (direct). UTMs follow AD_ACCOUNTS, utm_campaign is the campaign's
 * native id: the same ids the ad sandboxes report.
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

export function campaignVisit(
  id: string,
  occurredAt: string,
  campaign: Campaign,
  productTitle: string,
  clickId: string,
): SandboxVisit {
  const acct = AD_ACCOUNTS[campaign.platform];
  const query = new URLSearchParams({
    utm_source: acct.source,
    utm_medium: acct.medium,
    utm_campaign: campaign.nativeId,
    [acct.clickParam]: clickId,
  });
  return {
    id,
    occurredAt,
    landingPage: `https://${STORE.shopDomain}/products/${handleOf(productTitle)}?${query}`,
    referrerUrl: REFERRER[campaign.platform] ?? null,
    source: acct.source,
    utm: { source: acct.source, medium: acct.medium, campaign: campaign.nativeId, content: null, term: null },
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
 * (except half of those that carry the campaign's discount code, which arrive untagged); organic
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
