import type { AdPlatform } from '../entities';
import type { LocalDate } from '../time';

/**
 * One platform report row after its connector parsed it: a campaign's day in one geography, in the
 * ad account's own currency and timezone. Normalization (normalize.ts) turns these into warehouse
 * rows in the brand's currency.
 */
export interface AdReportRow {
  platform: AdPlatform;
  accountId: string;
  /** The platform's own campaign id (as in its API and UTMs). */
  campaignId: string;
  campaignName?: string;
  /**
   * The platform's own ad set id (Meta ad set; Google Ads and TikTok ad group) when the report was
   * per ad set; absent on rows reported per campaign.
   */
  adsetId?: string;
  adsetName?: string;
  /** The account-local day the platform reported. */
  date: LocalDate;
  country?: string;
  /** ISO 3166-2, when the platform's region name is known. */
  region?: string;
  spendMinor: number;
  currency: string;
  impressions: number;
  clicks: number;
  conversions: number;
  conversionValueMinor: number;
  attributionSetting?: string;
}

/** Campaign metadata as the platform states it, budgets in account-currency minor units. */
export interface AdCampaign {
  platform: AdPlatform;
  accountId: string;
  campaignId: string;
  name: string;
  /** Normalized: `active` | `paused` | `archived` | `deleted` (the raw status is kept in `rawStatus`). */
  status: 'active' | 'paused' | 'archived' | 'deleted';
  rawStatus: string;
  objective?: string;
  dailyBudgetMinor?: number;
  lifetimeBudgetMinor?: number;
  currency: string;
}

export interface AdAccount {
  accountId: string;
  /** The account's name on the platform, when it states one. */
  name?: string;
  currency: string;
  timezone: string;
}

/** Pulsepoint's campaign id keeps the platform and account: `meta:act_1001:120210000000101`. */
export function campaignKey(platform: AdPlatform, accountId: string, campaignId: string): string {
  return `${platform}:${accountId}:${campaignId}`;
}

/** Ad sets (ad groups) are keyed like campaigns: `meta:act_1001:120210000000201`. */
export const adSetKey: (platform: AdPlatform, accountId: string, adsetId: string) => string = campaignKey;

export function parseCampaignKey(
  key: string,
): { platform: string; accountId: string; campaignId: string } | undefined {
  const m = /^([a-z_]+):([^:]+):([^:]+)$/.exec(key);
  return m ? { platform: m[1]!, accountId: m[2]!, campaignId: m[3]! } : undefined;
}
