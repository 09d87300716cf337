import type { ExportSpec } from '../ads/ad-export';

/**
 * Google Ads report download (CSV): a title line and a date-range line precede the header, numbers
 * carry thousands separators ("1,234.56"), "--" means none, and "Total: …" lines close the file.
 * Customer IDs are written 123-456-7890; conversions are fractional (data-driven attribution). The
 * Campaign ID column is optional in the UI: without it a campaign is known by its name. Downloaded
 * from the Ad groups page, rows are per "Ad group" (with "Ad group ID" when added).
 */
export const GOOGLE_ADS_EXPORT: ExportSpec = {
  platform: 'google_ads',
  label: 'Google Ads report',
  columns: {
    date: ['Day'],
    account: ['Customer ID'],
    accountName: ['Account', 'Account name'],
    campaignId: ['Campaign ID'],
    campaignName: ['Campaign'],
    adsetId: ['Ad group ID'],
    adsetName: ['Ad group'],
    country: ['Country/Territory (User location)', 'Country/Territory'],
    region: ['Region (User location)', 'Region'],
    currency: ['Currency code'],
    spend: ['Cost'],
    impressions: ['Impr.', 'Impressions'],
    clicks: ['Clicks'],
    conversions: ['Conversions'],
    value: ['Conv. value', 'Conversion value'],
  },
  required: ['date', 'campaignName', 'spend', 'impressions'],
  // "Total: Account", "Total: Campaigns", … close the file; they are sums, not campaigns.
  skipRow: (first) => first.startsWith('Total:'),
  accountId: (raw) => raw.replace(/-/g, ''),
};
