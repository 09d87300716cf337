import type { ExportSpec } from '../ads/ad-export';

/**
 * Meta Ads Manager "Export table data" (CSV), campaign level, with the Day and Region breakdowns.
 * Column names are Ads Manager's (test/fixtures/imports/SOURCES.md cites them):
 * - the currency is in the spend header, "Amount spent (USD)";
 * - "Campaign ID" and "Account ID" are not in the default column set: without Campaign ID a campaign
 *   is known by its name within the account; without Account ID the import names the account;
 * - "Reporting starts"/"Reporting ends" frame the range; with the Day breakdown "Day" is the row's date;
 * - purchases are blank on region rows (Meta does not break off-Meta actions down by region);
 * - exported from the Ad sets tab, rows are per ad set: "Ad set name" (and "Ad set ID" when added),
 *   still with their campaign's columns; spend is then kept per ad set under its campaign.
 */
export const META_EXPORT: ExportSpec = {
  platform: 'meta',
  label: 'Meta Ads Manager export',
  columns: {
    date: ['Day'],
    account: ['Account ID'],
    accountName: ['Account name'],
    campaignId: ['Campaign ID'],
    campaignName: ['Campaign name'],
    adsetId: ['Ad set ID'],
    adsetName: ['Ad set name'],
    country: ['Country'],
    region: ['Region'],
    currency: ['Currency'],
    spend: /^Amount spent \([A-Z]{3}\)$/,
    impressions: ['Impressions'],
    clicks: ['Link clicks', 'Clicks (all)'],
    conversions: ['Purchases', 'Website purchases'],
    value: ['Purchases conversion value', 'Website purchases conversion value'],
    attribution: ['Attribution setting'],
  },
  required: ['date', 'campaignName', 'spend', 'impressions'],
  accountId: (raw) => (raw.startsWith('act_') ? raw : `act_${raw}`),
};
