import { sumByKey } from '../../kernel/util/sum-by-key';
import { convertMinor } from '../money';
import type { LocalDate } from '../time';
import { crossRate, type RateSeries } from './fx';
import { type AdCampaign, type AdReportRow, adSetKey, campaignKey } from './report';

export interface NormalizeContext {
  brandId: string;
  brandCurrency: string;
  /** The reporting account's IANA timezone, recorded on each row (see decision 201). */
  accountTimezone: (accountId: string) => string | undefined;
  rates: RateSeries;
  syncedAt: string;
}

export class MissingRateError extends RangeError {}

function rateFor(ctx: NormalizeContext, currency: string, date: LocalDate): number {
  const rate = crossRate(ctx.rates, currency, ctx.brandCurrency, date);
  if (rate === undefined)
    throw new MissingRateError(`no ${currency}→${ctx.brandCurrency} reference rate on or before ${date}`);
  return rate;
}

const keyOf = (r: AdReportRow) =>
  [r.platform, r.accountId, r.campaignId, r.adsetId ?? '', r.date, r.country ?? '', r.region ?? ''].join('|');

/**
 * Rows that land on the same warehouse key (two unknown regions of one country both become
 * "country only") are merged first, so the key stays unique. Counts add as integers; conversions
 * are platform-modelled fractions and add as numbers.
 */
export function mergeReportRows(rows: readonly AdReportRow[]): AdReportRow[] {
  return sumByKey(rows, keyOf, [
    'spendMinor',
    'impressions',
    'clicks',
    'conversions',
    'conversionValueMinor',
  ]);
}

/**
 * Warehouse `ad_performance` rows in the brand currency. Each row is converted on its own day with
 * that day's rate and rounded once (money.convertMinor); the original amount and the rate are kept,
 * so a total in account currency can always be rebuilt exactly.
 */
export function toAdPerformanceRows(rows: readonly AdReportRow[], ctx: NormalizeContext) {
  return mergeReportRows(rows).map((r) => {
    const rate = rateFor(ctx, r.currency, r.date);
    return {
      brand_id: ctx.brandId,
      date: r.date,
      platform: r.platform,
      account_id: r.accountId,
      campaign_id: campaignKey(r.platform, r.accountId, r.campaignId),
      campaign_name: r.campaignName ?? null,
      country: r.country ?? null,
      region: r.region ?? null,
      spend_minor: convertMinor(r.spendMinor, r.currency, ctx.brandCurrency, rate),
      currency: ctx.brandCurrency,
      spend_original_minor: r.spendMinor,
      original_currency: r.currency,
      fx_rate: rate,
      impressions: r.impressions,
      clicks: r.clicks,
      platform_conversions: r.conversions,
      platform_conversion_value_minor: convertMinor(
        r.conversionValueMinor,
        r.currency,
        ctx.brandCurrency,
        rate,
      ),
      attribution_setting: r.attributionSetting ?? null,
      account_timezone: ctx.accountTimezone(r.accountId) ?? null,
      synced_at: ctx.syncedAt,
      adset_id: r.adsetId ? adSetKey(r.platform, r.accountId, r.adsetId) : null,
      adset_name: r.adsetId ? (r.adsetName ?? null) : null,
    };
  });
}

/** Warehouse `campaigns` rows: the metadata snapshot of `date` (the brand-local sync day). */
export function toCampaignRows(campaigns: readonly AdCampaign[], brandId: string, date: LocalDate) {
  return campaigns.map((c) => ({
    brand_id: brandId,
    date,
    platform: c.platform,
    account_id: c.accountId,
    campaign_id: campaignKey(c.platform, c.accountId, c.campaignId),
    name: c.name,
    status: c.status,
    objective: c.objective ?? null,
    daily_budget_minor: c.dailyBudgetMinor ?? null,
    lifetime_budget_minor: c.lifetimeBudgetMinor ?? null,
    currency: c.currency,
    promoted_product_ids: null,
  }));
}
