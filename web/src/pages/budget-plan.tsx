import { useEffect, useState } from 'preact/hooks';
import { formatMinor, parseDecimalToMinor } from '../../../shared/domain/money';
import { type BudgetCurves, budgetCurvesResponse } from '../api/schemas';
import { type Column, DataTable } from '../components/data-table';
import { Link } from '../components/link';
import { heldGroups, planReason } from '../components/plan-reasons';
import { Async, Empty } from '../components/states';
import { unplacedBudgetWords } from '../components/unplaced-budget';
import { useBrand, useServices } from '../context';
import { useResource } from '../hooks/use-resource';
import { useTitle } from '../hooks/use-title';
import { platformLabel } from '../labels';
import { navigate, useLocation } from '../router';
import { href } from '../routes';
import {
  fitDays,
  judgedSearch,
  type PlanInputs,
  planApiQuery,
  planInputsFromSearch,
  planSearch,
  planSummary,
  roasOf,
  spendChange,
} from './budget-plan-view';

type Row = BudgetCurves['rows'][number];

/**
 * The brand's budget plan on one page: the split of a daily budget (today's, or one the merchant
 * types) across its campaigns by their response curves, why each campaign gets what it gets, the
 * campaigns the plan holds and what it cannot place — the same plan, from the same route, as each
 * campaign's response-curve card (GET /api/brands/{brandId}/budget-curves; decisions 990, 1002, 1014).
 */
export function BudgetPlanPage() {
  const { api } = useServices();
  const { brand } = useBrand();
  useTitle('Budget plan', brand.name);
  const location = useLocation();
  const inputs = planInputsFromSearch(location.search, brand.currency);
  const query = planApiQuery(inputs);
  const plan = useResource(`budget-plan:${brand.id}:${query}`, () =>
    api.get(`/api/brands/${encodeURIComponent(brand.id)}/budget-curves${query}`, budgetCurvesResponse),
  );
  const go = (next: PlanInputs) =>
    navigate(`${location.pathname}${planSearch(next, brand.currency)}`, { replace: true });
  return (
    <section class="page budget-plan">
      <h1>Budget plan</h1>
      <PlanInputsForm inputs={inputs} roasTarget={brand.targets.roasTarget} onChange={go} />
      <Async resource={plan} label="Fitting the campaigns’ curves…">
        {(d) =>
          d.rows.length === 0 ? (
            <Empty title="No campaign has a response curve yet">
              <p class="muted">
                A plan needs campaigns with spend and attributed revenue over the last weeks.
                {d.unfitted.length ? ` ${d.unfitted.length} could not be fitted yet (below).` : ''}
              </p>
              <Unfitted plan={d} period={judgedSearch(d)} />
            </Empty>
          ) : (
            <PlanView plan={d} inputs={inputs} />
          )
        }
      </Async>
    </section>
  );
}

function PlanInputsForm(props: {
  inputs: PlanInputs;
  roasTarget: number;
  onChange: (next: PlanInputs) => void;
}) {
  const { brand } = useBrand();
  const { inputs } = props;
  const typed = inputs.budgetMinor === null ? '' : formatMinor(inputs.budgetMinor, brand.currency);
  const [budget, setBudget] = useState(typed);
  const [objective, setObjective] = useState(inputs.objective);
  const [target, setTarget] = useState(inputs.targetRoas === null ? '' : String(inputs.targetRoas));
  const [error, setError] = useState<string | null>(null);
  // The URL is the truth: going back or opening a shared link shows its inputs in the form.
  useEffect(() => {
    setBudget(typed);
    setObjective(inputs.objective);
    setTarget(inputs.targetRoas === null ? '' : String(inputs.targetRoas));
  }, [typed, inputs.objective, inputs.targetRoas]);

  function submit(e: Event) {
    e.preventDefault();
    let budgetMinor: number | null = null;
    if (budget.trim()) {
      try {
        budgetMinor = parseDecimalToMinor(budget.replace(/,/g, ''), brand.currency);
      } catch {
        budgetMinor = null;
      }
      if (budgetMinor === null || budgetMinor <= 0) {
        setError('Type the daily budget as an amount, such as 3500.00, or leave it empty for today’s.');
        return;
      }
    }
    const roas = target.trim() ? Number(target) : null;
    if (objective === 'revenue' && roas !== null && !(roas > 0)) {
      setError('Type the ROAS target as a number above zero, such as 3.5.');
      return;
    }
    setError(null);
    props.onChange({ budgetMinor, objective, targetRoas: objective === 'revenue' ? roas : null });
  }

  return (
    <form class="plan-inputs" onSubmit={submit} aria-label="Plan inputs">
      <label class="field">
        <span>Daily budget ({brand.currency})</span>
        <input
          class="plan-amount"
          type="text"
          inputMode="decimal"
          value={budget}
          placeholder="Today’s"
          onInput={(e) => setBudget(e.currentTarget.value)}
        />
      </label>
      <label class="field">
        <span>Plan for</span>
        <select
          value={objective}
          onChange={(e) => {
            const next = e.currentTarget.value === 'revenue' ? 'revenue' : 'profit';
            setObjective(next);
            if (next === 'revenue' && !target) setTarget(String(props.roasTarget));
          }}
        >
          <option value="profit">Most profit</option>
          <option value="revenue">Most revenue</option>
        </select>
      </label>
      {objective === 'revenue' ? (
        <label class="field">
          <span>Keep total ROAS at least</span>
          <input
            class="plan-amount"
            type="text"
            inputMode="decimal"
            value={target}
            placeholder="No target"
            onInput={(e) => setTarget(e.currentTarget.value)}
          />
        </label>
      ) : null}
      <div class="plan-actions">
        <button type="submit">Show plan</button>
        {inputs.budgetMinor !== null || inputs.objective !== 'profit' ? (
          <button
            type="button"
            class="secondary"
            onClick={() => props.onChange({ budgetMinor: null, objective: 'profit', targetRoas: null })}
          >
            Today’s budget
          </button>
        ) : null}
      </div>
      {error ? (
        <p class="form-error plan-error" role="alert">
          {error}
        </p>
      ) : null}
    </form>
  );
}

function PlanView(props: { plan: BudgetCurves; inputs: PlanInputs }) {
  const { brand, fmt } = useBrand();
  const { plan, inputs } = props;
  const days = fitDays(plan);
  // The campaign opens on the days the plan judged, so its spend there is the plan's "today" × days.
  const period = judgedSearch(plan);
  const campaignLink = (r: { campaignId: string; campaignName: string }) => (
    <Link href={`${href('drilldown', { brandId: brand.id, kind: 'campaign', id: r.campaignId })}${period}`}>
      {r.campaignName}
    </Link>
  );
  // The platform under the name, not a column of its own: the table fits a laptop without scrolling.
  const campaignCell = (r: Row) => (
    <span class="plan-campaign">
      {campaignLink(r)}
      <span class="muted small plan-platform">{platformLabel(r.platform)}</span>
    </span>
  );
  const roas = (revenue: number, spend: number) => fmt.ratio(roasOf(revenue, spend));
  // Planned spend beside the name: on a phone it is the figure in view before scrolling sideways.
  const columns: Column<Row>[] = [
    { label: 'Campaign', cell: campaignCell, sortValue: (r) => r.campaignName },
    {
      label: 'Planned a day',
      numeric: true,
      cell: (r) => fmt.money(r.proposedSpendMinor),
      sortValue: (r) => r.proposedSpendMinor,
    },
    {
      label: 'Today a day',
      numeric: true,
      cell: (r) => fmt.money(r.currentSpendMinor),
      sortValue: (r) => r.currentSpendMinor,
    },
    {
      label: 'Change',
      numeric: true,
      cell: (r) => <span class="nowrap">{spendChange(r, fmt)}</span>,
      sortValue: (r) => r.proposedSpendMinor - r.currentSpendMinor,
    },
    {
      label: 'Expected revenue a day',
      numeric: true,
      cell: (r) => (
        <span class="nowrap">
          {fmt.money(r.currentRevenueMinor)} → {fmt.money(r.proposedRevenueMinor)}
        </span>
      ),
      sortValue: (r) => r.proposedRevenueMinor - r.currentRevenueMinor,
    },
    {
      label: 'Expected ROAS',
      numeric: true,
      cell: (r) => (
        <span class="nowrap">
          {roas(r.currentRevenueMinor, r.currentSpendMinor)} →{' '}
          {roas(r.proposedRevenueMinor, r.proposedSpendMinor)}
        </span>
      ),
    },
    { label: 'Why', cell: (r) => <span class="plan-why">{planReason(r, inputs, fmt)}</span> },
  ];
  const held = heldGroups(plan, fmt);
  return (
    <>
      <div class="card plan-summary" data-plan-summary>
        {planSummary(plan, fmt).map((line) => (
          <p key={line}>{line}</p>
        ))}
        <p class="muted small" data-judged-days>
          {plan.judgedDays
            ? `“Today” is each campaign’s daily average over ${fmt.dayRange(plan.judgedDays.from, plan.judgedDays.to)}, the days the recommendations judge`
            : 'No complete day judged yet'}
          {days ? `; curves fitted on ${fmt.dayRange(days.from, days.to)}` : ''}; your ROAS target is{' '}
          {fmt.ratio(plan.roasTarget)}. Expected figures are read off each campaign’s response curve, not
          promised.
        </p>
      </div>
      {plan.unplaced ? (
        <section class="card unplaced-budget" data-unplaced-budget aria-labelledby="unplaced-title">
          <h2 id="unplaced-title">Budget the plan leaves unplaced</h2>
          {unplacedBudgetWords(plan, plan.unplaced, fmt).map((line) => (
            <p key={line}>{line}</p>
          ))}
        </section>
      ) : null}
      <h2>Campaigns</h2>
      <DataTable
        caption="Budget plan by campaign"
        rows={plan.rows}
        columns={columns}
        rowKey={(r) => r.campaignId}
        pageSize={50}
      />
      {held.length ? (
        <section aria-labelledby="held-title">
          <h2 id="held-title">Held campaigns</h2>
          {held.map((g) => (
            <div key={g.key} class="held-group" data-held-group={g.key}>
              <p>{g.words}</p>
              <ul class="held-campaigns">
                {g.rows.map((r) => (
                  <li key={r.campaignId}>
                    {campaignLink(r)} — {fmt.money(r.proposedSpendMinor)} a day (today{' '}
                    {fmt.money(r.currentSpendMinor)})
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </section>
      ) : null}
      <Unfitted plan={plan} period={period} />
    </>
  );
}

function Unfitted(props: { plan: BudgetCurves; period?: string }) {
  const { brand } = useBrand();
  if (props.plan.unfitted.length === 0) return null;
  return (
    <section aria-labelledby="unfitted-title">
      <h2 id="unfitted-title">Not in the plan</h2>
      <ul>
        {props.plan.unfitted.map((u) => (
          <li key={u.campaignId}>
            <Link
              href={`${href('drilldown', { brandId: brand.id, kind: 'campaign', id: u.campaignId })}${props.period ?? ''}`}
            >
              {u.campaignName}
            </Link>
            : {u.reason}
          </li>
        ))}
      </ul>
    </section>
  );
}
