import { useState } from 'preact/hooks';
import type { InventoryRow } from '../api/schemas';
import { useBrand } from '../context';
import { usePeriod } from '../hooks/use-period';
import { productLabel } from '../labels';
import { href } from '../routes';
import { ALIGNMENT_STYLE } from './alignment';
import { BubbleChart } from './charts/bubble-chart';
import { type Column, DataTable, useTableView } from './data-table';
import { Link } from './link';
import { Empty } from './states';

/**
 * Inventory against spend: where money goes to products that cannot ship (top-left is the
 * danger corner: spend high, cover low). The table beside it carries the same rows for reading.
 */
/** The catalog's name when the API sends it, else a short form of the id. */
const nameOf = (r: { productId: string; title?: string | undefined; sku?: string | undefined }) =>
  r.title ? `${r.title}${r.sku ? ` (${r.sku})` : ''}` : productLabel(r.productId);

/** Most urgent first: money spent on what cannot ship, then low stock, then idle stock. */
const URGENCY: readonly InventoryRow['alignment'][] = [
  'spending_on_stockout',
  'overspending_low_stock',
  'underspending_overstock',
  'aligned',
];

/** The dashboard shows the most urgent products first, ten to a page; the rest are a page away. */
const PAGE_SIZE = 10;

export function InventoryView(props: { rows: readonly InventoryRow[] }) {
  const { brand, fmt } = useBrand();
  const [status, setStatus] = useState<InventoryRow['alignment'] | 'all'>('all');
  const all = [...props.rows].sort(
    (a, b) => URGENCY.indexOf(a.alignment) - URGENCY.indexOf(b.alignment) || b.spendMinor - a.spendMinor,
  );
  const filtered = status === 'all' ? all : all.filter((r) => r.alignment === status);
  const count = (a: InventoryRow['alignment']) => props.rows.filter((r) => r.alignment === a).length;
  const { search } = usePeriod();
  const toProduct = (id: string) =>
    `${href('drilldown', { brandId: brand.id, kind: 'product', id })}${search}`;
  const columns: Column<InventoryRow>[] = [
    {
      label: 'Product',
      sortValue: (r) => r.title ?? r.productId,
      // The name alone keeps the column narrow; the SKU is in the link's tooltip.
      cell: (r) => (
        <Link href={toProduct(r.productId)} title={r.sku}>
          {r.title ?? productLabel(r.productId)}
        </Link>
      ),
    },
    { label: 'Spend', numeric: true, cell: (r) => fmt.money(r.spendMinor), sortValue: (r) => r.spendMinor },
    { label: 'Cover', numeric: true, cell: (r) => fmt.days(r.daysOfCover), sortValue: (r) => r.daysOfCover },
    {
      label: 'Revenue',
      numeric: true,
      cell: (r) => fmt.money(r.revenueMinor),
      sortValue: (r) => r.revenueMinor,
    },
    {
      label: 'In stock',
      sortValue: (r) => r.stockAvailable,
      numeric: true,
      cell: (r) => (r.stockAvailable === null ? '—' : fmt.integer(r.stockAvailable)),
    },
    {
      label: 'Status',
      sortValue: (r) => ALIGNMENT_STYLE[r.alignment].label,
      cell: (r) => {
        const style = ALIGNMENT_STYLE[r.alignment];
        return (
          <span class="pill" style={{ borderColor: style.color, color: style.color }}>
            {style.label}
          </span>
        );
      },
    },
  ];
  // The chart shows the rows on the table's page, so the two always show the same products.
  const view = useTableView(filtered, columns, { pageSize: PAGE_SIZE });
  const rows = view.shown.rows;
  return (
    <article class="card" id="inventory" aria-labelledby="inventory-title">
      <div class="page-head">
        <h2 id="inventory-title">Inventory vs spend</h2>
        {props.rows.length === 0 ? null : (
          <label class="inline">
            Show
            <select
              value={status}
              onChange={(e) => {
                setStatus(e.currentTarget.value as typeof status);
                view.goTo(1);
              }}
            >
              <option value="all">All products ({fmt.integer(props.rows.length)})</option>
              {URGENCY.filter((a) => count(a) > 0).map((a) => (
                <option key={a} value={a}>
                  {ALIGNMENT_STYLE[a].label} ({fmt.integer(count(a))})
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      {rows.length === 0 ? (
        <Empty title="No products with stock or spend in this period">
          <p class="muted">
            Stock comes from your products and inventory: a Shopify connection (
            <Link href={href('settings', { brandId: brand.id })}>Settings</Link>) or a products export (
            <Link href={href('import', { brandId: brand.id })}>Import</Link>).
          </p>
        </Empty>
      ) : (
        <div class="inventory">
          <BubbleChart
            title="Products: spend against days of cover, sized by revenue, coloured by alignment"
            xLabel="Ad spend"
            yLabel="Days of cover"
            formatX={fmt.compactMoney}
            formatY={(v) => fmt.integer(v)}
            legend={Object.values(ALIGNMENT_STYLE).map((s) => ({ name: s.label, color: s.color }))}
            bubbles={rows.map((r) => ({
              key: r.productId,
              label: nameOf(r),
              x: r.spendMinor,
              // No cover figure (no sales yet) is drawn at zero and says so in its description.
              y: r.daysOfCover ?? 0,
              size: r.revenueMinor,
              color: ALIGNMENT_STYLE[r.alignment].color,
              description: `${nameOf(r)}: spend ${fmt.money(r.spendMinor)}, ${fmt.days(r.daysOfCover)} of cover, revenue ${fmt.money(r.revenueMinor)}, ${ALIGNMENT_STYLE[r.alignment].label}`,
            }))}
          />
          <div>
            <DataTable
              caption="Products by spend"
              rows={filtered}
              rowKey={(r) => r.productId}
              columns={columns}
              view={view}
            />
          </div>
        </div>
      )}
    </article>
  );
}
