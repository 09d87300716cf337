import { useEffect, useRef, useState } from 'preact/hooks';
import { alertsInView, MAX_SNOOZE_DAYS, type SnoozeRequest } from '../../../shared/domain/alerts/snooze';
import type { Alert } from '../../../shared/domain/entities';
import { addDays, type LocalDate, toLocalDate } from '../../../shared/domain/time';
import { query } from '../api/client';
import { alertList, productCosts } from '../api/schemas';
import { AlertAbout } from '../components/alert-about';
import { EvidenceList } from '../components/evidence';
import { FormStatus } from '../components/form-status';
import { Async, Empty } from '../components/states';
import { Tabs } from '../components/tabs';
import { useBrand, useServices } from '../context';
import { useItemAction } from '../hooks/use-item-action';
import { useResource } from '../hooks/use-resource';
import { useTitle } from '../hooks/use-title';
import { humanize } from '../labels';

const SEVERITY_ORDER: Record<Alert['severity'], number> = { critical: 0, warning: 1, info: 2 };

const VIEWS = [
  { id: 'attention', label: 'Needs attention' },
  { id: 'snoozed', label: 'Snoozed' },
  { id: 'resolved', label: 'Resolved' },
] as const;
type View = (typeof VIEWS)[number]['id'];
const EMPTY: Record<Exclude<View, 'attention'>, string> = {
  snoozed: 'Nothing snoozed.',
  resolved: 'No resolved alerts yet.',
};

/**
 * What no alert means. A store with no products (nothing synced or imported yet) has no stock to
 * judge, so its all-clear does not claim that no advertised product is running out.
 */
export function allClear(hasProducts: boolean): string {
  return hasProducts
    ? 'No alerts: no product running out while advertised, no unusual day of spend or sales, no drop in ROAS, no failed sync. Budget advice is on the Recommendations page.'
    : 'No alerts: no unusual day of spend or sales, no drop in ROAS, no failed sync. Running out of stock is not judged: no products are synced or imported yet. Budget advice is on the Recommendations page.';
}

/**
 * The alert list split as the API's views split it (shared/domain/alerts/snooze.ts): open and
 * acknowledged ones needing attention (open first, then most severe, newest), the snoozed ones
 * (soonest to wake first), and the resolved ones (latest first).
 */
export function alertGroups(alerts: readonly Alert[], now: Date): Record<View, Alert[]> {
  const attention = [...alertsInView(alerts, 'open', now), ...alertsInView(alerts, 'acknowledged', now)].sort(
    (a, b) =>
      Number(a.status !== 'open') - Number(b.status !== 'open') ||
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
      b.createdAt.localeCompare(a.createdAt),
  );
  const snoozed = alertsInView(alerts, 'snoozed', now).sort((a, b) =>
    (a.snoozedUntil ?? '').localeCompare(b.snoozedUntil ?? ''),
  );
  const resolved = alertsInView(alerts, 'resolved', now).sort((a, b) =>
    b.updatedAt.localeCompare(a.updatedAt),
  );
  return { attention, snoozed, resolved };
}

export function AlertsPage() {
  const { api } = useServices();
  const { brand } = useBrand();
  useTitle('Alerts', brand.name);
  const [view, setView] = useState<View>('attention');
  const base = `/api/brands/${encodeURIComponent(brand.id)}/alerts`;
  const alerts = useResource(`alerts:${brand.id}`, () =>
    api.get(`${base}${query({ limit: 200 })}`, alertList),
  );
  const costs = useResource(`product-costs:${brand.id}`, () =>
    api.get(`/api/brands/${encodeURIComponent(brand.id)}/product-costs`, productCosts),
  );
  const hasProducts = costs.status !== 'ready' || costs.data.products > 0;
  const groups = alerts.status === 'ready' ? alertGroups(alerts.data.alerts, new Date()) : null;
  return (
    <section class="page">
      <h1>Alerts</h1>
      <Tabs
        label="Alerts"
        tabs={VIEWS.map((v) => ({
          id: v.id,
          label: groups ? `${v.label} (${groups[v.id].length})` : v.label,
        }))}
        selected={view}
        onSelect={(id) => setView(VIEWS.find((v) => v.id === id)?.id ?? 'attention')}
      >
        <Async resource={alerts} label="Loading alerts…">
          {({ alerts: list }) => {
            const shown = alertGroups(list, new Date())[view];
            if (shown.length === 0)
              return <Empty title={view === 'attention' ? allClear(hasProducts) : EMPTY[view]} />;
            return (
              <ul class="cards">
                {shown.map((a) => (
                  <li key={a.id}>
                    <AlertCard alert={a} base={base} onChanged={alerts.reload} />
                  </li>
                ))}
              </ul>
            );
          }}
        </Async>
      </Tabs>
    </section>
  );
}

type Action = 'acknowledge' | 'resolve' | 'snooze' | 'wake';

function AlertCard(props: { alert: Alert; base: string; onChanged: () => void }) {
  const { can } = useServices();
  const { fmt } = useBrand();
  const { alert: a } = props;
  const [snoozing, setSnoozing] = useState(false);
  const { busy, error, run } = useItemAction(props.base, a.id, props.onChanged);
  const snoozed = alertsInView([a], 'snoozed', new Date()).length > 0;

  async function act(action: Action, body: unknown = {}) {
    if (await run(action, body)) setSnoozing(false);
  }

  return (
    <article
      class={`card alert severity-${a.severity}`}
      aria-labelledby={`alert-${a.id}`}
      data-status={a.status}
      data-id={a.id}
    >
      <header class="rec-head">
        <span class={`pill severity ${a.severity}`}>{humanize(a.severity)}</span>
        <span class="pill">{humanize(a.type)}</span>
        <span class="pill">{snoozed ? 'Snoozed' : humanize(a.status)}</span>
        <span class="muted small">{fmt.instant(a.createdAt)}</span>
      </header>
      <h2 id={`alert-${a.id}`}>{a.title}</h2>
      <AlertAbout alert={a} />
      <p>{a.explanation}</p>
      <p class="rec-action">
        <strong>Recommended:</strong> {a.recommendedAction}
      </p>
      <EvidenceList evidence={a.evidence} units={a.evidenceUnits} labels={a.evidenceLabels} fmt={fmt} />
      {snoozed && a.snoozedUntil ? (
        <p class="muted small" data-snoozed-until={a.snoozedUntil}>
          Snoozed until {fmt.instant(a.snoozedUntil)}. It comes back sooner if it gets more severe.
        </p>
      ) : a.decidedAt && a.status !== 'open' ? (
        <p class="muted small">
          {humanize(a.status)} {fmt.instant(a.decidedAt)}
        </p>
      ) : null}
      {can('alerts:manage') && a.status !== 'resolved' ? (
        <div class="actions">
          {a.status === 'open' ? (
            <button type="button" disabled={busy} onClick={() => void act('acknowledge')}>
              Acknowledge
            </button>
          ) : null}
          {snoozed ? (
            <button type="button" class="secondary" disabled={busy} onClick={() => void act('wake')}>
              Wake now
            </button>
          ) : (
            <button type="button" class="secondary" disabled={busy} onClick={() => setSnoozing(true)}>
              Snooze…
            </button>
          )}
          <button
            type="button"
            class="secondary"
            disabled={busy}
            title="It is raised again if the next check still finds it"
            onClick={() => void act('resolve')}
          >
            Resolve
          </button>
        </div>
      ) : null}
      {snoozing ? (
        <SnoozeForm busy={busy} onCancel={() => setSnoozing(false)} onSnooze={(r) => void act('snooze', r)} />
      ) : null}
      <FormStatus error={error} />
    </article>
  );
}

/** A day, a week, or until a day the merchant picks (tomorrow at the earliest). */
function SnoozeForm(props: { busy: boolean; onCancel: () => void; onSnooze: (r: SnoozeRequest) => void }) {
  const { brand } = useBrand();
  const [choice, setChoice] = useState<'1d' | '1w' | 'date'>('1d');
  const today = toLocalDate(new Date(), brand.timezone);
  const [date, setDate] = useState<string>(addDays(today, 3));
  const first = useRef<HTMLSelectElement>(null);
  // The form opens from a button the keyboard user just pressed: put them in it.
  useEffect(() => first.current?.focus(), []);
  const request: SnoozeRequest | null =
    choice === 'date' ? (date ? { until: date as LocalDate } : null) : { for: choice };
  return (
    <form
      class="dismiss snooze"
      onSubmit={(e) => {
        e.preventDefault();
        if (request) props.onSnooze(request);
      }}
    >
      <label>
        Snooze for
        <select
          ref={first}
          value={choice}
          onChange={(e) => setChoice(e.currentTarget.value as typeof choice)}
        >
          <option value="1d">1 day</option>
          <option value="1w">1 week</option>
          <option value="date">Until a date…</option>
        </select>
      </label>
      {choice === 'date' ? (
        <label>
          Until the start of
          <input
            type="date"
            value={date}
            min={addDays(today, 1)}
            max={addDays(today, MAX_SNOOZE_DAYS)}
            required
            onChange={(e) => setDate(e.currentTarget.value)}
          />
        </label>
      ) : null}
      <div class="actions">
        <button type="button" class="secondary" onClick={props.onCancel}>
          Cancel
        </button>
        <button type="submit" disabled={props.busy || !request}>
          Snooze
        </button>
      </div>
    </form>
  );
}
