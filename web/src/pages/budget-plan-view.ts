import { formatMinor, parseDecimalToMinor } from '../../../shared/domain/money';
import type { BudgetCurves } from '../api/schemas';
import type { Format } from '../format';
import { periodSearch } from '../period';

/**
 * The budget plan page's inputs, kept in the URL (`?budget=3500.00&objective=revenue&target=3`) so
 * a reload or a shared link shows the same plan: the daily budget in the brand currency's major
 * units as a merchant types it (today's spend when absent), the objective (profit unless asked),
 * and, for revenue, the total ROAS the plan keeps to. The server computes the plan
 * (GET /api/brands/{brandId}/budget-curves); these are the pure halves the page and its tests share.
 */
export interface PlanInputs {
  budgetMinor: number | null;
  objective: 'profit' | 'revenue';
  targetRoas: number | null;
}

const positive = (n: number) => Number.isFinite(n) && n > 0;

/** What the URL asks for; a value it does not understand is left out (today's budget, profit, no target). */
export function planInputsFromSearch(search: URLSearchParams, currency: string): PlanInputs {
  let budgetMinor: number | null = null;
  try {
    const typed = search.get('budget');
    if (typed !== null) budgetMinor = parseDecimalToMinor(typed, currency);
  } catch {
    budgetMinor = null;
  }
  const objective = search.get('objective') === 'revenue' ? 'revenue' : 'profit';
  const target = Number(search.get('target') ?? Number.NaN);
  return {
    budgetMinor: budgetMinor !== null && budgetMinor > 0 ? budgetMinor : null,
    objective,
    targetRoas: objective === 'revenue' && positive(target) ? target : null,
  };
}

/** The URL's query for the inputs, defaults left out (`''` for today's budget on profit). */
export function planSearch(inputs: PlanInputs, currency: string): string {
  const q = new URLSearchParams();
  if (inputs.budgetMinor !== null) q.set('budget', formatMinor(inputs.budgetMinor, currency));
  if (inputs.objective === 'revenue') {
    q.set('objective', 'revenue');
    if (inputs.targetRoas !== null) q.set('target', String(inputs.targetRoas));
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

/**
 * The API's query: the budget in minor units, as the route takes it, and no curve points — the page
 * lists the plan, it draws no curve (each campaign's page does).
 */
export function planApiQuery(inputs: PlanInputs): string {
  const q = new URLSearchParams();
  if (inputs.budgetMinor !== null) q.set('budget', String(inputs.budgetMinor));
  if (inputs.objective === 'revenue') {
    q.set('objective', 'revenue');
    if (inputs.targetRoas !== null) q.set('targetRoas', String(inputs.targetRoas));
  }
  q.set('points', 'false');
  return `?${q}`;
}

type Row = BudgetCurves['rows'][number];

/** A daily spend's change as the table shows it: "+$12.00 (+5%)", "-$3.50 (-20%)", "no change". */
export function spendChange(row: Pick<Row, 'currentSpendMinor' | 'proposedSpendMinor'>, fmt: Format): string {
  const diff = row.proposedSpendMinor - row.currentSpendMinor;
  if (diff === 0) return 'no change';
  const amount = `${diff > 0 ? '+' : ''}${fmt.money(diff)}`;
  return row.currentSpendMinor > 0 ? `${amount} (${fmt.change(diff / row.currentSpendMinor)})` : amount;
}

/** Expected ROAS at a spend: revenue over spend, null at zero spend. */
export const roasOf = (revenueMinor: number, spendMinor: number): number | null =>
  spendMinor > 0 ? revenueMinor / spendMinor : null;

/** A daily profit whose sign cannot be misread: "a loss of $990.98", "$64.90", "break-even". */
export const profitOrLoss = (minor: number, fmt: Format): string =>
  minor < 0 ? `a loss of ${fmt.money(-minor)}` : minor === 0 ? 'break-even' : fmt.money(minor);

/**
 * The plan in three lines: what it places of the budget (and why not all, in the optimiser's own
 * note — or, when a budget is left unplaced, the unplaced words beside it say it), the revenue the
 * campaigns' curves expect before and after, and what that revenue earns after the ad spend.
 *
 * The profit is the optimiser's own objective (shared/domain/curves/optimise.ts `summarise`): over
 * the planned campaigns, margin × the revenue their curves expect − their spend, the margin being
 * what is left of a unit of their revenue after product and fulfilment costs. It is not the store's
 * profit (sales no campaign is credited with are not in it), so the line says whose it is, and a
 * negative one is written as a loss.
 */
export function planSummary(plan: BudgetCurves, fmt: Format): string[] {
  const t = plan.totals;
  const campaigns = fmt.counted(plan.rows.length, 'campaign');
  const note = plan.note ? ` ${plan.note.charAt(0).toUpperCase()}${plan.note.slice(1)}.` : '';
  const placed =
    plan.unplaced !== null
      ? plan.budgetMinor === plan.todayBudgetMinor
        ? `Today’s daily budget of ${fmt.money(plan.budgetMinor)} across ${campaigns}.`
        : `A daily budget of ${fmt.money(plan.budgetMinor)} across ${campaigns}; today they spend ${fmt.money(plan.todayBudgetMinor)}.`
      : plan.budgetMinor === plan.todayBudgetMinor && plan.allocatedMinor === plan.budgetMinor
        ? `The curves split today’s ${fmt.money(plan.budgetMinor)} daily budget across ${campaigns}.${note}`
        : `The curves place ${fmt.money(plan.allocatedMinor)} of the ${fmt.money(plan.budgetMinor)} daily budget across ${campaigns}; today they spend ${fmt.money(plan.todayBudgetMinor)}.${note}`;
  const change = t.proposedProfitMinor - t.currentProfitMinor;
  const better =
    change === 0
      ? 'no change'
      : `${fmt.money(Math.abs(change))} a day ${change > 0 ? 'better' : 'worse'} with the plan`;
  return [
    placed,
    `Revenue the campaigns are expected to bring: ${fmt.money(t.currentRevenueMinor)} a day today → ${fmt.money(t.proposedRevenueMinor)} a day with the plan.`,
    `What that revenue earns after the ad spend (its margin after product and fulfilment costs, minus what the campaigns spend): ${profitOrLoss(t.currentProfitMinor, fmt)} a day today → ${profitOrLoss(t.proposedProfitMinor, fmt)} a day with the plan; ${better}. Only the sales credited to these campaigns count, not the whole store’s.`,
  ];
}

/**
 * The days "today" is averaged over, as the dashboard's and a campaign page's own period in a link
 * (`?from=…&to=…`), so a campaign opened from the plan shows the spend the plan started from.
 */
export const judgedSearch = (plan: Pick<BudgetCurves, 'judgedDays'>): string =>
  plan.judgedDays ? periodSearch({ kind: 'custom', ...plan.judgedDays }) : '';

/** The days the curves were fitted on, earliest to latest across campaigns; null when none was fitted. */
export function fitDays(plan: Pick<BudgetCurves, 'curves'>): { from: string; to: string } | null {
  const windows = plan.curves.flatMap((c) => (c.window ? [c.window] : []));
  if (windows.length === 0) return null;
  return {
    from: windows.map((w) => w.from).sort()[0]!,
    to: windows
      .map((w) => w.to)
      .sort()
      .at(-1)!,
  };
}
