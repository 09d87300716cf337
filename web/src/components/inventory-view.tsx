import type { InventoryRow } from '../api/schemas';
import { useBrand } from '../context';
import { productLabel } from '../labels';
import { href } from '../routes';
import { ALIGNMENT_STYLE } from './alignment';
import { BubbleChart } from './charts/bubble-chart';
import { Link } from './link';
import { Empty } from './states';

/**
 * Inventory against spend: where money goes to products that cannot ship (top-left is the
 * danger corner: spend high, cover low). The table beside it carries the same rows for reading.
 */
export function InventoryView(props: { rows: readonly InventoryRow[] }) {
  const { brand, fmt } = useBrand();
  const rows = [...props.rows].sort((a, b) => b.spendMinor - a.spendMinor);
  const toProduct = (id: string) => href('drilldown', { brandId: brand.id, kind: 'product', id });
  return (
    <article class="card" id="inventory" aria-labelledby="inventory-title">
      <h2 id="inventory-title">Inventory vs spend</h2>
      {rows.length === 0 ? (
        <Empty title="No products with stock or spend in this period" />
      ) : (
        <div class="grid-2 inventory">
          <BubbleChart
            title="Products: spend against days of cover, sized by revenue, coloured by alignment"
            xLabel="Ad spend"
            yLabel="Days of cover"
            formatX={fmt.compactMoney}
            formatY={(v) => fmt.integer(v)}
            legend={Object.values(ALIGNMENT_STYLE).map((s) => ({ name: s.label, color: s.color }))}
            bubbles={rows.map((r) => ({
              key: r.productId,
              label: productLabel(r.productId),
              x: r.spendMinor,
              // No cover figure (no sales yet) is drawn at zero and says so in its description.
              y: r.daysOfCover ?? 0,
              size: r.revenueMinor,
              color: ALIGNMENT_STYLE[r.alignment].color,
              description: `${productLabel(r.productId)}: spend ${fmt.money(r.spendMinor)}, ${fmt.days(r.daysOfCover)} of cover, revenue ${fmt.money(r.revenueMinor)}, ${ALIGNMENT_STYLE[r.alignment].label}`,
            }))}
          />
          <div class="table-wrap">
            <table>
              <caption class="visually-hidden">Products by spend</caption>
              <thead>
                <tr>
                  <th scope="col">Product</th>
                  <th scope="col" class="num">
                    Spend
                  </th>
                  <th scope="col" class="num">
                    Cover
                  </th>
                  <th scope="col" class="num">
                    Revenue
                  </th>
                  <th scope="col" class="num">
                    In stock
                  </th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.productId}>
                    <td>
                      <Link href={toProduct(r.productId)}>{productLabel(r.productId)}</Link>
                    </td>
                    <td class="num">{fmt.money(r.spendMinor)}</td>
                    <td class="num">{fmt.days(r.daysOfCover)}</td>
                    <td class="num">{fmt.money(r.revenueMinor)}</td>
                    <td class="num">{r.stockAvailable === null ? '—' : fmt.integer(r.stockAvailable)}</td>
                    <td>
                      <span
                        class="pill"
                        style={{
                          borderColor: ALIGNMENT_STYLE[r.alignment].color,
                          color: ALIGNMENT_STYLE[r.alignment].color,
                        }}
                      >
                        {ALIGNMENT_STYLE[r.alignment].label}
                      </span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
    </article>
  );
}
