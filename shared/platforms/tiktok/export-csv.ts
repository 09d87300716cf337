import type { ExportSpec } from '../ads/ad-export';

/**
 * TikTok Ads Manager custom report export (CSV) at campaign level with the "By Day" (Date)
 * dimension and, optionally, Country/Region and Region. Amounts are in the advertiser account's
 * currency, which the export does not name unless the "Currency" attribute was added: the import
 * takes it from the account or from an explicit currency, and says so in its preview. A report at
 * ad group level adds "Ad group name" and "Ad group ID".
 */
export const TIKTOK_EXPORT: ExportSpec = {
  platform: 'tiktok',
  label: 'TikTok Ads Manager report',
  columns: {
    date: ['By Day', 'Date', 'Day'],
    account: ['Advertiser ID', 'Account ID'],
    accountName: ['Advertiser name', 'Account name'],
    campaignId: ['Campaign ID'],
    campaignName: ['Campaign name', 'Campaign Name'],
    adsetId: ['Ad group ID'],
    adsetName: ['Ad group name', 'Ad Group Name'],
    country: ['Country/Region', 'Country'],
    region: ['Region', 'Province'],
    currency: ['Currency'],
    spend: ['Cost', 'Total cost'],
    impressions: ['Impressions'],
    clicks: ['Clicks (destination)', 'Clicks (all)', 'Clicks'],
    conversions: ['Complete payment', 'Purchases', 'Conversions'],
    value: ['Total complete payment value', 'Complete payment value', 'Total purchase value'],
  },
  required: ['date', 'campaignName', 'spend', 'impressions'],
  date: (raw) => raw.slice(0, 10),
  currencyHint: 'TikTok shows it under Account settings; name it',
};
