import { useState } from 'preact/hooks';
import { type BillingOverview, billingRedirectSchema } from '../../../shared/api/schemas/billing';
import { useServices } from '../context';
import { money, usd } from './billing-format';

type Currency = 'USD' | 'EUR' | 'GBP';

/** The plans side by side; choosing one opens Checkout (or the portal, when already subscribed). */
export function PlanPicker(props: {
  overview: BillingOverview;
  locale: string;
  busy: string | undefined;
  onChoose: (key: string, run: () => Promise<{ url: string }>) => void;
}) {
  const { api } = useServices();
  const o = props.overview;
  const [currency, setCurrency] = useState<Currency>(
    (o.subscription?.currency as Currency | undefined) ?? 'USD',
  );
  const live = o.subscription && ['trialing', 'active', 'past_due'].includes(o.subscription.status);
  const n = new Intl.NumberFormat(props.locale).format;
  const rank = (id: string) => o.plans.findIndex((p) => p.id === id);
  return (
    <article class="card" aria-labelledby="plans-h">
      <div class="plans-head">
        <h2 id="plans-h">Plans</h2>
        <label>
          Currency{' '}
          <select value={currency} onChange={(e) => setCurrency(e.currentTarget.value as Currency)}>
            <option>USD</option>
            <option>EUR</option>
            <option>GBP</option>
          </select>
        </label>
      </div>
      <ul class="plans">
        {o.plans
          .filter((p) => p.id !== 'free')
          .map((p) => {
            const current = p.id === o.plan.id;
            const choose = () =>
              props.onChoose(p.id, () =>
                live
                  ? api.post('/api/billing/portal', {}, billingRedirectSchema)
                  : api.post('/api/billing/checkout', { planId: p.id, currency }, billingRedirectSchema),
              );
            return (
              <li key={p.id} class={current ? 'plan current' : 'plan'}>
                <h3>{p.name}</h3>
                <p class="price">
                  {money(p.monthlyPrice[currency] ?? 0, currency, props.locale)}
                  <span class="muted small"> / month</span>
                </p>
                <ul class="plan-limits small">
                  <li>
                    {n(p.limits.brands)} {p.limits.brands === 1 ? 'brand' : 'brands'}
                  </li>
                  <li>
                    {n(p.limits.seats)} {p.limits.seats === 1 ? 'seat' : 'seats'}
                  </li>
                  <li>{usd(p.limits.aiBudgetMicros, props.locale)} of AI included</li>
                  <li>{n(p.limits.messagesPerMonth)} messages / month</li>
                  <li>{n(p.limits.postsPerMonth)} posts / month</li>
                </ul>
                {current && live ? (
                  <span class="pill status-connected">Current plan</span>
                ) : p.selfServe ? (
                  // Without a live subscription the current plan can be subscribed to as well.
                  <button type="button" disabled={props.busy !== undefined} onClick={choose}>
                    {props.busy === p.id
                      ? 'Opening…'
                      : `${current ? 'Subscribe' : rank(p.id) > rank(o.plan.id) ? 'Upgrade' : 'Switch'} to ${p.name}`}
                  </button>
                ) : (
                  <a class="button secondary" href="mailto:sales@pulsepoint.example">
                    Talk to sales
                  </a>
                )}
              </li>
            );
          })}
      </ul>
    </article>
  );
}
