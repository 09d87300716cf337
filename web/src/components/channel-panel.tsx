import { useState } from 'preact/hooks';
import { query } from '../api/client';
import { type Dashboard, type Drilldown, drilldownResponse } from '../api/schemas';
import { useBrand, useServices } from '../context';
import { usePeriod } from '../hooks/use-period';
import { useResource } from '../hooks/use-resource';
import { dimensionKeyLabel, platformLabel } from '../labels';
import { href } from '../routes';
import { BarChart } from './charts/bar-chart';
import { Link } from './link';
import { channelRegionsNote } from './regional-spend';
import { Async, Empty } from './states';
import { Tabs } from './tabs';

export const SPEND_COLOR = '#175cd3';
export const REVENUE_COLOR = '#067647';
/** Regions beyond this many (by spend) are left out of the chart; the region drilldown has them all. */
const MAX_REGIONS = 8;

/**
 * Channel × region. The dashboard answers by channel and by region separately; each region's
 * drilldown breaks it down by channel, so the top regions' drilldowns are pivoted into one
 * region series per channel.
 */
/** A region's channel row, with whether the channel's spend is known by region. */
type RegionChannelRow = Drilldown['breakdown']['rows'][number];

export function pivotChannelRegions(
  regions: readonly { region: string; rows: readonly RegionChannelRow[] }[],
): Map<string, { region: string; row: RegionChannelRow }[]> {
  const byChannel = new Map<string, { region: string; row: RegionChannelRow }[]>();
  for (const { region, rows } of regions)
    for (const row of rows) {
      const list = byChannel.get(row.key) ?? [];
      list.push({ region, row });
      byChannel.set(row.key, list);
    }
  for (const list of byChannel.values()) list.sort((a, b) => b.row.spendMinor - a.row.spendMinor);
  return byChannel;
}

export function ChannelPanel(props: { d: Dashboard }) {
  const { api } = useServices();
  const { brand, fmt } = useBrand();
  const { search } = usePeriod();
  const { d } = props;
  const channels = d.byChannel.filter((c) => c.spendMinor > 0 || c.revenueMinor > 0);
  const [selected, setSelected] = useState(channels[0]?.key ?? '');
  const channel = channels.find((c) => c.key === selected) ?? channels[0];
  const topRegions = [...d.byRegion].sort((a, b) => b.spendMinor - a.spendMinor).slice(0, MAX_REGIONS);
  // Regions by the names the API gives ("New York, US"); the code stays in the links.
  const regionNames = new Map(d.byRegion.map((r) => [r.key, r.name ?? dimensionKeyLabel('region', r.key)]));
  const regionLabel = (key: string) => regionNames.get(key) ?? dimensionKeyLabel('region', key);
  const pivot = useResource(`channel-regions:${brand.id}:${d.period.from}:${d.period.to}`, async () =>
    pivotChannelRegions(
      await Promise.all(
        topRegions.map(async (r) => {
          const drill = await api.get(
            `/api/brands/${encodeURIComponent(brand.id)}/drilldown/region/${encodeURIComponent(r.key)}${query(d.period)}`,
            drilldownResponse,
          );
          return { region: r.key, rows: drill.breakdown.rows };
        }),
      ),
    ),
  );

  return (
    <article class="card" aria-labelledby="channels-title">
      <h2 id="channels-title">Channels by region</h2>
      {channel ? (
        <Tabs
          label="Channel"
          tabs={channels.map((c) => ({ id: c.key, label: platformLabel(c.key) }))}
          selected={channel.key}
          onSelect={setSelected}
        >
          <p class="channel-totals">
            <Link
              href={`${href('drilldown', { brandId: brand.id, kind: 'channel', id: channel.key })}${search}`}
            >
              {platformLabel(channel.key)}
            </Link>
            : spend {fmt.money(channel.spendMinor)} · revenue {fmt.money(channel.revenueMinor)} · ROAS{' '}
            {fmt.ratio(channel.roas)}
          </p>
          <Async resource={pivot} label="Loading regions…">
            {(byChannel) => {
              const regions = byChannel.get(channel.key) ?? [];
              // Every region's row of a channel says the same: whether its spend is known by region.
              const note = channelRegionsNote(channel.key, regions[0]?.row.regionalSpend);
              return regions.length ? (
                <>
                  {note ? (
                    <p class="small muted" data-regional-spend-note>
                      {note}
                    </p>
                  ) : null}
                  <BarChart
                    title={`${platformLabel(channel.key)}: spend and revenue by region`}
                    groups={regions.map(({ region, row }) => ({
                      label: regionLabel(region),
                      values: [row.spendMinor, row.revenueMinor],
                      note: fmt.ratio(row.roas),
                    }))}
                    series={[
                      { name: 'Spend', color: SPEND_COLOR },
                      { name: 'Revenue', color: REVENUE_COLOR },
                    ]}
                    formatValue={fmt.compactMoney}
                  />
                  <p class="small region-links">
                    Open a region:{' '}
                    {regions.map(({ region }, i) => (
                      <span key={region}>
                        {i > 0 ? ' · ' : ''}
                        <Link
                          href={`${href('drilldown', { brandId: brand.id, kind: 'region', id: region })}${search}`}
                        >
                          {regionLabel(region)}
                        </Link>
                      </span>
                    ))}
                  </p>
                </>
              ) : (
                <Empty title="No regional data for this channel" />
              );
            }}
          </Async>
        </Tabs>
      ) : (
        <Empty title="No ad channels with spend in this period" />
      )}
    </article>
  );
}
