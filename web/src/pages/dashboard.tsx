import { useState } from 'preact/hooks';
import { query } from '../api/client';
import { type Dashboard, dashboardResponse } from '../api/schemas';
import { ChannelPanel, REVENUE_COLOR, SPEND_COLOR } from '../components/channel-panel';
import { LineChart } from '../components/charts/line-chart';
import { InventoryView } from '../components/inventory-view';
import { KpiCard } from '../components/kpi-card';
import { Link } from '../components/link';
import { Async, Empty } from '../components/states';
import { WeeklySummary } from '../components/weekly-summary';
import { useBrand, useServices } from '../context';
import { useResource } from '../hooks/use-resource';
import { useTitle } from '../hooks/use-title';
import { humanize } from '../labels';
import { rangeEndingYesterday } from '../period';
import { href } from '../routes';

const RANGES = [7, 28, 90] as const;

export function DashboardPage() {
  const { api } = useServices();
  const { brand } = useBrand();
  useTitle('Dashboard', brand.name);
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
  const card = (
    label: string,
    key: keyof Dashboard['kpis'],
    format: (v: number) => string,
    upIsGood?: boolean,
  ) => (
    <KpiCard
      label={label}
      value={d.kpis[key]}
      change={d.change[key]}
      format={format}
      formatChange={fmt.change}
      {...(upIsGood === undefined ? {} : { upIsGood })}
    />
  );
  return (
    <>
      <p class="muted" data-range-from={d.period.from} data-range-to={d.period.to}>
        {fmt.day(d.period.from)} – {fmt.day(d.period.to)} · compared with {fmt.day(d.previousPeriod.from)} –{' '}
        {fmt.day(d.previousPeriod.to)} · {humanize(d.model)} attribution
      </p>
      <WeeklySummary />
      <div class="kpis">
        {card('Spend', 'spendMinor', fmt.money)}
        {card('Revenue', 'revenueMinor', fmt.money, true)}
        {card('Blended ROAS', 'blendedRoas', fmt.ratio, true)}
        {card('Profit', 'profitMinor', fmt.money, true)}
        {card('Orders', 'orders', fmt.integer, true)}
      </div>
      <div class="grid-2">
        <ChannelPanel d={d} />
        <TrendPanel trend={d.trend} />
      </div>
      <InventoryView rows={d.inventory} />
    </>
  );
}

function TrendPanel(props: { trend: Dashboard['trend'] }) {
  const { fmt } = useBrand();
  const labels = props.trend.map((t) => t.date);
  return (
    <article class="card" aria-labelledby="trend-title">
      <h2 id="trend-title">Trends</h2>
      {props.trend.length === 0 ? (
        <Empty title="No daily data yet" />
      ) : (
        <>
          <LineChart
            title="Daily spend and revenue"
            labels={labels}
            series={[
              { name: 'Spend', color: SPEND_COLOR, values: props.trend.map((t) => t.spendMinor) },
              { name: 'Revenue', color: REVENUE_COLOR, values: props.trend.map((t) => t.revenueMinor) },
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
        </>
      )}
    </article>
  );
}
