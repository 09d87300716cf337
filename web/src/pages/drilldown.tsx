import { query } from '../api/client';
import { drilldownResponse } from '../api/schemas';
import { LineChart } from '../components/charts/line-chart';
import { KpiCard } from '../components/kpi-card';
import { Link } from '../components/link';
import { Async, Empty } from '../components/states';
import { useBrand, useServices } from '../context';
import { useResource } from '../hooks/use-resource';
import { humanize, platformLabel } from '../labels';
import { href } from '../routes';
import { rangeEndingYesterday } from './dashboard';
import { NotFoundPage } from './not-found';

const KINDS = ['channel', 'campaign', 'product', 'region'] as const;
type Kind = (typeof KINDS)[number];
const isKind = (k: string): k is Kind => (KINDS as readonly string[]).includes(k);

/** One channel, campaign, product or region: its KPIs, its trend, and what it breaks down into. */
export function DrilldownPage(props: { kind: string; id: string }) {
  const { api } = useServices();
  const { brand, fmt } = useBrand();
  const kind = props.kind;
  const range = rangeEndingYesterday(new Date(), brand.timezone, 28);
  const data = useResource(`drill:${brand.id}:${kind}:${props.id}:${range.from}`, () =>
    api.get(
      `/api/brands/${encodeURIComponent(brand.id)}/drilldown/${encodeURIComponent(kind)}/${encodeURIComponent(props.id)}${query(range)}`,
      drilldownResponse,
    ),
  );
  if (!isKind(kind)) return <NotFoundPage />;
  return (
    <section class="page">
      <nav aria-label="Breadcrumb" class="crumbs">
        <Link href={href('dashboard', { brandId: brand.id })}>{brand.name}</Link> › {humanize(kind)}
      </nav>
      <Async resource={data} label={`Loading this ${kind}…`}>
        {(d) => (
          <>
            <h1>{kind === 'channel' ? platformLabel(d.name) : d.name}</h1>
            <p class="muted">
              Last 28 days, {fmt.day(range.from)} – {fmt.day(range.to)}
            </p>
            <div class="kpis">
              <KpiCard
                label="Spend"
                value={d.kpis.spendMinor}
                previous={null}
                format={fmt.money}
                formatChange={fmt.change}
              />
              <KpiCard
                label="Revenue"
                value={d.kpis.revenueMinor}
                previous={null}
                format={fmt.money}
                formatChange={fmt.change}
              />
              <KpiCard
                label="ROAS"
                value={d.kpis.roas}
                previous={null}
                format={fmt.ratio}
                formatChange={fmt.change}
              />
              <KpiCard
                label="Profit"
                value={d.kpis.profitMinor}
                previous={null}
                format={fmt.money}
                formatChange={fmt.change}
              />
              <KpiCard
                label="Orders"
                value={d.kpis.orders}
                previous={null}
                format={fmt.integer}
                formatChange={fmt.change}
              />
            </div>
            <div class="grid-2">
              <article class="card">
                <h2>Daily trend</h2>
                {d.trend.length ? (
                  <LineChart
                    title={`${d.name}: daily spend and revenue`}
                    labels={d.trend.map((t) => t.date)}
                    series={[
                      { name: 'Spend', color: '#175cd3', values: d.trend.map((t) => t.spendMinor) },
                      { name: 'Revenue', color: '#067647', values: d.trend.map((t) => t.revenueMinor) },
                    ]}
                    formatValue={fmt.compactMoney}
                    formatLabel={fmt.shortDay}
                  />
                ) : (
                  <Empty title="No daily data in this period" />
                )}
              </article>
              <article class="card">
                <h2>Breakdown</h2>
                {d.breakdown.length ? (
                  <div class="table-wrap">
                    <table>
                      <thead>
                        <tr>
                          <th scope="col">Name</th>
                          <th scope="col" class="num">
                            Spend
                          </th>
                          <th scope="col" class="num">
                            Revenue
                          </th>
                          <th scope="col" class="num">
                            ROAS
                          </th>
                        </tr>
                      </thead>
                      <tbody>
                        {d.breakdown.map((row) => (
                          <tr key={`${row.kind}:${row.id}`}>
                            <td>
                              <Link
                                href={href('drilldown', { brandId: brand.id, kind: row.kind, id: row.id })}
                              >
                                {row.kind === 'channel' ? platformLabel(row.name) : row.name}
                              </Link>
                            </td>
                            <td class="num">{fmt.money(row.spendMinor)}</td>
                            <td class="num">{fmt.money(row.revenueMinor)}</td>
                            <td class="num">{fmt.ratio(row.roas)}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                ) : (
                  <Empty title="Nothing below this level" />
                )}
              </article>
            </div>
          </>
        )}
      </Async>
    </section>
  );
}
