import type { BudgetCurves } from '../api/schemas';
import type { Format } from '../format';

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
    case 'stock':
      return 'Held by stock: its products can sell no more before a restock';
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

/** The full sentence for a campaign the plan holds (by its fit or by stock); null for one it may move. */
export function heldWords(row: Row): string | null {
  if (row.binding === 'held') return row.heldReason;
  if (row.binding === 'stock')
    return 'Its products’ stock can sell no more before the restock the plan assumes, so its budget stops there. That money can wait, unspent, until the stock arrives.';
  return null;
}
