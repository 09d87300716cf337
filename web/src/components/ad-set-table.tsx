import { useState } from 'preact/hooks';
import { query } from '../api/client';
import type { Drilldown } from '../api/schemas';
import { useBrand, useServices } from '../context';
import { DataTable } from './data-table';
import { Empty } from './states';

type AdSets = NonNullable<Drilldown['adSets']>;
type AdSetRow = AdSets['rows'][number];

const capitalised = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * A campaign's ad sets (Meta) or ad groups (Google Ads, TikTok) by name, with what the platform
 * reports for each; the internal id only in the name's tooltip. Revenue from Shopify orders is
 * attributed to campaigns, so it is not split here (decision 960).
 */
export function AdSetCard(props: {
  campaignId: string;
  campaignName: string;
  adSets: AdSets;
  range: { from: string; to: string };
}) {
  const { api } = useServices();
  const { brand, fmt } = useBrand();
  const { adSets, campaignId, range } = props;
  const plural = `${adSets.term}s`;
  const [exporting, setExporting] = useState(false);
  async function exportCsv() {
    setExporting(true);
    try {
      const blob = await api.download(
        `/api/brands/${encodeURIComponent(brand.id)}/campaigns/${encodeURIComponent(campaignId)}/ad-sets.csv${query(range)}`,
      );
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = `${props.campaignName} ${plural} ${range.from} to ${range.to}.csv`;
      a.click();
      URL.revokeObjectURL(url);
    } finally {
      setExporting(false);
    }
  }
  return (
    <article class="card" data-ad-sets>
      <div class="card-head">
        <h2>{capitalised(plural)}</h2>
        {adSets.rows.length ? (
          <button type="button" class="button secondary" onClick={exportCsv} disabled={exporting}>
            {exporting ? 'Preparing CSV…' : 'Export CSV'}
          </button>
        ) : null}
      </div>
      <p class="muted">
        Spend, delivery and conversions as the platform reports them. Attributed revenue is per campaign:
        orders name the campaign, not the {adSets.term}.
      </p>
      {adSets.rows.length ? (
        <DataTable<AdSetRow>
          caption={`${props.campaignName} by ${adSets.term}`}
          rows={adSets.rows}
          rowKey={(row) => row.adsetId ?? 'none'}
          columns={[
            {
              label: capitalised(adSets.term),
              cell: (row) => <span title={row.adsetId ?? undefined}>{row.name}</span>,
              sortValue: (row) => row.name,
            },
            {
              label: 'Spend',
              numeric: true,
              cell: (row) => fmt.money(row.spendMinor),
              sortValue: (row) => row.spendMinor,
            },
            {
              label: 'Impressions',
              numeric: true,
              cell: (row) => fmt.integer(row.impressions),
              sortValue: (row) => row.impressions,
            },
            {
              label: 'Clicks',
              numeric: true,
              cell: (row) => fmt.integer(row.clicks),
              sortValue: (row) => row.clicks,
            },
            {
              label: 'Platform conv.',
              numeric: true,
              cell: (row) => fmt.decimal(row.conversions),
              sortValue: (row) => row.conversions,
            },
            {
              label: 'Platform conv. value',
              numeric: true,
              cell: (row) => fmt.money(row.conversionValueMinor),
              sortValue: (row) => row.conversionValueMinor,
            },
          ]}
        />
      ) : (
        <Empty title={`No ${adSets.term} spend in this period`} />
      )}
    </article>
  );
}
