import { useRef } from 'preact/hooks';
import type { z } from 'zod';
import { isAdPlatform } from '../../../shared/domain/entities/integration';
import { query } from '../api/client';
import { type Dashboard, dashboardResponse, productCosts } from '../api/schemas';
import { CalibrationCard } from '../components/calibration';
import { ChannelPanel } from '../components/channel-panel';
import { ChannelTable } from '../components/channel-table';
import { InventoryView } from '../components/inventory-view';
import { KpiCard } from '../components/kpi-card';
import { kpiCards } from '../components/kpi-cards';
import { Link } from '../components/link';
import { ModelPicker, modelNote } from '../components/model-picker';
import { OpenAlerts } from '../components/open-alerts';
import { DateRangeInputs, PeriodPicker } from '../components/period-picker';
import { Async, Empty } from '../components/states';
import { TrendCharts } from '../components/trend-charts';
import { WeeklySummary } from '../components/weekly-summary';
import { useBrand, useServices } from '../context';
import { usePeriod } from '../hooks/use-period';
import { useResource } from '../hooks/use-resource';
import { useTitle } from '../hooks/use-title';
import { humanize, platformLabel } from '../labels';
import {
  COMPARISON_LABELS,
  COMPARISON_NAMES,
  comparisonParams,
  comparisonProblem,
  type PickedComparison,
  periodSearch,
  resolveRange,
} from '../period';
import { href } from '../routes';

export function DashboardPage() {
  const { api } = useServices();
  const { brand } = useBrand();
  useTitle('Dashboard', brand.name);
  const { picked, setPicked, model, compare, setCompare } = usePeriod();
  const resolved = resolveRange(picked, new Date(), brand.timezone);
  // A half-typed custom range keeps showing the last good one.
  const lastGood = useRef(resolved.ok ? resolved.range : null);
  if (resolved.ok) lastGood.current = resolved.range;
  const range = lastGood.current;
  // Likewise a half-typed custom comparison keeps the last one the API would take.
  const compareProblem = comparisonProblem(compare);
  const lastGoodCompare = useRef<PickedComparison>({ kind: 'previous' });
  if (!compareProblem) lastGoodCompare.current = compare;
  const compareParams = comparisonParams(lastGoodCompare.current);
  const dashboard = useResource(
    `dashboard:${brand.id}:${range?.from}:${range?.to}:${model}:${new URLSearchParams(compareParams)}`,
    () =>
      api.get(
        `/api/brands/${encodeURIComponent(brand.id)}/dashboard${query({ ...range, ...compareParams, model: model ?? undefined })}`,
        dashboardResponse,
      ),
  );
  return (
    <section class="page">
      <div class="page-head">
        <h1>{brand.name}</h1>
        <div class="inline view-pickers">
          <PeriodPicker picked={picked} onPick={setPicked} current={range} />
          <ComparePicker picked={compare} onPick={setCompare} />
          <ModelPicker />
        </div>
      </div>
      {!resolved.ok && (
        <p class="muted" role="alert">
          {resolved.reason}
        </p>
      )}
      {compareProblem && (
        <p class="muted" role="alert">
          {compareProblem}
        </p>
      )}
      <Async resource={dashboard} label="Loading the dashboard…">
        {(d) => <DashboardBody d={d} />}
      </Async>
    </section>
  );
}

const COMPARE_KINDS = ['previous', 'year', 'year_weekday', 'custom'] as const;

/**
 * What the period is compared with: the days just before (default), the same dates or the same
 * weekdays last year, or any dates (decision 955). Custom starts from last year's dates.
 */
function ComparePicker(props: { picked: PickedComparison; onPick: (c: PickedComparison) => void }) {
  const { picked, onPick } = props;
  const custom = picked.kind === 'custom' ? picked : null;
  return (
    <div class="inline period-picker">
      <label class="inline">
        Compare with
        <select
          value={picked.kind}
          onChange={(e) => {
            const kind = e.currentTarget.value as PickedComparison['kind'];
            onPick(kind === 'custom' ? { kind, from: '', to: '' } : { kind });
          }}
        >
          {COMPARE_KINDS.map((k) => (
            <option key={k} value={k}>
              {COMPARISON_LABELS[k]}
            </option>
          ))}
        </select>
      </label>
      {custom && <DateRangeInputs range={custom} onChange={onPick} />}
    </div>
  );
}

const BASIS_LABELS = {
  order_total: 'order total (after discounts, with shipping and tax)',
  net_sales: 'net sales (after discounts, without shipping and tax)',
} as const;
const REFUND_LABELS = { refund_day: "on the refund's day", order_day: "on the order's day" } as const;

/**
 * What "revenue" means here, and how it splits by evidence (the reporting layer's three parts, which
 * sum to revenue): to a campaign; to an ad platform's channel without a campaign — its click id
 * with no campaign tag (each platform's "— campaign not identified" drill-down row, linked, with how
 * to add the tag; decision 998); not from an ad (direct, email and other unpaid channels).
 */
/**
 * What profit leaves out: the cost of goods of products with no unit cost. Said only when some
 * product lacks one, so a profit without costs is not read as the real profit.
 */
export function productCostsWords(
  c: z.infer<typeof productCosts>,
  fmt: { integer(n: number): string },
): string | null {
  if (c.products === 0)
    return 'Profit leaves out the cost of goods: no products are synced or imported yet, so no unit cost is known.';
  if (c.withUnitCost >= c.products) return null;
  const all = fmt.integer(c.products);
  if (c.withUnitCost === 0)
    return `Profit leaves out the cost of goods: none of your ${all} products has a unit cost ("Cost per item" in Shopify).`;
  const missing = c.products - c.withUnitCost;
  return `Profit counts the cost of goods for ${fmt.integer(c.withUnitCost)} of ${all} products; the other ${fmt.integer(missing)} have no unit cost ("Cost per item" in Shopify), so their profit is overstated.`;
}

function ProductCostsNote() {
  const { api } = useServices();
  const { brand, fmt } = useBrand();
  const costs = useResource(`product-costs:${brand.id}`, () =>
    api.get(`/api/brands/${encodeURIComponent(brand.id)}/product-costs`, productCosts),
  );
  const words = costs.status === 'ready' ? productCostsWords(costs.data, fmt) : null;
  if (!words) return null;
  return (
    <p class="muted" data-product-costs>
      {words} Unit costs come from Shopify or from a products export (
      <Link href={href('import', { brandId: brand.id })}>Import</Link>).
    </p>
  );
}

function RevenueNote(props: { d: Dashboard }) {
  const { d } = props;
  const { brand, fmt } = useBrand();
  const { search } = usePeriod();
  const a = d.attribution;
  const platforms = a.campaignNotIdentified;
  // The channels that part is (the channel table's unpaid rows), so "not from an ad" reads as
  // Direct and Email rather than as revenue nobody can place.
  const unpaid = d.byChannel
    .filter((c) => !isAdPlatform(c.key) && c.revenueMinor !== 0)
    .map((c) => platformLabel(c.key));
  const drill = (channel: string) =>
    `${href('drilldown', { brandId: brand.id, kind: 'channel', id: channel })}${search}`;
  return (
    <>
      <p class="muted" data-revenue-basis={d.revenueDefinition.basis}>
        Revenue is {BASIS_LABELS[d.revenueDefinition.basis]}, refunds counted{' '}
        {REFUND_LABELS[d.revenueDefinition.refunds]}, cancelled orders left out.
      </p>
      <p class="muted" data-attribution-split>
        <span class="nowrap" data-part="attributed">
          Attributed to campaigns: {fmt.money(a.attributedRevenueMinor)}
        </span>
        {platforms.length > 0 && (
          <>
            {' · '}
            <span data-part="campaign-not-identified">
              to a platform, campaign not identified: {fmt.money(a.campaignNotIdentifiedRevenueMinor)} (
              {platforms.map((p, i) => (
                <span key={p.channel} class="nowrap">
                  {i > 0 && ', '}
                  <Link href={drill(p.channel)}>{platformLabel(p.channel)}</Link> {fmt.money(p.revenueMinor)}
                </span>
              ))}
              )
            </span>
          </>
        )}
        {' · '}
        <span data-part="unattributed">
          <span class="nowrap">not from an ad: {fmt.money(a.unattributedRevenueMinor)}</span>
          {unpaid.length > 0 && ` (${unpaid.join(', ')})`}
          {a.modelledRevenueMinor !== null && (
            <>
              {' '}
              (of which {fmt.money(a.modelledRevenueMinor)} is <strong>modelled</strong> — guessed from
              campaigns active in the buyer's region, not counted as attributed)
            </>
          )}
        </span>
        .
      </p>
      {platforms.length > 0 && (
        <details class="muted fix-tags" data-campaign-tag-howto>
          <summary>Why a campaign is not identified, and how to fix it</summary>
          <ul>
            {platforms.map((p) => (
              <li key={p.channel}>
                <Link href={drill(p.channel)}>{p.name ?? platformLabel(p.channel)}</Link>:{' '}
                {fmt.money(p.revenueMinor)}. {p.note}
              </li>
            ))}
          </ul>
        </details>
      )}
    </>
  );
}

/**
 * The days a brand has data, as the dashboard's own period in the URL: an imported store whose
 * files end weeks ago opens on them instead of on an empty "last 7 days".
 */
export const dataDaysSearch = (days: { from: string; to: string }) =>
  periodSearch({ kind: 'custom', from: days.from, to: days.to });

function DashboardBody(props: { d: Dashboard }) {
  const { d } = props;
  const { brand, fmt } = useBrand();
  const hasData = d.kpis.orders > 0 || d.kpis.spendMinor > 0;
  if (!hasData) {
    const days = d.dataDays;
    return days ? (
      <Empty title="No data in these days">
        <p>
          {brand.name}’s data covers {fmt.dayRange(days.from, days.to)}.{' '}
          <Link href={`${href('dashboard', { brandId: brand.id })}${dataDaysSearch(days)}`}>
            Show those days
          </Link>
        </p>
      </Empty>
    ) : (
      <Empty title="No data for this period yet">
        <p>
          Connect your store and ad accounts, or wait for the first sync to finish.{' '}
          <Link href={href('onboarding', { brandId: brand.id })}>Check the sync</Link>
        </p>
      </Empty>
    );
  }
  return (
    <>
      <p class="muted" data-range-from={d.period.from} data-range-to={d.period.to}>
        {fmt.dayRange(d.period.from, d.period.to)} · compared with {COMPARISON_NAMES[d.comparison]} (
        {fmt.dayRange(d.previousPeriod.from, d.previousPeriod.to)}) · {humanize(d.model)} attribution
      </p>
      {modelNote(d, 'the totals, products and regions are') ? (
        <p class="muted" data-model-note>
          {modelNote(d, 'the totals, products and regions are')}
        </p>
      ) : null}
      <RevenueNote d={d} />
      <ProductCostsNote />
      <OpenAlerts />
      <WeeklySummary />
      <div class="kpis">
        {kpiCards({
          totals: d.kpis,
          change: d.change,
          incompleteComparison: d.incompleteComparison,
          roas: { field: 'blendedRoas', label: 'Blended ROAS' },
          against: COMPARISON_NAMES[d.comparison],
          fmt,
        }).map((card) => (
          <KpiCard key={card.label} {...card} />
        ))}
      </div>
      <ChannelTable d={d} />
      <div class="grid-2">
        <ChannelPanel d={d} />
        <TrendPanel d={d} />
      </div>
      <InventoryView rows={d.inventory} />
      <CalibrationCard />
    </>
  );
}

function TrendPanel(props: { d: Dashboard }) {
  const { d } = props;
  return (
    <article class="card" aria-labelledby="trend-title">
      <h2 id="trend-title">Trends</h2>
      {d.trend.length === 0 ? (
        <Empty title="No daily data yet" />
      ) : (
        <TrendCharts
          trend={d.trend}
          previousTrend={d.previousTrend}
          period={d.period}
          previousPeriod={d.previousPeriod}
          comparison={d.comparison}
          incomplete={d.incompleteComparison}
          withRoas
        />
      )}
    </article>
  );
}
