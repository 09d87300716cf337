import { useState } from 'preact/hooks';
import { FormStatus } from '../components/form-status';
import { ProductPicker, productNames, useFeaturedProducts } from '../components/product-picker';
import { Async, describeError, Empty } from '../components/states';
import { useBrand, useServices } from '../context';
import { useResource } from '../hooks/use-resource';
import { OPENS_NOTE, ResultsCharts, ResultsKpis, ResultsTable } from './engagement-results';
import {
  type Automation,
  automationList,
  automationResults,
  automation as automationSchema,
  CHANNEL_LABELS,
  CHANNELS,
  type Step,
  TRIGGERS,
  triggerLabel,
  waitLabel,
} from './engagement-schemas';

/** The steps of an automation as a vertical flow: trigger, then each wait and message. */
export function StepList(props: { trigger: string; steps: readonly Step[]; exitOnOrder: boolean }) {
  return (
    <ol class="flow" aria-label="Steps">
      <li class="flow-trigger">
        <span class="flow-kind">When</span> {triggerLabel(props.trigger)}
      </li>
      {props.steps.map((s, i) => (
        <li key={i}>
          <span class="flow-kind">
            Wait {waitLabel(s.waitMinutes)}, then send {CHANNEL_LABELS[s.channel]}
          </span>
          <span class="flow-text">{s.subject ?? s.text}</span>
        </li>
      ))}
      {props.exitOnOrder ? (
        <li class="flow-exit">
          <span class="flow-kind">Stops</span> as soon as the customer orders
        </li>
      ) : null}
    </ol>
  );
}

export function AutomationsPanel() {
  const { api, can } = useServices();
  const { brand, fmt } = useBrand();
  const base = `/api/brands/${encodeURIComponent(brand.id)}/engagement/automations`;
  const list = useResource(`engagement-automations:${brand.id}`, () => api.get(base, automationList));
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const mayChange = can('engagement:send');
  const products = useFeaturedProducts(brand.id);
  async function toggle(a: Automation) {
    setBusy(true);
    setError(undefined);
    try {
      await api.post(
        `${base}/${encodeURIComponent(a.id)}/${a.status === 'active' ? 'pause' : 'resume'}`,
        {},
        automationSchema,
      );
      list.reload();
    } catch (err) {
      setError(describeError(err));
    } finally {
      setBusy(false);
    }
  }
  return (
    <>
      <Async resource={list} label="Loading automations…">
        {({ automations }) =>
          automations.length === 0 ? (
            <Empty title="No automation yet." />
          ) : (
            <ul class="cards">
              {automations.map((a) => (
                <li key={a.id} class="card">
                  <div class="page-head">
                    <h2>{a.name}</h2>
                    <span class={`pill ${a.status === 'active' ? 'good' : ''}`}>
                      {a.status === 'active' ? 'Active' : 'Paused'}
                    </span>
                  </div>
                  <p class="muted">
                    Holdout {fmt.share(a.holdoutShare)} · priority {a.priority} · created{' '}
                    {fmt.instant(a.createdAt)}
                  </p>
                  {a.productIds?.length ? (
                    <p class="small">
                      Features{' '}
                      {products.status === 'ready'
                        ? productNames(a.productIds, products.data.products).join(', ')
                        : `${a.productIds.length} products`}
                      {a.status === 'paused' ? ' — paused while one is out of stock or by hand' : ''}
                    </p>
                  ) : null}
                  <StepList trigger={a.triggerEvent} steps={a.steps} exitOnOrder={a.exitOnOrder} />
                  <AutomationResultsSection base={`${base}/${encodeURIComponent(a.id)}`} />
                  {mayChange ? (
                    <button type="button" disabled={busy} onClick={() => void toggle(a)}>
                      {a.status === 'active' ? 'Pause' : 'Resume'}
                    </button>
                  ) : null}
                </li>
              ))}
            </ul>
          )
        }
      </Async>
      <FormStatus error={error} />
      {mayChange ? <AutomationBuilder base={base} brandId={brand.id} onCreated={list.reload} /> : null}
    </>
  );
}

/** Results per step over the last 30 days (the API's default period): KPIs, charts and the table. */
function AutomationResultsSection(props: { base: string }) {
  const { api } = useServices();
  const { fmt } = useBrand();
  const data = useResource(`engagement-automation-results:${props.base}`, () =>
    api.get(`${props.base}/results`, automationResults),
  );
  return (
    <section class="automation-results" aria-label="Results">
      <Async resource={data} label="Loading results…">
        {(r) => {
          const period = fmt.dayRange(r.window.from, r.window.to);
          if (r.treated.customers + r.holdout.customers === 0)
            return (
              <>
                <h3>Results, {period}</h3>
                <p class="muted">Nobody entered this automation in these days.</p>
              </>
            );
          const input = { ...r, rows: r.steps.map((s) => ({ ...s, label: `Step ${s.step}: ${s.name}` })) };
          return (
            <>
              <h3>Results, {period}</h3>
              <ResultsKpis results={input} />
              <ResultsCharts results={input} chartLabel={(_s, i) => `Step ${i + 1}`} />
              <p class="muted">
                Customers who entered the automation in these days; each one's orders count from the day they
                entered. A customer who went through it twice counts once in customers and revenue, and each
                message counts in its step. Link orders came through a step's links. {OPENS_NOTE}
              </p>
              <ResultsTable caption="Results by step" results={input} />
            </>
          );
        }}
      </Async>
    </section>
  );
}

const blankStep = (): Step => ({ waitMinutes: 60, channel: 'email', subject: '', text: '' });

/** The builder: a form whose steps show as the same flow the list shows. */
function AutomationBuilder(props: { base: string; brandId: string; onCreated: () => void }) {
  const { api } = useServices();
  const [name, setName] = useState('');
  const [trigger, setTrigger] = useState(TRIGGERS[0]?.[0] ?? 'checkout_started');
  const [holdout, setHoldout] = useState(10);
  const [steps, setSteps] = useState<Step[]>([blankStep()]);
  const [productIds, setProductIds] = useState<string[]>([]);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const update = (i: number, patch: Partial<Step>) =>
    setSteps((all) => all.map((s, j) => (j === i ? { ...s, ...patch } : s)));
  async function save() {
    setBusy(true);
    setError(undefined);
    try {
      await api.post(
        props.base,
        {
          name: name.trim(),
          triggerEvent: trigger,
          holdoutShare: holdout / 100,
          steps: steps.map((s) => ({ ...s, subject: s.channel === 'email' && s.subject ? s.subject : null })),
          ...(productIds.length > 0 ? { productIds } : {}),
        },
        automationSchema,
      );
      setName('');
      setSteps([blankStep()]);
      setProductIds([]);
      props.onCreated();
    } catch (err) {
      setError(describeError(err));
    } finally {
      setBusy(false);
    }
  }
  return (
    <article class="card" aria-labelledby="new-automation">
      <h2 id="new-automation">New automation</h2>
      <form
        class="engagement-form"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <label>
          Name
          <input value={name} onInput={(e) => setName(e.currentTarget.value)} required maxLength={200} />
        </label>
        <label>
          Starts when
          <select value={trigger} onChange={(e) => setTrigger(e.currentTarget.value)}>
            {TRIGGERS.map(([id, label]) => (
              <option key={id} value={id}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Holdout, %
          <input
            type="number"
            min={0}
            max={50}
            value={holdout}
            onInput={(e) => setHoldout(Number(e.currentTarget.value))}
          />
        </label>
        <ProductPicker brandId={props.brandId} value={productIds} onChange={setProductIds} />
        {steps.map((s, i) => (
          <fieldset key={i} class="step-edit">
            <legend>Step {i + 1}</legend>
            <label>
              Wait, hours
              <input
                type="number"
                min={0}
                max={1440}
                step="0.5"
                value={s.waitMinutes / 60}
                onInput={(e) => update(i, { waitMinutes: Math.round(Number(e.currentTarget.value) * 60) })}
              />
            </label>
            <label>
              Channel
              <select
                value={s.channel}
                onChange={(e) => update(i, { channel: e.currentTarget.value as Step['channel'] })}
              >
                {CHANNELS.map((c) => (
                  <option key={c} value={c}>
                    {CHANNEL_LABELS[c]}
                  </option>
                ))}
              </select>
            </label>
            {s.channel === 'email' ? (
              <label>
                Subject
                <input
                  value={s.subject ?? ''}
                  onInput={(e) => update(i, { subject: e.currentTarget.value })}
                />
              </label>
            ) : null}
            <label>
              Message
              <textarea
                rows={3}
                required
                value={s.text}
                onInput={(e) => update(i, { text: e.currentTarget.value })}
              />
            </label>
            {steps.length > 1 ? (
              <button
                type="button"
                class="secondary"
                onClick={() => setSteps((all) => all.filter((_, j) => j !== i))}
              >
                Remove step {i + 1}
              </button>
            ) : null}
          </fieldset>
        ))}
        <div class="actions">
          <button
            type="button"
            class="secondary"
            disabled={steps.length >= 10}
            onClick={() => setSteps((all) => [...all, blankStep()])}
          >
            Add a step
          </button>
        </div>
        <h3>Flow</h3>
        <StepList trigger={trigger} steps={steps} exitOnOrder />
        <div class="actions">
          <button type="submit" disabled={busy || !name.trim() || steps.some((s) => !s.text.trim())}>
            Create automation
          </button>
        </div>
        <FormStatus error={error} />
      </form>
    </article>
  );
}
