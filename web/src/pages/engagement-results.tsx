import { BarChart } from '../components/charts/bar-chart';
import { type Column, DataTable } from '../components/data-table';
import { useBrand } from '../context';
import type { Group, ResultRow } from './engagement-schemas';

/** The results a campaign (rows = variants) or an automation (rows = steps) shows. */
export interface ResultsInput {
  rows: readonly (ResultRow & { label: string })[];
  treated: Group;
  holdout: Group;
  incrementalRevenueMinor: number | null;
}

/** Not measured for this row (the holdout got nothing): '—'. Not applicable (no pixel in SMS): 'n/a'. */
export const NOT_APPLICABLE = 'n/a' as const;

export type Row = {
  key: string;
  group: string;
  customers: number;
  sent: number | null;
  delivered: number | null;
  opened: number | typeof NOT_APPLICABLE | null;
  clicked: number | null;
  unsubscribed: number | null;
  orders: number;
  revenueMinor: number;
  /** Orders from the message's UTM-tagged links (null for the holdout: it got no links). */
  linkOrders: number | null;
  linkRevenueMinor: number | null;
  incrementalRevenueMinor: number | null;
};

const sum = (ns: readonly number[]) => ns.reduce((s, n) => s + n, 0);

/** Results rows: each variant or step, then the treated group as a whole and the holdout beside it. */
export function resultRows(r: ResultsInput): Row[] {
  const opens = r.rows.flatMap((v) => (v.opened === null ? [] : [v.opened]));
  return [
    ...r.rows.map((v) => ({
      ...v,
      key: v.variantId,
      group: v.label,
      opened: v.opened ?? NOT_APPLICABLE,
      linkOrders: v.fromLinks.orders,
      linkRevenueMinor: v.fromLinks.revenueMinor,
    })),
    {
      key: 'treated',
      group: 'All treated',
      ...r.treated,
      sent: sum(r.rows.map((v) => v.sent)),
      delivered: r.rows.some((v) => v.delivered === null) ? null : sum(r.rows.map((v) => v.delivered ?? 0)),
      // Opens of the email rows; an SMS-only automation has none to add up.
      opened: opens.length ? sum(opens) : NOT_APPLICABLE,
      clicked: sum(r.rows.map((v) => v.clicked)),
      unsubscribed: sum(r.rows.map((v) => v.unsubscribed)),
      linkOrders: sum(r.rows.map((v) => v.fromLinks.orders)),
      linkRevenueMinor: sum(r.rows.map((v) => v.fromLinks.revenueMinor)),
      incrementalRevenueMinor: r.incrementalRevenueMinor,
    },
    {
      key: 'holdout',
      group: 'Holdout (sent nothing)',
      ...r.holdout,
      sent: null,
      delivered: null,
      opened: null,
      clicked: null,
      unsubscribed: null,
      linkOrders: null,
      linkRevenueMinor: null,
      incrementalRevenueMinor: null,
    },
  ];
}

/** Why opens are approximate, in a merchant's words (decision 935). */
export const OPENS_NOTE =
  'Opens (≈) are approximate: Apple Mail loads every image, so its readers count as opened whether they read or not, and mail apps that block images never count. SMS and WhatsApp have no opens (n/a).';

export function ResultsTable(props: { caption: string; results: ResultsInput }) {
  const { fmt } = useBrand();
  const count = (n: number | null) => (n === null ? '—' : fmt.integer(n));
  const money = (n: number | null) => (n === null ? '—' : fmt.money(Math.round(n)));
  const columns: Column<Row>[] = [
    { label: 'Group', cell: (r) => r.group },
    { label: 'Customers', numeric: true, cell: (r) => count(r.customers) },
    { label: 'Sent', numeric: true, cell: (r) => count(r.sent) },
    { label: 'Delivered', numeric: true, cell: (r) => count(r.delivered) },
    {
      label: 'Opened ≈',
      numeric: true,
      cell: (r) =>
        r.opened === NOT_APPLICABLE ? (
          <span class="muted" title="SMS and WhatsApp messages carry no open pixel">
            n/a
          </span>
        ) : (
          count(r.opened)
        ),
    },
    { label: 'Clicked', numeric: true, cell: (r) => count(r.clicked) },
    { label: 'Unsubscribed', numeric: true, cell: (r) => count(r.unsubscribed) },
    { label: 'Orders', numeric: true, cell: (r) => count(r.orders) },
    { label: 'Revenue', numeric: true, cell: (r) => money(r.revenueMinor) },
    { label: 'Link orders', numeric: true, cell: (r) => count(r.linkOrders) },
    { label: 'Link revenue', numeric: true, cell: (r) => money(r.linkRevenueMinor) },
    { label: 'Incremental', numeric: true, cell: (r) => money(r.incrementalRevenueMinor) },
  ];
  return (
    <DataTable
      caption={props.caption}
      columns={columns}
      rows={resultRows(props.results)}
      rowKey={(x) => x.key}
    />
  );
}

const SENT_COLOR = '#94a3b8';
const OPENED_COLOR = '#60a5fa';
const CLICKED_COLOR = '#2563eb';
const REVENUE_COLOR = '#059669';

/**
 * Two charts beside the table: messages per row (sent, opened where measured, clicked), and
 * revenue per customer of each row against the holdout's, the comparison the lift rests on.
 */
export function ResultsCharts(props: {
  results: ResultsInput;
  chartLabel: (row: ResultRow, i: number) => string;
}) {
  const { fmt } = useBrand();
  const { rows, holdout } = props.results;
  const withOpens = rows.some((v) => v.opened !== null);
  return (
    <div class="grid-2 results-charts">
      <div>
        <h3>Messages sent, opened ≈ and clicked</h3>
        <BarChart
          title="Messages sent, opened and clicked"
          groups={rows.map((v, i) => ({
            label: props.chartLabel(v, i),
            values: withOpens ? [v.sent, v.opened ?? 0, v.clicked] : [v.sent, v.clicked],
          }))}
          series={[
            { name: 'Sent', color: SENT_COLOR },
            ...(withOpens ? [{ name: 'Opened ≈', color: OPENED_COLOR }] : []),
            { name: 'Clicked', color: CLICKED_COLOR },
          ]}
          formatValue={(n) => fmt.integer(n)}
        />
      </div>
      <div>
        <h3>Revenue per customer against the holdout</h3>
        <BarChart
          title="Revenue per customer against the holdout"
          groups={[
            ...rows.map((v, i) => ({ label: props.chartLabel(v, i), values: [v.revenuePerCustomerMinor] })),
            ...(holdout.customers > 0
              ? [{ label: 'Holdout', values: [holdout.revenuePerCustomerMinor] }]
              : []),
          ]}
          series={[{ name: 'Revenue per customer', color: REVENUE_COLOR }]}
          formatValue={(n) => fmt.compactMoney(Math.round(n))}
        />
      </div>
    </div>
  );
}

/** The two numbers the holdout is for: incremental revenue, and revenue per customer beside the holdout's. */
export function ResultsKpis(props: { results: ResultsInput }) {
  const { fmt } = useBrand();
  const { treated, holdout, incrementalRevenueMinor } = props.results;
  const money = (n: number | null) => (n === null ? '—' : fmt.money(Math.round(n)));
  return (
    <div class="kpis">
      <div class="kpi">
        <div class="kpi-label">Incremental revenue</div>
        <div class="kpi-value">{money(incrementalRevenueMinor)}</div>
        <div class="kpi-change neutral">treated revenue minus what the holdout's rate predicts</div>
      </div>
      <div class="kpi">
        <div class="kpi-label">Revenue per treated customer</div>
        <div class="kpi-value">{money(treated.revenuePerCustomerMinor)}</div>
        <div class="kpi-change neutral">
          {holdout.customers > 0
            ? `holdout: ${money(holdout.revenuePerCustomerMinor)}`
            : 'no holdout customer yet'}
        </div>
      </div>
    </div>
  );
}
