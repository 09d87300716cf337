import type { BudgetCurves } from '../api/schemas';
import type { Format } from '../format';

type Unplaced = NonNullable<BudgetCurves['unplaced']>;

const names = (list: readonly { campaignName: string }[]) => {
  const n = list.map((c) => c.campaignName);
  return n.length <= 1 ? (n[0] ?? '') : `${n.slice(0, -1).join(', ')} and ${n[n.length - 1]}`;
};

/**
 * A plan's unplaced budget in the merchant's words (decision 1002): how much, which campaigns hold
 * it back and why, and what can be done with it — each from the plan's own bounds: the stock caps
 * (the money waits for a restock), the daily increase limit (the campaigns at it can take more
 * tomorrow, and the day the whole budget fits), the curves that do not explain revenue.
 */
export function unplacedBudgetWords(
  plan: Pick<BudgetCurves, 'budgetMinor' | 'allocatedMinor'>,
  u: Unplaced,
  fmt: Format,
): string[] {
  const words = [
    `The curves place ${fmt.money(plan.allocatedMinor)} of the ${fmt.money(plan.budgetMinor)} daily budget; ${fmt.money(u.amountMinor)} is unplaced, because no campaign can take more today.`,
  ];
  if (u.heldByStock.length)
    words.push(
      `Held by what their products’ stock can sell before a restock: ${names(u.heldByStock)}. That money can wait, unspent, until the stock arrives.`,
    );
  if (u.atStepLimit.length) {
    const fits =
      u.fitsOnDay === null
        ? ''
        : u.fitsOnDay === 1
          ? '; the whole budget fits from tomorrow'
          : `; raised one step a day, the whole budget fits in ${u.fitsOnDay} days`;
    words.push(
      `At their daily increase limit: ${names(u.atStepLimit)}. They could take ${fmt.money(u.moreTomorrowMinor)} a day more from tomorrow${fits}.`,
    );
  }
  if (u.heldByFit.length)
    words.push(
      `Kept at today’s budget because their revenue did not follow their spend: ${names(u.heldByFit)}.`,
    );
  return words;
}
