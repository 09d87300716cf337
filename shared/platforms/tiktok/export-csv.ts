import type { ExportSpec } from '../ads/ad-export';

/**
 * TikTok Ads Manager custom report export (CSV) at campaign level with the Date dimension and,
 * optionally, Country/Region and Region. Amounts are in the advertiser's currency ("Currency").
 */
export const TIKTOK_EXPORT: ExportSpec = {
  platform: 'tiktok',
  columns: {
    date: ['Date', 'By Day'],
    account: ['Advertiser ID', 'Account ID'],
    campaignId: ['Campaign ID'],
    campaignName: ['Campaign name'],
    country: ['Country/Region', 'Country'],
    region: ['Region', 'Province'],
    currency: ['Currency'],
    spend: ['Cost'],
    impressions: ['Impressions'],
    clicks: ['Clicks (destination)', 'Clicks (all)', 'Clicks'],
    conversions: ['Complete payment', 'Purchases'],
    value: ['Total complete payment value', 'Complete payment value'],
  },
  required: ['date', 'campaignId', 'campaignName', 'spend', 'impressions'],
  date: (raw) => raw.slice(0, 10),
};
