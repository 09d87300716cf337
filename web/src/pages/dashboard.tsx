import { useState } from 'preact/hooks';
import { addDays, type LocalDate, toLocalDate } from '../../../shared/domain/time';
import { query } from '../api/client';
import { type Dashboard, dashboardResponse } from '../api/schemas';
import { BarChart } from '../components/charts/bar-chart';
import { LineChart } from '../components/charts/line-chart';
import { InventoryView } from '../components/inventory-view';
import { KpiCard } from '../components/kpi-card';
import { Link } from '../components/link';
import { Async, Empty } from '../components/states';
import { Tabs } from '../components/tabs';
import { useBrand, useServices } from '../context';
import { useResource } from '../hooks/use-resource';
import { platformLabel } from '../labels';
import { href } from '../routes';

const RANGES = [7, 28, 90] as const;

/** The last `days` full brand-local days, ending yesterday (today is still being written). */
export function rangeEndingYesterday(
  now: Date,
  timeZone: string,
  days: number,
): { from: LocalDate; to: LocalDate } {
  const to = addDays(toLocalDate(now, timeZone), -1);
  return { from: addDays(to, -(days - 1)), to };
}

export function DashboardPage() {
  const { api } = useServices();
  const { brand } = useBrand();
  const [days, setDays] = useState<(typeof RANGES)[number]>(28);
  const range = rangeEndingYesterday(new Date(), brand.timezone, days);
  const dashboard = useResource(`dashboard:${brand.id}:${range.from}:${range.to}`, () =>
    api.get(`/api/brands/${encodeURIComponent(brand.id)}/dashboard${query(range)}`, dashboardResponse),
  );
  return (
    <section class="page">
      <div class="page-head">
        <h1>{brand.name}</h1>
        <label class="inline">
          Period
          <select
            value={days}
            onChange={(e) => setDays(Number(e.currentTarget.value) as (typeof RANGES)[number])}
          >
            {RANGES.map((d) => (
              <option key={d} value={d}>
                Last {d} days
              </option>
            ))}
          </select>
        </label>
      </div>
      <Async resource={dashboard} label="Loading the dashboard…">
        {(d) => <DashboardBody d={d} />}
      </Async>
    </section>
  );
}

function DashboardBody(props: { d: Dashboard }) {
  const { d } = props;
  const { brand, fmt } = useBrand();
  const hasData = d.kpis.orders > 0 || d.kpis.spendMinor > 0;
  if (!hasData)
    return (
      <Empty title="No data for this period yet">
        <p>
          Connect your store and ad accounts, or wait for the first sync to finish.{' '}
          <Link href={href('onboarding', { brandId: brand.id })}>Check the sync</Link>
        </p>
      </Empty>
    );
  return (
    <>
      <p class="muted" data-range-from={d.from} data-range-to={d.to}>
        {fmt.day(d.from)} – {fmt.day(d.to)}
      </p>
      <WeeklySummary summary={d.summary} />
      <div class="kpis">
        <KpiCard
          label="Spend"
          value={d.kpis.spendMinor}
          previous={d.previous.spendMinor}
          format={fmt.money}
          formatChange={fmt.change}
        />
        <KpiCard
          label="Revenue"
          value={d.kpis.revenueMinor}
          previous={d.previous.revenueMinor}
          format={fmt.money}
          formatChange={fmt.change}
          upIsGood
        />
        <KpiCard
          label="Blended ROAS"
          value={d.kpis.roas}
          previous={d.previous.roas}
          format={fmt.ratio}
          formatChange={fmt.change}
          upIsGood
        />
        <KpiCard
          label="Profit"
          value={d.kpis.profitMinor}
          previous={d.previous.profitMinor}
          format={fmt.money}
          formatChange={fmt.change}
          upIsGood
        />
        <KpiCard
          label="Orders"
          value={d.kpis.orders}
          previous={d.previous.orders}
          format={fmt.integer}
          formatChange={fmt.change}
          upIsGood
        />
      </div>
      <div class="grid-2">
        <ChannelPanel channels={d.channels} />
        <TrendPanel trend={d.trend} />
      </div>
      <InventoryView rows={d.inventory} />
    </>
  );
}

function WeeklySummary(props: { summary: Dashboard['summary'] }) {
  const { fmt } = useBrand();
  return (
    <article class="card summary" aria-labelledby="summary-title">
      <h2 id="summary-title">This week, in short</h2>
      {props.summary ? (
        <>
          <p class="summary-text">{props.summary.text}</p>
          <p class="muted small">Written {fmt.instant(props.summary.generatedAt)}</p>
        </>
      ) : (
        <p class="muted">
          The AI weekly summary is written on Monday mornings; the first one is not out yet.
        </p>
      )}
    </article>
  );
}

function ChannelPanel(props: { channels: Dashboard['channels'] }) {
  const { brand, fmt } = useBrand();
  const [selected, setSelected] = useState(props.channels[0]?.channel ?? '');
  const channel = props.channels.find((c) => c.channel === selected) ?? props.channels[0];
  return (
    <article class="card" aria-labelledby="channels-title">
      <h2 id="channels-title">Channels by region</h2>
      {channel ? (
        <Tabs
          label="Channel"
          tabs={props.channels.map((c) => ({ id: c.channel, label: platformLabel(c.channel) }))}
          selected={channel.channel}
          onSelect={setSelected}
        >
          <p class="channel-totals">
            <Link href={href('drilldown', { brandId: brand.id, kind: 'channel', id: channel.channel })}>
              {platformLabel(channel.channel)}
            </Link>
            : spend {fmt.money(channel.spendMinor)} · revenue {fmt.money(channel.revenueMinor)} · ROAS{' '}
            {fmt.ratio(channel.roas)}
          </p>
          {channel.regions.length ? (
            <BarChart
              title={`${platformLabel(channel.channel)} spend and revenue by region`}
              groups={channel.regions.map((r) => ({
                label: r.region,
                values: [r.spendMinor, r.revenueMinor],
                note: fmt.ratio(r.roas),
              }))}
              series={[
                { name: 'Spend', color: '#175cd3' },
                { name: 'Revenue', color: '#067647' },
              ]}
              formatValue={fmt.compactMoney}
            />
          ) : (
            <Empty title="No regional data for this channel" />
          )}
        </Tabs>
      ) : (
        <Empty title="No ad channels connected" />
      )}
    </article>
  );
}

function TrendPanel(props: { trend: Dashboard['trend'] }) {
  const { fmt } = useBrand();
  if (props.trend.length === 0)
    return (
      <article class="card">
        <h2>Trends</h2>
        <Empty title="No daily data yet" />
      </article>
    );
  const labels = props.trend.map((t) => t.date);
  return (
    <article class="card" aria-labelledby="trend-title">
      <h2 id="trend-title">Trends</h2>
      <LineChart
        title="Daily spend and revenue"
        labels={labels}
        series={[
          { name: 'Spend', color: '#175cd3', values: props.trend.map((t) => t.spendMinor) },
          { name: 'Revenue', color: '#067647', values: props.trend.map((t) => t.revenueMinor) },
        ]}
        formatValue={fmt.compactMoney}
        formatLabel={fmt.shortDay}
      />
      <LineChart
        title="Daily ROAS"
        labels={labels}
        series={[{ name: 'ROAS', color: '#6941c6', values: props.trend.map((t) => t.roas ?? 0) }]}
        formatValue={(v) => fmt.ratio(v)}
        formatLabel={fmt.shortDay}
      />
    </article>
  );
}
