import { useState } from 'preact/hooks';
import { z } from 'zod';
import { query } from '../api/client';
import { type Usage, usageResponse } from '../api/schemas';
import { BarChart } from '../components/charts/bar-chart';
import { DataTable } from '../components/data-table';
import { FormStatus } from '../components/form-status';
import { Link } from '../components/link';
import { Async, describeError, Empty } from '../components/states';
import { useServices } from '../context';
import { useResource } from '../hooks/use-resource';
import { useTitle } from '../hooks/use-title';
import { humanize } from '../labels';
import { ROUTES } from '../routes';
import { type UsageTotal, usageTotals } from './usage-totals';

/** AI cost is kept in USD micros (1e-6 USD): one call costs fractions of a cent. */
function usdFromMicros(locale: string) {
  const f = new Intl.NumberFormat(locale, {
    style: 'currency',
    currency: 'USD',
    minimumFractionDigits: 2,
    maximumFractionDigits: 4,
  });
  return (micros: number) => f.format(micros / 1_000_000);
}

export function UsagePage() {
  useTitle('AI usage & cost');
  const { api, can, locale } = useServices();
  const allowed = can('ai:usage');
  // The budget is monthly (UTC), so the page shows the current month to date.
  const today = new Date().toISOString().slice(0, 10);
  const from = `${today.slice(0, 7)}-01`;
  const usage = useResource(`usage:${from}:${today}`, () =>
    allowed
      ? api.get(`/api/admin/usage${query({ from, to: today })}`, usageResponse)
      : Promise.reject(new Error('Only owners and admins can see AI usage and cost.')),
  );
  const usd = usdFromMicros(locale);
  const integer = new Intl.NumberFormat(locale).format;
  const day = new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric', timeZone: 'UTC' });
  return (
    <section class="page">
      <h1>AI usage &amp; cost</h1>
      <Async resource={usage} label="Loading usage…">
        {(u) => {
          const byDay = usageTotals(u.rows, 'date');
          return (
            <>
              <Budget
                budget={u.budget}
                usd={usd}
                integer={integer}
                canChange={can('tenant:update')}
                onChanged={usage.reload}
              />
              {byDay.length === 0 ? (
                <Empty title="No AI calls this month">
                  <p class="muted">
                    A question asked on Ask and each brand’s weekly summary are counted here, with their cost,
                    from the moment they are made.
                  </p>
                </Empty>
              ) : (
                <>
                  <article class="card">
                    <h2>Cost by day</h2>
                    <BarChart
                      title="AI cost by day"
                      groups={byDay.map((d) => ({
                        label: day.format(new Date(`${d.key}T00:00:00Z`)),
                        values: [d.costMicros],
                      }))}
                      series={[{ name: 'Cost', color: '#6941c6' }]}
                      formatValue={usd}
                    />
                  </article>
                  <div class="grid-2">
                    <UsageTable
                      title="By operation"
                      rows={usageTotals(u.rows, 'operation')}
                      usd={usd}
                      integer={integer}
                    />
                    <UsageTable
                      title="By model"
                      rows={usageTotals(u.rows, 'model')}
                      usd={usd}
                      integer={integer}
                    />
                  </div>
                </>
              )}
            </>
          );
        }}
      </Async>
    </section>
  );
}

function Budget(props: {
  budget: Usage['budget'];
  usd: (m: number) => string;
  integer: (n: number) => string;
  canChange: boolean;
  onChanged: () => void;
}) {
  const { budget } = props;
  const share = budget.budgetMicros > 0 ? Math.min(1, budget.usedMicros / budget.budgetMicros) : 1;
  return (
    <article class="card">
      <h2>This month against your AI cap</h2>
      <p class="kpi-value">
        {props.usd(budget.usedMicros)} <span class="muted">of {props.usd(budget.budgetMicros)}</span>
      </p>
      <progress max={1} value={share} aria-label="Share of the monthly AI cap used" />
      {/* With no calls the page's empty state says so, in place of the charts. */}
      {budget.calls > 0 ? (
        <p class="muted small">
          {props.integer(budget.calls)} {budget.calls === 1 ? 'call' : 'calls'} this month
        </p>
      ) : null}
      <p class="muted small">
        The cap is your own limit on AI cost each calendar month (UTC): once it is reached, questions and
        summaries are refused until the next month, whatever your plan includes. What the plan includes, and
        what happens past it, is on <Link href={ROUTES.billing}>Billing</Link>.
      </p>
      {props.canChange ? <CapForm budgetMicros={budget.budgetMicros} onChanged={props.onChanged} /> : null}
    </article>
  );
}

/** Change the monthly cap (owners): dollars in, USD micros to `PATCH /api/tenant`. */
function CapForm(props: { budgetMicros: number; onChanged: () => void }) {
  const { api } = useServices();
  const [status, setStatus] = useState<'idle' | 'saving' | 'saved' | { error: string }>('idle');
  async function save(form: HTMLFormElement) {
    const raw = String(new FormData(form).get('cap') ?? '').trim();
    const dollars = Number(raw);
    if (raw === '' || !Number.isFinite(dollars) || dollars < 0) {
      setStatus({ error: 'Enter the cap in dollars, 0 or more.' });
      return;
    }
    setStatus('saving');
    try {
      await api.patch('/api/tenant', { aiMonthlyBudgetMicros: Math.round(dollars * 1_000_000) }, z.unknown());
      setStatus('saved');
      props.onChanged();
    } catch (err) {
      setStatus({ error: describeError(err) });
    }
  }
  return (
    <form
      class="inline-form"
      onSubmit={(e) => {
        e.preventDefault();
        void save(e.currentTarget);
      }}
    >
      <label for="ai-cap">Monthly AI cap</label>
      <input
        id="ai-cap"
        name="cap"
        type="number"
        min="0"
        step="0.01"
        defaultValue={(props.budgetMicros / 1_000_000).toFixed(2)}
      />
      <span class="unit">USD</span>
      <button type="submit" class="button secondary" disabled={status === 'saving'}>
        Save
      </button>
      <FormStatus
        inline
        done={status === 'saved' && 'Saved.'}
        error={typeof status === 'object' && status.error}
      />
    </form>
  );
}

function UsageTable(props: {
  title: string;
  rows: UsageTotal[];
  usd: (m: number) => string;
  integer: (n: number) => string;
}) {
  return (
    <article class="card">
      <h2>{props.title}</h2>
      <DataTable
        caption={`AI usage ${props.title.toLowerCase()}`}
        rows={props.rows}
        rowKey={(r) => r.key}
        columns={[
          { label: 'Name', cell: (r) => humanize(r.key) },
          { label: 'Calls', numeric: true, cell: (r) => props.integer(r.calls) },
          { label: 'Input tokens', numeric: true, cell: (r) => props.integer(r.inputTokens) },
          { label: 'Output tokens', numeric: true, cell: (r) => props.integer(r.outputTokens) },
          { label: 'Cost', numeric: true, cell: (r) => props.usd(r.costMicros) },
        ]}
      />
    </article>
  );
}
