import { useEffect, useState } from 'preact/hooks';
import {
  type BillingOverview,
  billingOverviewSchema,
  billingRedirectSchema,
} from '../../../shared/api/schemas/billing';
import { ApiError } from '../api/client';
import { DataTable } from '../components/data-table';
import { FormStatus } from '../components/form-status';
import { Async, describeError } from '../components/states';
import { useServices } from '../context';
import { useResource } from '../hooks/use-resource';
import { useTitle } from '../hooks/use-title';
import { LIMIT_LABELS, money, shareOf, statusLabel, toneOf, usageValue } from './billing-format';
import { PlanPicker } from './billing-plans';

/**
 * The owner's Billing page: the plan and its state, usage against every limit, AI overage, the
 * invoices, and plans to move to (Checkout); plan changes and cancellation go to the provider's
 * portal. Returning from Checkout re-reads the subscription so the new plan shows at once.
 */
export function BillingPage() {
  useTitle('Billing');
  const { api, can, locale } = useServices();
  const returned = new URLSearchParams(location.search).get('checkout');
  const overview = useResource(`billing:${returned ?? ''}`, () =>
    !can('billing:manage')
      ? Promise.reject(new Error('Only the owner can see and change billing.'))
      : returned === 'done'
        ? api.post('/api/billing/refresh', {}, billingOverviewSchema)
        : api.get('/api/billing', billingOverviewSchema),
  );
  return (
    <section class="page billing">
      <h1>Billing</h1>
      {returned === 'done' ? <p class="notice">Thank you: your subscription is being set up.</p> : null}
      <Async resource={overview} label="Loading billing…">
        {(o) => <BillingView overview={o} locale={locale} reload={overview.reload} />}
      </Async>
    </section>
  );
}

function BillingView(props: { overview: BillingOverview; locale: string; reload: () => void }) {
  const { api } = useServices();
  const o = props.overview;
  const [busy, setBusy] = useState<string | undefined>();
  const [error, setError] = useState<string | undefined>();
  const go = async (key: string, run: () => Promise<{ url: string }>) => {
    setBusy(key);
    setError(undefined);
    try {
      window.location.assign((await run()).url);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : describeError(err));
      setBusy(undefined);
    }
  };
  const portal = () => go('portal', () => api.post('/api/billing/portal', {}, billingRedirectSchema));
  const sub = o.subscription;
  const date = new Intl.DateTimeFormat(props.locale, { dateStyle: 'medium', timeZone: 'UTC' });
  return (
    <>
      <FormStatus error={error} />
      <div class="grid-2">
        <article class="card" aria-labelledby="plan-h">
          <h2 id="plan-h">Plan</h2>
          <p class="kpi-value">
            {o.plan.name}{' '}
            {sub ? <span class={`pill status-${sub.status}`}>{statusLabel(sub.status)}</span> : null}
          </p>
          {o.plan.addOns.length ? <p class="muted small">With {o.plan.addOns.join(', ')} add-on</p> : null}
          <p class="muted small">
            {sub?.status === 'trialing' && sub.trialEnd
              ? `Trial ends ${date.format(new Date(sub.trialEnd))}`
              : sub?.cancelAtPeriodEnd && sub.currentPeriodEnd
                ? `Ends ${date.format(new Date(sub.currentPeriodEnd))}`
                : sub?.currentPeriodEnd
                  ? `Renews ${date.format(new Date(sub.currentPeriodEnd))}`
                  : sub
                    ? ''
                    : 'No subscription: the plan is set on your account.'}
            {o.provider ? ` · billed through ${o.provider === 'stripe' ? 'Stripe' : 'Shopify'}` : ''}
          </p>
          {o.provider ? (
            <button type="button" class="secondary" disabled={busy !== undefined} onClick={portal}>
              {busy === 'portal' ? 'Opening…' : 'Manage subscription'}
            </button>
          ) : null}
        </article>
        <article class="card" aria-labelledby="usage-h">
          <h2 id="usage-h">Usage this month</h2>
          <ul class="meters">
            {o.usage.map((row) => {
              const share = shareOf(row);
              return (
                <li key={row.limit}>
                  <div class="meter-head">
                    <span>{LIMIT_LABELS[row.limit]}</span>
                    <span class="num">{usageValue(row, props.locale)}</span>
                  </div>
                  <meter
                    class={`meter ${toneOf(share)}`}
                    min={0}
                    max={1}
                    low={0.8}
                    high={0.99}
                    optimum={0}
                    value={Math.min(1, share)}
                    aria-label={`${LIMIT_LABELS[row.limit]}: ${usageValue(row, props.locale)}`}
                  />
                </li>
              );
            })}
          </ul>
          <AiOverage overview={o} locale={props.locale} onChange={props.reload} />
        </article>
      </div>
      <article class="card" aria-labelledby="invoices-h">
        <h2 id="invoices-h">Invoices</h2>
        {o.invoicesError ? <p class="muted">{o.invoicesError}</p> : null}
        {o.invoices.length === 0 ? (
          <p class="muted">
            {o.provider === 'shopify' ? 'Charges appear on your Shopify invoice.' : 'No invoices yet.'}
          </p>
        ) : (
          <DataTable
            caption="Invoices"
            rows={o.invoices}
            rowKey={(i) => i.id}
            columns={[
              { label: 'Invoice', cell: (i) => i.number ?? i.id },
              { label: 'Date', cell: (i) => date.format(new Date(i.createdAt)) },
              { label: 'Status', cell: (i) => <span class={`pill status-${i.status}`}>{i.status}</span> },
              { label: 'Total', numeric: true, cell: (i) => money(i.totalMinor, i.currency, props.locale) },
              {
                label: '',
                cell: (i) =>
                  i.hostedUrl ? (
                    <a href={i.hostedUrl} target="_blank" rel="noreferrer">
                      View
                    </a>
                  ) : null,
              },
            ]}
          />
        )}
      </article>
      <PlanPicker overview={o} locale={props.locale} busy={busy} onChoose={go} />
    </>
  );
}

function AiOverage(props: { overview: BillingOverview; locale: string; onChange: () => void }) {
  const { api } = useServices();
  const o = props.overview;
  const [saving, setSaving] = useState(false);
  const [failed, setFailed] = useState<string | undefined>();
  useEffect(() => setSaving(false), [o.aiOverage]);
  const plan = o.plans.find((p) => p.id === o.plan.id);
  if (!plan?.aiOverage || !o.provider) return null;
  const set = async (mode: 'metered' | 'hard_cap') => {
    setSaving(true);
    setFailed(undefined);
    try {
      await api.put('/api/billing/ai-overage', { mode }, billingOverviewSchema);
      props.onChange();
    } catch (err) {
      setFailed(describeError(err));
      setSaving(false);
    }
  };
  return (
    <fieldset class="overage" disabled={saving}>
      <legend>Past the included AI budget</legend>
      <label class="overage-option">
        <input
          type="radio"
          name="overage"
          checked={o.aiOverage === 'metered'}
          onChange={() => set('metered')}
        />{' '}
        Keep answering and bill the overage
      </label>
      <label class="overage-option">
        <input
          type="radio"
          name="overage"
          checked={o.aiOverage === 'hard_cap'}
          onChange={() => set('hard_cap')}
        />{' '}
        Stop at the included budget
      </label>
      {failed ? <p class="form-error small">{failed}</p> : null}
    </fieldset>
  );
}
