import { query } from '../api/client';
import { DRILLDOWN_DIMENSIONS, type DrilldownDimension, drilldownResponse } from '../api/schemas';
import { AdSetCard } from '../components/ad-set-table';
import { DataTable } from '../components/data-table';
import { KpiCard, type KpiCardProps } from '../components/kpi-card';
import { kpiCards } from '../components/kpi-cards';
import { Link } from '../components/link';
import { ModelPicker, modelNote } from '../components/model-picker';
import { regionalSpendCell, regionalSpendNote } from '../components/regional-spend';
import { ResponseCurveCard } from '../components/response-curve';
import { Async, Empty } from '../components/states';
import { TrendCharts } from '../components/trend-charts';
import { useBrand, useServices } from '../context';
import { usePeriod } from '../hooks/use-period';
import { useResource } from '../hooks/use-resource';
import { useTitle } from '../hooks/use-title';
import { dimensionKeyLabel, humanize } from '../labels';
import {
  COMPARISON_NAMES,
  comparisonParams,
  comparisonProblem,
  DEFAULT_DAYS,
  rangeEndingYesterday,
  resolveRange,
} from '../period';
import { href } from '../routes';
import { NotFoundPage } from './not-found';

const isDimension = (k: string): k is DrilldownDimension =>
  (DRILLDOWN_DIMENSIONS as readonly string[]).includes(k);

/** One channel, campaign, product or region: its totals, its trend, and what it breaks down into. */
/** What the `unknown` row of a breakdown is, in the merchant's words. */
const UNKNOWN_LABEL: Record<string, string> = {
  product: 'No promoted product set',
  region: 'Region not known',
  campaign: 'No campaign',
  channel: 'Not attributed to a channel',
};

/**
 * The row of what has no value; an ad platform's says why it has no campaign and what to do
 * (decision 981) behind a "Why? How to fix it" disclosure, so the row stays one line tall on a phone
 * (decision 998).
 */
function UnknownRow(props: { name: string; note: string | undefined }) {
  return props.note ? (
    <span class="unknown-row">
      <strong>{props.name}</strong>
      <details class="muted small">
        <summary>Why? How to fix it</summary>
        <span data-unknown-note>{props.note}</span>
      </details>
    </span>
  ) : (
    <>{props.name}</>
  );
}

/**
 * A region's cards when some spend has no region (decision 1001): what each one counts is in its
 * name, and the note above them says what is left out.
 */
const REGIONAL_LABELS: Record<string, string> = {
  Spend: 'Spend reported by region',
  'Blended ROAS': 'Blended ROAS on regional spend',
  Profit: 'Profit on regional spend',
};
const onRegionalSpend = (card: KpiCardProps): KpiCardProps => ({
  ...card,
  label: REGIONAL_LABELS[card.label] ?? card.label,
});

export function DrilldownPage(props: { kind: string; id: string }) {
  const { kind } = props;
  if (!isDimension(kind)) return <NotFoundPage />;
  return <Drilldown dimension={kind} id={props.id} />;
}

function Drilldown(props: { dimension: DrilldownDimension; id: string }) {
  const { api } = useServices();
  const { brand, fmt } = useBrand();
  const { dimension, id } = props;
  // The period the merchant picked on the dashboard, carried in the URL; the last 28 days otherwise.
  const { picked, search, model, compare } = usePeriod();
  // The comparison carried from the dashboard; one the API would refuse falls back to the previous period.
  const compareParams = comparisonProblem(compare) ? {} : comparisonParams(compare);
  const resolved = resolveRange(picked, new Date(), brand.timezone);
  const range = resolved.ok ? resolved.range : rangeEndingYesterday(new Date(), brand.timezone, DEFAULT_DAYS);
  // Products and regions are credited under the brand's model whatever the view's (reattribute.ts).
  const switchable = dimension === 'channel' || dimension === 'campaign';
  const viewModel = switchable ? (model ?? undefined) : undefined;
  const data = useResource(
    `drill:${brand.id}:${dimension}:${id}:${range.from}:${range.to}:${viewModel}:${new URLSearchParams(compareParams)}`,
    () =>
      api.get(
        `/api/brands/${encodeURIComponent(brand.id)}/drilldown/${dimension}/${encodeURIComponent(id)}${query({ ...range, ...compareParams, model: viewModel })}`,
        drilldownResponse,
      ),
  );
  // The API names what it knows (campaign, product, platform); until it answers, the kind alone.
  const name =
    data.status === 'ready' ? (data.data.name ?? dimensionKeyLabel(dimension, id)) : humanize(dimension);
  useTitle(name, brand.name);
  return (
    <section class="page">
      <nav aria-label="Breadcrumb" class="crumbs">
        <Link href={`${href('dashboard', { brandId: brand.id })}${search}`}>{brand.name}</Link> ›{' '}
        {humanize(dimension)}
      </nav>
      <div class="page-head">
        <h1>{name}</h1>
        {switchable ? <ModelPicker /> : null}
      </div>
      <Async resource={data} label={`Loading this ${dimension}…`}>
        {(d) => (
          <>
            <p class="muted" data-range-from={d.period.from} data-range-to={d.period.to}>
              {fmt.dayRange(d.period.from, d.period.to)} · compared with {COMPARISON_NAMES[d.comparison]} (
              {fmt.dayRange(d.previousPeriod.from, d.previousPeriod.to)}) · {humanize(d.model)} attribution
            </p>
            {modelNote(d, dimension === 'campaign' ? 'its products are' : 'products and regions are') ? (
              <p class="muted" data-model-note>
                {modelNote(d, dimension === 'campaign' ? 'its products are' : 'products and regions are')}
              </p>
            ) : null}
            {regionalSpendNote(d.spendWithoutRegion, fmt) ? (
              <p class="warning" role="note" data-regional-spend-note>
                {regionalSpendNote(d.spendWithoutRegion, fmt)}
              </p>
            ) : null}
            <div class="kpis">
              {kpiCards({
                totals: d.totals,
                change: d.change,
                incompleteComparison: d.incompleteComparison,
                roas: {
                  field: 'roas',
                  label: dimension === 'region' || dimension === 'product' ? 'Blended ROAS' : 'ROAS',
                },
                against: COMPARISON_NAMES[d.comparison],
                fmt,
              })
                .map((card) => (d.spendWithoutRegion?.length ? onRegionalSpend(card) : card))
                .map((card) => (
                  <KpiCard key={card.label} {...card} />
                ))}
            </div>
            <div class="grid-2 top">
              <article class="card">
                <h2>Daily trend</h2>
                {d.trend.length ? (
                  <TrendCharts
                    subject={name}
                    trend={d.trend}
                    previousTrend={d.previousTrend}
                    period={d.period}
                    previousPeriod={d.previousPeriod}
                    comparison={d.comparison}
                    incomplete={d.incompleteComparison}
                  />
                ) : (
                  <Empty title="No daily data in this period" />
                )}
              </article>
              <article class="card">
                <h2>By {d.breakdown.dimension}</h2>
                {d.breakdown.rows.length ? (
                  <DataTable
                    caption={`${name} by ${d.breakdown.dimension}`}
                    rows={d.breakdown.rows}
                    rowKey={(row) => row.key}
                    columns={[
                      {
                        label: humanize(d.breakdown.dimension),
                        cell: (row) =>
                          row.key === 'unknown' ? (
                            <UnknownRow
                              name={row.name ?? UNKNOWN_LABEL[d.breakdown.dimension] ?? 'Not known'}
                              note={row.note}
                            />
                          ) : (
                            <Link
                              href={`${href('drilldown', {
                                brandId: brand.id,
                                kind: d.breakdown.dimension,
                                id: row.key,
                              })}${search}`}
                            >
                              {row.name ?? dimensionKeyLabel(d.breakdown.dimension, row.key)}
                            </Link>
                          ),
                      },
                      {
                        label: 'Spend',
                        numeric: true,
                        cell: (row) => regionalSpendCell(row.spendMinor, row.regionalSpend, fmt),
                        sortValue: (row) => row.spendMinor,
                      },
                      {
                        label: 'Revenue',
                        numeric: true,
                        cell: (row) => fmt.money(row.revenueMinor),
                        sortValue: (row) => row.revenueMinor,
                      },
                      {
                        label: 'ROAS',
                        numeric: true,
                        cell: (row) => fmt.ratio(row.roas),
                        sortValue: (row) => row.roas,
                      },
                    ]}
                  />
                ) : (
                  <Empty title="Nothing below this level" />
                )}
              </article>
            </div>
            {dimension === 'campaign' && d.adSets ? (
              <AdSetCard campaignId={id} campaignName={d.name ?? name} adSets={d.adSets} range={d.period} />
            ) : null}
            {dimension === 'campaign' ? <ResponseCurveCard campaignId={id} name={d.name ?? name} /> : null}
          </>
        )}
      </Async>
    </section>
  );
}
