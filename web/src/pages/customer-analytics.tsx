import { useState } from 'preact/hooks';
import {
  type CohortsResponse,
  cohortsResponseSchema,
  ltvRoasResponseSchema,
  type SegmentsResponse,
  segmentsResponseSchema,
} from '../../../shared/api/schemas/customers';
import type { CohortDimension } from '../../../shared/domain/customers/cohorts';
import {
  type AucVerdict,
  aucVerdict,
  missingAucReason,
} from '../../../shared/domain/customers/lifetime-value/holdout';
import { cohortName, unnamedCampaign } from '../../../shared/domain/names/names';
import { BarChart } from '../components/charts/bar-chart';
import { DataTable, TableWrap } from '../components/data-table';
import { Link } from '../components/link';
import { Async, Empty } from '../components/states';
import { useBrand, useServices } from '../context';
import { useResource } from '../hooks/use-resource';
import { useTitle } from '../hooks/use-title';
import { headingWithPeriod } from '../period';
import { href } from '../routes';
import { FunnelSection, readyPeriod } from './customer-funnel';
import { customersInSegment } from './customer-list-view';

type Fmt = ReturnType<typeof useBrand>['fmt'];
const DIMENSIONS: ReadonlyArray<[CohortDimension, string]> = [
  ['month', 'First-order month'],
  ['channel', 'Acquisition channel'],
  ['campaign', 'Acquisition campaign'],
];
/** Months after the first order shown in the heat-map. */
const HEATMAP_MONTHS = 12;
/** Months after the first order a phone's heat-map shows (M1–M3). */
const PHONE_MONTHS = 3;

/**
 * A run over a store whose orders name no customer: eight segments of 0 and a fitted-from-prior
 * model would say nothing, so this is said. Segments and lifetime value group orders by the
 * Shopify customer, else by the order's email (decision 1011, `shared/customers/customer-key.ts`),
 * so only orders with neither are left out.
 */
export const NO_CUSTOMERS =
  'None of the orders so far carries a Shopify customer or an email address, which segments and lifetime value group customers by. Revenue and attribution still count every order.';

/** When the numbers appear, for a brand with no run yet (decision 1010: an import runs them too). */
export const NOT_COMPUTED =
  'They are computed every night, about a minute after a Shopify orders import, and after the first attribution pass of a newly connected store.';

/** Whether there are segments to show, a run that found no customers, or no run yet. */
export function segmentsState(s: Pick<SegmentsResponse, 'model'>): 'ready' | 'no_customers' | 'not_computed' {
  if (!s.model) return 'not_computed';
  return s.model.customers > 0 ? 'ready' : 'no_customers';
}

/** Segments, lifetime value, cohorts and LTV ROAS of the brand's customers. */
export function CustomerValuePage() {
  const { api } = useServices();
  const { brand, fmt } = useBrand();
  useTitle('Segments & LTV', brand.name);
  const base = `/api/brands/${encodeURIComponent(brand.id)}/customer-analytics`;
  const [dimension, setDimension] = useState<CohortDimension>('month');
  const segments = useResource(`segments:${brand.id}`, () =>
    api.get(`${base}/segments`, segmentsResponseSchema),
  );
  const cohorts = useResource(`cohorts:${brand.id}:${dimension}`, () =>
    api.get(`${base}/cohorts?dimension=${dimension}`, cohortsResponseSchema),
  );
  const ltv = useResource(`ltv-roas:${brand.id}`, () => api.get(`${base}/ltv-roas`, ltvRoasResponseSchema));
  const [exporting, setExporting] = useState(false);
  async function exportCsv() {
    setExporting(true);
    try {
      const blob = await api.download(`${base}/export`);
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = `${brand.id}-customers.csv`;
      a.click();
      URL.revokeObjectURL(url);
    } finally {
      setExporting(false);
    }
  }

  return (
    <section class="page customers">
      <header class="page-head">
        <h1>Segments &amp; LTV</h1>
        <button type="button" class="button secondary" onClick={exportCsv} disabled={exporting}>
          {exporting ? 'Preparing CSV…' : 'Export customers (CSV)'}
        </button>
      </header>
      <Async resource={segments} label="Loading segments…">
        {(s) =>
          segmentsState(s) === 'ready' ? (
            <SegmentsView data={s} fmt={fmt} brandId={brand.id} />
          ) : segmentsState(s) === 'no_customers' ? (
            <Empty title="No customers to group yet.">
              <p>{NO_CUSTOMERS}</p>
            </Empty>
          ) : (
            <Empty title="No customer analytics yet.">
              <p>{NOT_COMPUTED}</p>
            </Empty>
          )
        }
      </Async>
      <h2 id="cohorts-title">Cohorts</h2>
      <label class="field inline">
        <span>Group customers by</span>
        <select
          value={dimension}
          onChange={(e) => setDimension((e.target as HTMLSelectElement).value as CohortDimension)}
        >
          {DIMENSIONS.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <Async resource={cohorts} label="Loading cohorts…">
        {(c) =>
          c.cohorts.length === 0 ? <Empty title="No cohorts yet." /> : <CohortHeatmap data={c} fmt={fmt} />
        }
      </Async>
      <h2>{headingWithPeriod('LTV ROAS by acquiring campaign', readyPeriod(ltv), fmt)}</h2>
      <Async resource={ltv} label="Loading LTV ROAS…">
        {(l) =>
          l.campaigns.length === 0 ? (
            <Empty
              title={`No campaign spend or acquired customers from ${fmt.dayRange(l.period.from, l.period.to)}.`}
            />
          ) : (
            <DataTable
              caption="LTV ROAS by campaign"
              rowKey={(r) => r.campaignId}
              rows={l.campaigns}
              columns={[
                {
                  label: 'Campaign',
                  cell: (r) => (
                    <Link href={href('drilldown', { brandId: brand.id, kind: 'campaign', id: r.campaignId })}>
                      {r.campaignName ?? unnamedCampaign(r.campaignId)}
                    </Link>
                  ),
                },
                { label: 'Spend', numeric: true, cell: (r) => fmt.money(r.spendMinor) },
                { label: 'New customers', numeric: true, cell: (r) => fmt.integer(r.acquiredCustomers) },
                {
                  label: 'CAC',
                  numeric: true,
                  cell: (r) =>
                    r.cacMinor === null ? (
                      <span class="muted">{r.acquiredCustomers === 0 ? 'no new customers' : 'no spend'}</span>
                    ) : (
                      fmt.money(r.cacMinor)
                    ),
                },
                { label: 'First-order ROAS', numeric: true, cell: (r) => fmt.ratio(r.firstOrderRoas) },
                {
                  label: 'LTV ROAS',
                  numeric: true,
                  cell: (r) => (
                    <span class={r.ltvRoas !== null && r.ltvRoas >= l.roasTarget ? 'good' : undefined}>
                      {fmt.ratio(r.ltvRoas)}
                    </span>
                  ),
                },
                { label: 'LTV:CAC', numeric: true, cell: (r) => fmt.ratio(r.ltvToCac) },
              ]}
            />
          )
        }
      </Async>
      <FunnelSection />
    </section>
  );
}

function SegmentsView(props: { data: SegmentsResponse; fmt: Fmt; brandId: string }) {
  const { data, fmt } = props;
  const model = data.model!;
  const h = model.holdout;
  // The first run has nothing to compare with: every customer would show as "moved in", so the
  // column waits for a second run rather than showing a column of dashes.
  const hasPrevious = data.segments.some((s) => s.previousCustomers > 0);
  return (
    <>
      <div class="kpis">
        <div class="kpi">
          <div class="kpi-label">Customers</div>
          <div class="kpi-value">{fmt.integer(data.repeat.customers)}</div>
          <div class="kpi-change neutral">as of {fmt.day(model.trainingTo)}</div>
        </div>
        <div class="kpi">
          <div class="kpi-label">Repeat rate</div>
          <div class="kpi-value">{fmt.share(data.repeat.repeatRate)}</div>
          <div class="kpi-change neutral">
            {data.repeat.medianDaysBetweenOrders === null
              ? 'no repeat customers yet'
              : `median ${fmt.decimal(data.repeat.medianDaysBetweenOrders)} days between orders`}
          </div>
        </div>
        <div class="kpi">
          <div class="kpi-label">Predicted 365-day value</div>
          <div class="kpi-value">{fmt.money(data.segments.reduce((s, x) => s + x.value365Minor, 0))}</div>
          <div class="kpi-change neutral">discounted at {fmt.share(model.discountRate)} a year</div>
        </div>
      </div>
      <h2>Segments</h2>
      {hasPrevious ? null : (
        <p class="muted small">
          How many customers moved in or out of each segment shows from the next nightly run.
        </p>
      )}
      <DataTable
        caption="Customer segments"
        rowKey={(r) => r.segment}
        rows={data.segments}
        columns={[
          {
            label: 'Segment',
            // The segment's customers, listed on the Customers page (its total is this row's count).
            cell: (r) => <Link href={customersInSegment(props.brandId, r.segment)}>{r.label}</Link>,
          },
          { label: 'Customers', numeric: true, cell: (r) => fmt.integer(r.customers) },
          ...(hasPrevious
            ? [
                {
                  label: 'Since last run',
                  numeric: true,
                  cell: (r: SegmentsResponse['segments'][number]) =>
                    signed(r.customers - r.previousCustomers, fmt),
                },
              ]
            : []),
          { label: 'Revenue to date', numeric: true, cell: (r) => fmt.money(r.revenueMinor) },
          { label: 'Predicted 365-day value', numeric: true, cell: (r) => fmt.money(r.value365Minor) },
        ]}
      />
      <h2>Lifetime value distribution</h2>
      <BarChart
        title="Customers by predicted 365-day value"
        groups={data.valueDistribution.map((b) => ({
          label: b.toMinor === null ? `${fmt.money(b.fromMinor)}+` : `< ${fmt.money(b.toMinor)}`,
          values: [b.customers],
        }))}
        series={[{ name: 'Customers', color: 'var(--accent, #3b6fd8)' }]}
        formatValue={(v) => fmt.integer(v)}
      />
      <h2>Model</h2>
      <dl class="facts">
        <dt>Fitted</dt>
        {/* The model id (a support reference, not a merchant's word) rides in the tooltip. */}
        <dd title={model.modelId}>
          {fmt.instant(model.fittedAt)} on orders from {fmt.day(model.trainingFrom)} to{' '}
          {fmt.day(model.trainingTo)}
        </dd>
        <dt>Purchases (BG/NBD)</dt>
        <dd>
          {model.bgNbd.source === 'fitted' ? 'fitted to this store' : 'stated prior (wide intervals)'}: r{' '}
          {fmt.decimal(model.bgNbd.r)}, α {fmt.decimal(model.bgNbd.alpha)} days, a{' '}
          {fmt.decimal(model.bgNbd.a)}, b {fmt.decimal(model.bgNbd.b)}
        </dd>
        <dt>Spend (Gamma-Gamma)</dt>
        <dd>
          {model.gammaGamma.source === 'fitted' ? 'fitted to this store' : 'stated prior'}: p{' '}
          {fmt.decimal(model.gammaGamma.p)}, q {fmt.decimal(model.gammaGamma.q)}
        </dd>
        <dt>Holdout</dt>
        <dd>
          {h
            ? `${fmt.dayRange(h.from, h.to)}, held back from the fit: ${fmt.decimal(h.predictedRepeatPurchases)} repeat purchases predicted, ${fmt.integer(h.actualRepeatPurchases)} made; off by ${fmt.decimal(h.mae)} purchases per customer on average`
            : 'not enough history for a holdout yet'}
        </dd>
        {h ? (
          <>
            <dt>Who buys again</dt>
            <dd data-holdout-ranking>
              <HoldoutRanking h={h} fmt={fmt} />
            </dd>
          </>
        ) : null}
        {model.notes ? (
          <>
            <dt>Notes</dt>
            <dd>{model.notes}</dd>
          </>
        ) : null}
      </dl>
    </>
  );
}

type Holdout = NonNullable<NonNullable<SegmentsResponse['model']>['holdout']>;

/** An AUC's verdict as the page says it. */
export const AUC_WORDS: Readonly<Record<AucVerdict, string>> = {
  worse_than_chance: 'worse than a coin toss',
  chance: 'hardly better than a coin toss',
  fair: 'fair',
  good: 'good',
  strong: 'strong',
};

/** One sentence of the holdout's ranking, and whether it is a warning (worse than chance). */
export interface RankingSentence {
  text: string;
  warn: boolean;
}

/**
 * The holdout's AUCs in a merchant's words (decision 1020): how often the model ranked a customer
 * who bought again in the holdout above one who did not, against the coin toss's 50%, by its
 * expected purchases (what the predicted values use) and by P(alive) alone; a score worse than a
 * coin toss is flagged and, for P(alive), explained. Without an AUC, why not (never a bare dash).
 */
export function holdoutRanking(h: Holdout, fmt: Pick<Fmt, 'share' | 'integer'>): RankingSentence[] {
  const missing = missingAucReason(h);
  if (missing !== null) return [{ text: `Not measured: ${missing}.`, warn: false }];
  const expected = h.aucExpectedPurchases!;
  const alive = h.aucPAlive!;
  const byExpected = aucVerdict(expected);
  const byAlive = aucVerdict(alive);
  const among = h.customers === 1 ? 'the one customer' : `the ${fmt.integer(h.customers)} customers`;
  const out: RankingSentence[] = [
    {
      text: `Taking one customer who bought again in the holdout and one who did not (of ${among} in it), the model rated the buyer higher ${fmt.share(expected)} of the time by expected purchases: ${AUC_WORDS[byExpected]} (50% is a coin toss).`,
      warn: byExpected === 'worse_than_chance',
    },
  ];
  if (byExpected === 'worse_than_chance')
    out.push({
      text: 'The predicted values do not yet tell who will buy again: read them as rough until the store has more history.',
      warn: true,
    });
  out.push({
    text: `By the chance of still being a customer (P(alive)) alone, ${fmt.share(alive)}: ${AUC_WORDS[byAlive]}.`,
    warn: byAlive === 'worse_than_chance',
  });
  if (byAlive === 'worse_than_chance' && byExpected !== 'worse_than_chance')
    out.push({
      text: 'That score rates every one-order customer as surely still active, so it puts one-time buyers first; the predicted values here come from the expected purchases.',
      warn: false,
    });
  return out;
}

function HoldoutRanking(props: { h: Holdout; fmt: Fmt }) {
  return (
    <>
      {holdoutRanking(props.h, props.fmt).map((line, i) => (
        <span key={String(i)} class={line.warn ? 'warning' : undefined}>
          {i > 0 ? ' ' : ''}
          {line.warn ? <strong>{line.text}</strong> : line.text}
        </span>
      ))}
    </>
  );
}

function signed(n: number, fmt: Fmt): string {
  return n > 0 ? `+${fmt.integer(n)}` : fmt.integer(n);
}

/** A cohort as the merchant reads it: "June 2026", "Google Ads", a campaign's name, "Unattributed". */
export const cohortLabel = (
  dimension: CohortDimension,
  c: Pick<CohortsResponse['cohorts'][number], 'cohort' | 'name'>,
  fmt: Pick<Fmt, 'month'>,
): string => cohortName(dimension, c, fmt.month);

/** A cohort's size under its name on a phone: "2,366 customers", "1 customer". */
export function customerCount(n: number, fmt: Pick<Fmt, 'integer'>): string {
  return `${fmt.integer(n)} ${n === 1 ? 'customer' : 'customers'}`;
}

/** What a phone's heat-map leaves out, said above it: "Months 1–3 after the first order; a wider screen shows M0–M11." */
export function phoneMonthsNote(months: number): string {
  const last = Math.min(PHONE_MONTHS, months - 1);
  const shown = last === 1 ? 'Month 1' : `Months 1–${last}`;
  return `${shown} after the first order; a wider screen shows M0–M${months - 1}.`;
}

/** Retention per cohort and month since the first order; darker is more customers buying again. */
function CohortHeatmap(props: { data: CohortsResponse; fmt: Fmt }) {
  const { data, fmt } = props;
  const months = Array.from(
    { length: Math.min(HEATMAP_MONTHS, Math.max(...data.cohorts.map((c) => c.months.length))) },
    (_, k) => k,
  );
  // A phone has room for three months beside the cohort: the first three after the first order
  // (month 0 is 100 % by construction), unless month 0 is all there is (decision 1023).
  const onPhone = (k: number) => (months.length === 1 ? k === 0 : k >= 1 && k <= PHONE_MONTHS);
  const hidden = months.filter((k) => !onPhone(k));
  const wideOnly = (k: number) => (onPhone(k) ? 'num' : 'num wide-only');
  return (
    <TableWrap label="Cohort retention">
      {hidden.length > 0 ? (
        <p class="phone-only muted small" data-phone-months>
          {phoneMonthsNote(months.length)}
        </p>
      ) : null}
      <table class="heatmap" aria-labelledby="cohorts-title">
        <thead>
          <tr>
            <th scope="col">Cohort</th>
            <th scope="col" class="num wide-only">
              Customers
            </th>
            {months.map((k) => (
              <th key={k} scope="col" class={wideOnly(k)}>
                M{k}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {data.cohorts.map((c) => (
            <tr key={c.cohort}>
              <th scope="row">
                {cohortLabel(data.dimension, c, fmt)}
                {/* A phone has no room for the count's own column: it goes under the cohort. */}
                <span class="phone-only muted small">{customerCount(c.customers, fmt)}</span>
              </th>
              <td class="num wide-only">{fmt.integer(c.customers)}</td>
              {months.map((k) => {
                const m = c.months[k];
                if (!m) return <td key={k} class={wideOnly(k)} />;
                // Month 0 is 100 % by construction; the scale is set by the later months. The
                // darkest shade keeps dark text above 7:1 contrast.
                const shade = k === 0 ? 0.1 : Math.min(0.6, m.retention * 2.4);
                return (
                  <td
                    key={k}
                    class={`${wideOnly(k)} heat`}
                    style={{ background: `rgba(59, 111, 216, ${shade.toFixed(3)})` }}
                    title={`${fmt.share(m.retention)} bought again; ${fmt.money(m.cumulativeRevenuePerCustomerMinor)} per customer so far`}
                  >
                    {fmt.share(m.retention)}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}
