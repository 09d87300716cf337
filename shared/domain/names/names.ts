import type { MatchMethod } from '../attribution/types';
import { type CohortDimension, UNATTRIBUTED_COHORT } from '../customers/cohorts';
import type { StrengthPart } from '../customers/profile';
import { AD_PLATFORM_FACTS, type AdPlatform, isAdPlatform } from '../entities/integration';
import { humanize } from '../format';
import { type RegionNameEntry, regionName, regionNamesOf } from './regions';

/**
 * Names the merchant knows things by. Campaign ids are `<platform>:<account>:<nativeId>`; people
 * know a campaign by the name they gave it in Ads Manager, so every title, table, alert and answer
 * shows the name, and the id only where a tooltip or a link needs it.
 */
export interface CampaignNameEntry {
  readonly campaignId: string;
  readonly platform: string;
  readonly accountId: string;
  readonly name: string | null;
}

/** An ad set's (ad group's) newest name; ids are `<platform>:<account>:<nativeId>` like campaigns'. */
export interface AdSetNameEntry {
  readonly adsetId: string;
  readonly name: string;
}

export interface NameBook {
  /** The campaign's name, else a readable stand-in ("Meta campaign 1234…") — never the raw id. */
  campaign(campaignId: string): string;
  /** True when the campaign's own name is known. */
  hasName(campaignId: string): boolean;
  /** The ad set's (ad group's) name, else a readable stand-in ("Google Ads ad group 1234…"). */
  adSet(adsetId: string): string;
  /** The ad account's name when known, else "<Platform> account <id>". */
  account(platform: string, accountId: string): string;
  /** A region key (`US-NY`) as the merchant reads it: "New York, US" (./regions.ts). */
  region(code: string): string;
  readonly entries: readonly CampaignNameEntry[];
}

const PLATFORM_NAMES: Readonly<Record<AdPlatform, string>> = {
  meta: 'Meta',
  tiktok: 'TikTok',
  google_ads: 'Google Ads',
};

export const platformName = (platform: string): string =>
  platform === 'shopify' ? 'Shopify' : (PLATFORM_NAMES[platform as AdPlatform] ?? platform);

/** A channel as people say it: the ad platforms by name, the rest in words (`direct` → "Direct"). */
export function channelName(channel: string): string {
  if (channel in PLATFORM_NAMES) return platformName(channel);
  if (channel === 'shopify') return 'Shopify';
  return humanize(channel);
}

/** A variant as the catalog names it: "Velocity Runner — M" (the product alone for a Default Title). */
export function productName(p: { title: string; variantTitle?: string | null | undefined }): string {
  return p.variantTitle && p.variantTitle !== 'Default Title' ? `${p.title} — ${p.variantTitle}` : p.title;
}

/** What each platform calls the level under a campaign. */
const AD_SET_TERMS: Readonly<Record<AdPlatform, string>> = {
  meta: 'ad set',
  tiktok: 'ad group',
  google_ads: 'ad group',
};

/** "ad set" on Meta, "ad group" on Google Ads and TikTok (and "ad set" for anything else). */
export const adSetTerm = (platform: string): string => AD_SET_TERMS[platform as AdPlatform] ?? 'ad set';

/** A `<platform>:<account>:<nativeId>` id as "<Platform> <what> <nativeId>"; anything else whole. */
function standIn(id: string, what: (platform: string) => string): string {
  const first = id.indexOf(':');
  const last = id.lastIndexOf(':');
  const platform = id.slice(0, first);
  if (first < 0 || last <= first || !(platform in PLATFORM_NAMES)) return `${what('')} ${id}`;
  return `${platformName(platform)} ${what(platform)} ${id.slice(last + 1)}`;
}

/** A stand-in for a campaign no import or sync named: its platform and native id. */
export const unnamedCampaign = (campaignId: string): string => standIn(campaignId, () => 'campaign');

/** A stand-in for an ad set no import or sync named ("TikTok ad group 1760…"). */
export const unnamedAdSet = (adsetId: string): string => standIn(adsetId, adSetTerm);

/**
 * The one row per ad platform for credit whose campaign is not known: the click came from the
 * platform (its click id, decision 981) but the landing URL named none of its campaigns.
 */
export const unidentifiedCampaign = (platform: string): string =>
  `${platformName(platform)} — campaign not identified`;

/** Where each platform lets the merchant add the campaign tag, with its campaign-id macro. */
const CAMPAIGN_TAG_HOWTO: Readonly<Record<AdPlatform, string>> = {
  // ads.tiktok.com/help/article/track-offsite-web-events-with-utm-parameters (macros)
  tiktok:
    'In TikTok Ads Manager, add utm_campaign=__CAMPAIGN_ID__ to each ad’s URL; TikTok fills in the campaign.',
  // developers.facebook.com/…/url-tags-for-tracking ({{campaign.id}}); Ads Manager: the ad’s Tracking section
  meta: 'In Meta Ads Manager, add utm_campaign={{campaign.id}} to each ad’s URL parameters (Tracking section); Meta fills in the campaign.',
  // developers.google.com/google-ads/api/docs/ads/upgraded-urls/overview (final URL suffix, ValueTrack {campaignid})
  google_ads:
    'In Google Ads, add utm_campaign={campaignid} to the account’s final URL suffix; Google fills in the campaign.',
};

/** Why the campaign is not identified, and what to change so the next orders name it. */
function unidentifiedCampaignNote(platform: string): string {
  const name = platformName(platform);
  const ids = isAdPlatform(platform) ? AD_PLATFORM_FACTS[platform].clickIdParams.join(' or ') : 'click id';
  const why = `${name}’s click id (${ids}) on the landing page proves the click came from ${name}, but the URL carried no campaign tag (utm_campaign), so the revenue counts for ${name} without a campaign.`;
  return isAdPlatform(platform) ? `${why} ${CAMPAIGN_TAG_HOWTO[platform]}` : why;
}

/**
 * A row of credit by its campaign, never a raw id or null: the campaign's name; on an ad
 * platform with no campaign, the platform's "campaign not identified" row; elsewhere "Email — no
 * campaign".
 */
export function campaignLabel(
  book: Pick<NameBook, 'campaign'>,
  channel: string,
  campaignId: string | null | undefined,
): string {
  return hasCampaign(campaignId) ? book.campaign(campaignId) : withoutCampaignRow(channel).name;
}

/**
 * A channel's one row of credit without a campaign, as every view names and explains it: the
 * channel drill-down's row, the dashboard's attribution line and the assistant's tools all take it
 * from here, so they read the same ("TikTok — campaign not identified" and why).
 */
export function withoutCampaignRow(channel: string): { name: string; note: string | null } {
  return {
    name: isAdPlatform(channel) ? unidentifiedCampaign(channel) : `${channelName(channel)} — no campaign`,
    note: campaignNote(channel, null),
  };
}

/** Whether a row's campaign id names a campaign (the warehouse keeps `unknown` for none). */
const hasCampaign = (campaignId: string | null | undefined): campaignId is string =>
  Boolean(campaignId) && campaignId !== 'unknown';

/**
 * The note beside a row of credit by campaign, the one place it is decided (decision 981): an ad
 * platform's credit without a campaign says why and how to tag the next orders; a named campaign,
 * or a channel that has no campaigns to tag (email, direct), needs none.
 */
export function campaignNote(channel: string, campaignId: string | null | undefined): string | null {
  return !hasCampaign(campaignId) && isAdPlatform(channel) ? unidentifiedCampaignNote(channel) : null;
}

export function createNameBook(
  entries: readonly CampaignNameEntry[],
  accountNames: ReadonlyMap<string, string> = new Map(),
  adSets: readonly AdSetNameEntry[] = [],
  regions: readonly RegionNameEntry[] = [],
): NameBook {
  const byId = new Map<string, string>();
  for (const e of entries) if (e.name?.trim()) byId.set(e.campaignId, e.name.trim());
  const adSetById = new Map<string, string>();
  for (const e of adSets) if (e.name.trim()) adSetById.set(e.adsetId, e.name.trim());
  const regionNames = regionNamesOf(regions);
  return {
    entries,
    campaign: (id) => byId.get(id) ?? unnamedCampaign(id),
    hasName: (id) => byId.has(id),
    adSet: (id) => adSetById.get(id) ?? unnamedAdSet(id),
    account: (platform, accountId) =>
      accountNames.get(`${platform}:${accountId}`) ?? `${platformName(platform)} account ${accountId}`,
    region: (code) => regionName(code, regionNames.get(code.toUpperCase())),
  };
}

/** How an order was tied to its campaign, as a merchant reads it beside the campaign. */
const MATCH_METHOD_WORDS: Readonly<Record<MatchMethod, string>> = {
  click_id: "matched by the ad's click id",
  utm: 'matched by UTM tags',
  discount_code: 'matched by discount code',
  geo_time: 'modelled from region and time',
  click_id_platform: 'a click id without a campaign tag: platform known, campaign not',
  channel: 'from the traffic source',
  unattributed: 'no ad, campaign or tagged visit found',
};
export const matchMethodWords = (method: string): string =>
  MATCH_METHOD_WORDS[method as MatchMethod] ?? humanize(method);

/**
 * A customer identifier's kind, and the other parts of profile strength, as the customer's page
 * names them ("Loyalty number", "WhatsApp", "Devices and browsers").
 */
const STRENGTH_PART_NAMES: Readonly<Record<StrengthPart['part'], string>> = {
  email: 'Email',
  phone: 'Phone',
  loyalty_id: 'Loyalty number',
  whatsapp: 'WhatsApp',
  shopify_customer_id: 'Shopify customer',
  woocommerce_customer_id: 'WooCommerce customer',
  device_id: 'Device',
  shopify_client_id: 'Browser (Shopify)',
  qr_id: 'QR code',
  upi_id: 'UPI ID',
  card_last4: 'Card (last 4 digits)',
  devices: 'Devices and browsers',
  name: 'Name',
  address: 'Postal address',
  date_of_birth: 'Date of birth',
};
export const identifierName = (kind: string): string =>
  STRENGTH_PART_NAMES[kind as StrengthPart['part']] ?? humanize(kind);

/**
 * A customer cohort as the merchant reads it, on Segments & LTV and in the assistant's
 * `get_cohorts`: a first-order month in the reader's words ("March 2026", `month` being the one
 * formatting module's), a channel by name ("Google Ads"), a campaign by its name, "Unattributed".
 */
export function cohortName(
  dimension: CohortDimension,
  c: { cohort: string; name: string | null },
  month: (yearMonth: string) => string,
): string {
  if (dimension === 'month') return month(c.cohort);
  if (c.cohort === UNATTRIBUTED_COHORT) return 'Unattributed';
  return dimension === 'campaign' ? (c.name ?? unnamedCampaign(c.cohort)) : channelName(c.cohort);
}
