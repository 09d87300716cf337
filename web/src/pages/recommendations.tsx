import { useState } from 'preact/hooks';
import { z } from 'zod';
import type { Recommendation } from '../../../shared/domain/entities';
import { query } from '../api/client';
import { recommendationList } from '../api/schemas';
import { ConfirmDialog } from '../components/confirm-dialog';
import { EvidenceList } from '../components/evidence';
import { Async, describeError, Empty } from '../components/states';
import { Tabs } from '../components/tabs';
import { useBrand, useServices } from '../context';
import { useResource } from '../hooks/use-resource';
import { humanize, platformLabel } from '../labels';

const VIEWS = [
  { id: 'open', label: 'Open' },
  { id: 'history', label: 'History' },
] as const;
const DISMISS_REASONS = [
  'Already done',
  'Not relevant for us',
  'Disagree with the numbers',
  'Other',
] as const;

export function RecommendationsPage() {
  const { api } = useServices();
  const { brand } = useBrand();
  const [view, setView] = useState<'open' | 'history'>('open');
  const base = `/api/brands/${encodeURIComponent(brand.id)}/recommendations`;
  const list = useResource(`recs:${brand.id}:${view}`, async () => {
    if (view === 'open')
      return (
        await api.get(`${base}${query({ status: 'open', sort_by: 'score', limit: 50 })}`, recommendationList)
      ).recommendations;
    const all = await api.get(`${base}${query({ sort_by: 'updated_at', limit: 100 })}`, recommendationList);
    return all.recommendations.filter((r) => r.status !== 'open');
  });
  return (
    <section class="page">
      <h1>Recommendations</h1>
      <Tabs
        label="Recommendations"
        tabs={VIEWS}
        selected={view}
        onSelect={(id) => setView(id as typeof view)}
      >
        <Async resource={list} label="Loading recommendations…">
          {(recs) =>
            recs.length === 0 ? (
              <Empty title={view === 'open' ? 'Nothing needs a decision right now' : 'No decisions yet'} />
            ) : (
              <ul class="cards">
                {recs.map((r) => (
                  <li key={r.id}>
                    <RecommendationCard rec={r} base={base} onChanged={list.reload} />
                  </li>
                ))}
              </ul>
            )
          }
        </Async>
      </Tabs>
    </section>
  );
}

function RecommendationCard(props: { rec: Recommendation; base: string; onChanged: () => void }) {
  const { api, can } = useServices();
  const { fmt } = useBrand();
  const { rec } = props;
  const [mode, setMode] = useState<'idle' | 'dismiss' | 'apply'>('idle');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const canDecide = can('recommendations:decide');
  const canApply = can('recommendations:apply');

  async function act(action: 'accept' | 'dismiss' | 'apply', body: unknown) {
    setBusy(true);
    setError(undefined);
    try {
      // The list is reloaded afterwards, so the answer's body is not needed here.
      await api.post(`${props.base}/${encodeURIComponent(rec.id)}/${action}`, body, z.unknown());
      setMode('idle');
      props.onChanged();
    } catch (err) {
      setError(err instanceof Error ? describeError(err) : String(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <article
      class={`card rec priority-${rec.priority}`}
      aria-labelledby={`rec-${rec.id}`}
      data-status={rec.status}
      data-id={rec.id}
    >
      <header class="rec-head">
        <span class={`pill priority ${rec.priority}`}>{humanize(rec.priority)}</span>
        <span class="pill">{humanize(rec.type)}</span>
        <span class="pill status" data-testid="rec-status">
          {humanize(rec.status)}
        </span>
      </header>
      <h2 id={`rec-${rec.id}`}>{rec.title}</h2>
      <p class="rec-action">{rec.action}</p>
      <p>{rec.reason}</p>
      <EvidenceList evidence={rec.evidence} fmt={fmt} />
      <p class="impact">
        <strong>Expected impact:</strong> {rec.expectedImpact.description}
        {rec.expectedImpact.amountMinor !== undefined
          ? ` (${fmt.money(rec.expectedImpact.amountMinor)})`
          : ''}{' '}
        <span class="muted small">model: {rec.expectedImpact.model}</span>
      </p>
      {rec.decidedAt ? (
        <p class="muted small">
          {humanize(rec.status)} {fmt.instant(rec.decidedAt)}
          {rec.statusReason ? ` — ${rec.statusReason}` : ''}
        </p>
      ) : null}
      {rec.outcome ? (
        <div class="outcome">
          <h3>Measured outcome</h3>
          <EvidenceList evidence={rec.outcome} fmt={fmt} />
        </div>
      ) : null}
      {canDecide && (rec.status === 'open' || rec.status === 'accepted') ? (
        <div class="actions">
          {rec.status === 'open' ? (
            <button type="button" disabled={busy} onClick={() => void act('accept', {})}>
              Accept
            </button>
          ) : null}
          {canApply && rec.change.platform && rec.change.proposedDailySpendMinor !== undefined ? (
            <button type="button" class="secondary" disabled={busy} onClick={() => setMode('apply')}>
              Apply…
            </button>
          ) : null}
          <button type="button" class="secondary" disabled={busy} onClick={() => setMode('dismiss')}>
            Dismiss…
          </button>
        </div>
      ) : null}
      {mode === 'dismiss' ? (
        <DismissForm
          busy={busy}
          onCancel={() => setMode('idle')}
          onDismiss={(reason) => void act('dismiss', { reason })}
        />
      ) : null}
      {mode === 'apply' ? (
        <ConfirmDialog
          title="Apply this change?"
          confirmLabel={`Apply on ${platformLabel(rec.change.platform ?? '')}`}
          busy={busy}
          onCancel={() => setMode('idle')}
          onConfirm={() => void act('apply', { confirm: true })}
        >
          <ChangeSummary rec={rec} />
          {error ? (
            <p class="form-error" role="alert">
              {error}
            </p>
          ) : null}
        </ConfirmDialog>
      ) : null}
      {error && mode !== 'apply' ? (
        <p class="form-error" role="alert">
          {error}
        </p>
      ) : null}
    </article>
  );
}

/** Exactly what will change where: platform, campaign, and the daily budget before and after. */
function ChangeSummary(props: { rec: Recommendation }) {
  const { fmt } = useBrand();
  const c = props.rec.change;
  return (
    <dl class="change">
      <div>
        <dt>Platform</dt>
        <dd>{platformLabel(c.platform ?? '')}</dd>
      </div>
      {c.campaignId ? (
        <div>
          <dt>Campaign</dt>
          <dd>{c.campaignId}</dd>
        </div>
      ) : null}
      {c.region ? (
        <div>
          <dt>Region</dt>
          <dd>{c.region}</dd>
        </div>
      ) : null}
      <div>
        <dt>Daily budget</dt>
        <dd>
          {c.currentDailySpendMinor !== undefined ? fmt.money(c.currentDailySpendMinor) : 'current'} →{' '}
          <strong>{fmt.money(c.proposedDailySpendMinor ?? 0)}</strong>
        </dd>
      </div>
    </dl>
  );
}

function DismissForm(props: { busy: boolean; onCancel: () => void; onDismiss: (reason: string) => void }) {
  const [choice, setChoice] = useState<string>(DISMISS_REASONS[0]);
  const [other, setOther] = useState('');
  const reason = choice === 'Other' ? other.trim() : choice;
  return (
    <form
      class="dismiss"
      onSubmit={(e) => {
        e.preventDefault();
        if (reason) props.onDismiss(reason);
      }}
    >
      <label>
        Why dismiss it?
        <select value={choice} onChange={(e) => setChoice(e.currentTarget.value)}>
          {DISMISS_REASONS.map((r) => (
            <option key={r}>{r}</option>
          ))}
        </select>
      </label>
      {choice === 'Other' ? (
        <label>
          Reason
          <input value={other} onInput={(e) => setOther(e.currentTarget.value)} required maxLength={500} />
        </label>
      ) : null}
      <div class="actions">
        <button type="button" class="secondary" onClick={props.onCancel}>
          Cancel
        </button>
        <button type="submit" disabled={props.busy || !reason}>
          Dismiss
        </button>
      </div>
    </form>
  );
}
