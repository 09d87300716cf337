import type { AdPlatform } from '../entities/integration';

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

export interface NameBook {
  /** The campaign's name, else a readable stand-in ("Meta campaign 1234…") — never the raw id. */
  campaign(campaignId: string): string;
  /** True when the campaign's own name is known. */
  hasName(campaignId: string): boolean;
  /** The ad account's name when known, else "<Platform> account <id>". */
  account(platform: string, accountId: string): string;
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
  const words = channel.replace(/[_-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A variant as the catalog names it: "Velocity Runner — M" (the product alone for a Default Title). */
export function productName(p: { title: string; variantTitle?: string | null | undefined }): string {
  return p.variantTitle && p.variantTitle !== 'Default Title' ? `${p.title} — ${p.variantTitle}` : p.title;
}

/** A stand-in for a campaign no import or sync named: its platform and native id. */
export function unnamedCampaign(campaignId: string): string {
  const first = campaignId.indexOf(':');
  const last = campaignId.lastIndexOf(':');
  const platform = campaignId.slice(0, first);
  // Only a `<platform>:<account>:<nativeId>` id is taken apart; anything else is shown whole.
  if (first < 0 || last <= first || !(platform in PLATFORM_NAMES)) return `campaign ${campaignId}`;
  return `${platformName(platform)} campaign ${campaignId.slice(last + 1)}`;
}

export function createNameBook(
  entries: readonly CampaignNameEntry[],
  accountNames: ReadonlyMap<string, string> = new Map(),
): NameBook {
  const byId = new Map<string, string>();
  for (const e of entries) if (e.name?.trim()) byId.set(e.campaignId, e.name.trim());
  return {
    entries,
    campaign: (id) => byId.get(id) ?? unnamedCampaign(id),
    hasName: (id) => byId.has(id),
    account: (platform, accountId) =>
      accountNames.get(`${platform}:${accountId}`) ?? `${platformName(platform)} account ${accountId}`,
  };
}
