import type { Dashboard } from '../api/schemas';
import { useBrand } from '../context';
import { usePeriod } from '../hooks/use-period';
import { platformLabel } from '../labels';
import { href } from '../routes';
import { type Column, DataTable } from './data-table';
import { Link } from './link';

export interface ChannelLine {
  key: string;
  /** A channel row links to its drilldown; the unattributed and total rows do not. */
  kind: 'channel' | 'unattributed' | 'total';
  spendMinor: number;
  revenueMinor: number;
  orders: number;
}

const per = (a: number, b: number) => (b > 0 ? a / b : null);

/**
 * The channels side by side (paid and unpaid), then what no channel earned (Shopify's revenue that
 * attribution gave to none of them) and the store's total, whose revenue over all spend is the MER — so the
 * rows add up to what the merchant's bank sees, not to what the platforms claim.
 */
export function channelLines(d: Dashboard): ChannelLine[] {
  const channels = d.byChannel
    .filter((c) => c.spendMinor > 0 || c.revenueMinor > 0)
    .map(
      (c): ChannelLine => ({
        key: c.key,
        kind: 'channel',
        spendMinor: c.spendMinor,
        revenueMinor: c.revenueMinor,
        orders: c.orders,
      }),
    );
  // Channels include the unpaid ones (direct, email, organic search); what is left of the store's
  // revenue after all of them is what no channel earned. Refunds can make the rest slightly negative.
  const channelRevenue = channels.reduce((s, c) => s + c.revenueMinor, 0);
  const channelOrders = channels.reduce((s, c) => s + c.orders, 0);
  return [
    ...channels,
    {
      key: 'unattributed',
      kind: 'unattributed',
      spendMinor: 0,
      revenueMinor: Math.max(0, d.kpis.revenueMinor - channelRevenue),
      orders: Math.max(0, Math.round(d.kpis.orders - channelOrders)),
    },
    {
      key: 'total',
      kind: 'total',
      spendMinor: d.kpis.spendMinor,
      revenueMinor: d.kpis.revenueMinor,
      orders: d.kpis.orders,
    },
  ];
}

export function ChannelTable(props: { d: Dashboard }) {
  const { brand, fmt } = useBrand();
  const { search } = usePeriod();
  const name = (l: ChannelLine) =>
    l.kind === 'total'
      ? 'All channels (MER)'
      : l.kind === 'unattributed'
        ? 'Not attributed to a channel'
        : platformLabel(l.key);
  const columns: Column<ChannelLine>[] = [
    {
      label: 'Channel',
      cell: (l) =>
        l.kind === 'channel' ? (
          <Link href={`${href('drilldown', { brandId: brand.id, kind: 'channel', id: l.key })}${search}`}>
            {name(l)}
          </Link>
        ) : (
          <strong>{name(l)}</strong>
        ),
    },
    { label: 'Spend', numeric: true, cell: (l) => fmt.money(l.spendMinor) },
    { label: 'Revenue', numeric: true, cell: (l) => fmt.money(l.revenueMinor) },
    {
      label: 'ROAS',
      numeric: true,
      cell: (l) => fmt.ratio(l.spendMinor > 0 ? per(l.revenueMinor, l.spendMinor) : null),
    },
    { label: 'Orders', numeric: true, cell: (l) => fmt.integer(l.orders) },
    {
      label: 'CPA',
      numeric: true,
      cell: (l) => {
        const cpa = l.spendMinor > 0 ? per(l.spendMinor, l.orders) : null;
        return cpa === null ? '—' : fmt.money(Math.round(cpa));
      },
    },
    {
      label: 'AOV',
      numeric: true,
      cell: (l) => {
        const aov = per(l.revenueMinor, l.orders);
        return aov === null ? '—' : fmt.money(Math.round(aov));
      },
    },
  ];
  return (
    <article class="card" aria-labelledby="channel-table-title">
      <h2 id="channel-table-title">Channels side by side</h2>
      <DataTable
        caption="Channels side by side"
        columns={columns}
        rows={channelLines(props.d)}
        rowKey={(l) => l.key}
      />
      <p class="muted small">
        Revenue per channel is attributed ({props.d.model.replace(/_/g, ' ')}); the last row is the store's
        own revenue over all ad spend (MER).
      </p>
    </article>
  );
}
