import type { ExportSpec } from '../ads/ad-export';

/**
 * Google Ads report download (CSV): a title line and a date-range line precede the header, numbers
 * carry thousands separators ("1,234.56"), "--" means none, and "Total: …" lines close the file.
 * Customer IDs are written 123-456-7890.
 */
export const GOOGLE_ADS_EXPORT: ExportSpec = {
  platform: 'google_ads',
  columns: {
    date: ['Day'],
    account: ['Customer ID'],
    campaignId: ['Campaign ID'],
    campaignName: ['Campaign'],
    country: ['Country/Territory (User location)', 'Country/Territory'],
    region: ['Region (User location)', 'Region'],
    currency: ['Currency code'],
    spend: ['Cost'],
    impressions: ['Impr.', 'Impressions'],
    clicks: ['Clicks'],
    conversions: ['Conversions'],
    value: ['Conv. value'],
  },
  required: ['date', 'campaignId', 'campaignName', 'spend', 'impressions'],
  skipRow: (first) => first.startsWith('Total:'),
  accountId: (raw) => raw.replace(/-/g, ''),
};
