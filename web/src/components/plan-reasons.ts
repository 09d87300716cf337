import { heldForSignal } from '../../../shared/domain/curves/qualify';
import type { BudgetCurves } from '../api/schemas';
import type { Format } from '../format';
import { platformLabel } from '../labels';

type Row = BudgetCurves['rows'][number];

/**
 * Why the plan gives a campaign its budget, from the optimiser's own binding on its row: held
 * (its revenue did not follow its spend, decision 990), held by its products' stock, at the most it
 * may rise or fall in a day, or — bound by nothing — where its curve puts it: the point past which
 * more spend here returns less than on the other campaigns (or, with a ROAS target, less than keeps
 * the total at the target).
 */
export function planReason(
  row: Row,
  inputs: { objective: 'profit' | 'revenue'; targetRoas: number | null },
  fmt: Format,
): string {
  switch (row.binding) {
    case 'held':
      return 'Kept at today’s budget: its revenue did not follow its spend';
    // "Capped", not "held": the cap may sit above today's budget, so a stock-bound campaign can rise.
    case 'stock':
      return row.stockProduct
        ? `Capped by ${row.stockProduct.title}’s stock: planned at what it can sell before a restock`
        : 'Capped by stock: planned at what its products can sell before a restock';
    case 'max':
      return 'At its daily increase limit: the most it may rise in a day';
    case 'min':
      return 'At its daily cut limit: the most it may fall in a day';
    default:
      return inputs.objective === 'revenue' && inputs.targetRoas !== null
        ? `Its curve, keeping the total ROAS at the ${fmt.ratio(inputs.targetRoas)} target`
        : inputs.objective === 'revenue'
          ? 'Its curve: more here would bring less revenue than on the other campaigns'
          : 'Its curve: more here would earn less profit than on the other campaigns';
  }
}

type StockProduct = NonNullable<Row['stockProduct']>;

/**
 * Why stock holds a campaign, or several held by the same product: the product by name, what is
 * left of it, and the restock horizon the cap assumes (shared/domain/recommendations/budget-plan.ts
 * `stockCap`) — the cap may still let a campaign rise, so the words say the plan spends only what
 * the stock can sell, not that the campaign is cut.
 */
export function stockWords(
  product: StockProduct | null,
  campaigns: number,
  restockDays: number,
  fmt: Format,
) {
  const whose = campaigns === 1 ? 'this campaign' : `these ${campaigns} campaigns`;
  const until = `in the ${restockDays} days it assumes until a restock`;
  const rest = 'The rest can wait, unspent, until the stock arrives.';
  if (!product)
    return `Its products’ stock caps ${whose}: the plan spends only what that stock can sell ${until}. ${rest}`;
  const units = product.stockAvailable ?? 0;
  const shelf =
    units <= 0
      ? `${product.title} is out of stock`
      : product.daysOfCover === null
        ? `${product.title} has ${fmt.counted(units, 'unit')} left`
        : `${product.title} has ${fmt.counted(units, 'unit')} left, ${fmt.daysLong(product.daysOfCover)} of stock at its current sales`;
  return `${shelf}. The plan spends on ${whose} only what that stock can sell ${until}. ${rest}`;
}

/** The full sentence for a campaign the plan holds (by its fit or by stock); null for one it may move. */
export function heldWords(row: Row, restockDays: number, fmt: Format): string | null {
  if (row.binding === 'held') return row.heldReason;
  if (row.binding === 'stock') return stockWords(row.stockProduct, 1, restockDays, fmt);
  return null;
}

/**
 * A campaign planned above zero on a product that is out of stock: its platform's minimum daily
 * budget is all that keeps it spending (the optimiser never goes under it), so the sentence says
 * so and what stops it — pausing — rather than leave "out of stock" beside a planned budget.
 */
function atMinimum(rows: readonly Row[], fmt: Format): string[] {
  if ((rows[0]?.stockProduct?.stockAvailable ?? 1) > 0) return [];
  return rows
    .filter((r) => r.proposedSpendMinor > 0)
    .map(
      (r) =>
        `${platformLabel(r.platform)}’s minimum daily budget keeps ${r.campaignName} at ${fmt.money(r.proposedSpendMinor)} a day: pause it to stop spending on a product that cannot be sold.`,
    );
}

export interface HeldGroup {
  key: string;
  words: string;
  rows: Row[];
}

/**
 * The campaigns the plan holds, one group per reason: stock-bound campaigns by the product whose
 * shelf holds them (most campaigns first), then those held because their revenue did not follow
 * their spend (decision 990), each reason said once over the campaigns it holds.
 */
export function heldGroups(
  plan: Pick<BudgetCurves, 'rows' | 'curves' | 'restockDays'>,
  fmt: Format,
): HeldGroup[] {
  const byProduct = new Map<string, Row[]>();
  for (const r of plan.rows.filter((x) => x.binding === 'stock')) {
    const key = r.stockProduct ? `stock:${r.stockProduct.productId}` : 'stock';
    byProduct.set(key, [...(byProduct.get(key) ?? []), r]);
  }
  const stock = [...byProduct.entries()]
    .map(([key, rows]) => ({
      key,
      words: [
        stockWords(rows[0]!.stockProduct, rows.length, plan.restockDays, fmt),
        ...atMinimum(rows, fmt),
      ].join(' '),
      rows,
    }))
    .sort((a, b) => b.rows.length - a.rows.length || a.words.localeCompare(b.words));
  const held = plan.rows.filter((r) => r.binding === 'held');
  const days = held.map((r) => plan.curves.find((c) => c.campaignId === r.campaignId)?.daysUsed);
  const fit: HeldGroup[] =
    held.length === 0
      ? []
      : [
          {
            key: 'held',
            // The plan's own sentence for one; said once, in the plural, for several.
            words:
              held.length === 1 || days.some((d) => d === undefined)
                ? (held[0]!.heldReason ?? '')
                : heldForSignal(days as number[]),
            rows: held,
          },
        ];
  return [...stock, ...fit];
}
