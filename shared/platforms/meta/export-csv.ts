import type { ExportSpec } from '../ads/ad-export';

/**
 * Meta Ads Manager "Export table data" (CSV) with the Day and Region breakdowns. The currency is in
 * the spend header ("Amount spent (USD)"); Account ID is written without the `act_` prefix.
 * Purchases are blank on region rows (Meta does not break off-Meta actions down by region).
 */
export const META_EXPORT: ExportSpec = {
  platform: 'meta',
  columns: {
    date: ['Day'],
    account: ['Account ID'],
    campaignId: ['Campaign ID'],
    campaignName: ['Campaign name'],
    country: ['Country'],
    region: ['Region'],
    currency: ['Currency'],
    spend: /^Amount spent \([A-Z]{3}\)$/,
    impressions: ['Impressions'],
    clicks: ['Clicks (all)', 'Link clicks'],
    conversions: ['Purchases'],
    value: ['Purchases conversion value'],
    attribution: ['Attribution setting'],
  },
  required: ['date', 'campaignId', 'campaignName', 'spend', 'impressions'],
  accountId: (raw) => (raw.startsWith('act_') ? raw : `act_${raw}`),
};
