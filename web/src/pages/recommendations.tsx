import { useEffect, useRef, useState } from 'preact/hooks';
import type { Recommendation } from '../../../shared/domain/entities';
import { query } from '../api/client';
import { recommendationList } from '../api/schemas';
import { EvidenceList } from '../components/evidence';
import { FormStatus } from '../components/form-status';
import { Link } from '../components/link';
import { Async, Empty } from '../components/states';
import { Tabs } from '../components/tabs';
import { useBrand, useServices } from '../context';
import { useItemAction } from '../hooks/use-item-action';
import { useResource } from '../hooks/use-resource';
import { useTitle } from '../hooks/use-title';
import { humanize, platformLabel } from '../labels';
import { href } from '../routes';
import { engageDraftHref } from './engage-draft';
import { ApplyDialog } from './recommendation-apply';

const VIEWS = [
  { id: 'open', label: 'To decide' },
  { id: 'accepted', label: 'Accepted' },
  { id: 'history', label: 'History' },
] as const;
type View = (typeof VIEWS)[number]['id'];
const EMPTY: Record<View, string> = {
  open: 'Nothing needs a decision right now',
  accepted: 'No accepted recommendations waiting to be applied',
  history: 'No decisions yet',
};
const DISMISS_REASONS = [
  'Already done',
  'Not relevant for us',
  'Disagree with the numbers',
  'Other',
] as const;

export function RecommendationsPage() {
  const { api } = useServices();
  const { brand } = useBrand();
  useTitle('Recommendations', brand.name);
  const [view, setView] = useState<View>('open');
  const base = `/api/brands/${encodeURIComponent(brand.id)}/recommendations`;
  const list = useResource(`recs:${brand.id}:${view}`, async () => {
    if (view !== 'history')
      return (
        await api.get(`${base}${query({ status: view, sort_by: 'score', limit: 50 })}`, recommendationList)
      ).recommendations;
    // History: every decided recommendation, latest decision first, with its measured outcome.
    const all = await api.get(`${base}${query({ sort_by: 'updated_at', limit: 200 })}`, recommendationList);
    return all.recommendations.filter((r) => r.status !== 'open' && r.status !== 'accepted');
  });
  return (
    <section class="page">
      <h1>Recommendations</h1>
      <Tabs
        label="Recommendations"
        tabs={VIEWS}
        selected={view}
        onSelect={(id) => setView(VIEWS.find((v) => v.id === id)?.id ?? 'open')}
      >
        <Async resource={list} label="Loading recommendations…">
          {(recs) =>
            recs.length === 0 ? (
              <Empty title={EMPTY[view]} />
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
  const { can } = useServices();
  const { brand, fmt } = useBrand();
  const { rec } = props;
  const [mode, setMode] = useState<'idle' | 'dismiss' | 'apply'>('idle');
  const { busy, error, run } = useItemAction(props.base, rec.id, props.onChanged);
  const canDecide = can('recommendations:decide');
  const canApply = can('recommendations:apply');
  // An engage recommendation opens the new-campaign form pre-filled; nothing is sent from here.
  const draftHref = can('engagement:send') ? engageDraftHref(brand.id, rec) : undefined;
  const planHref = budgetPlanHref(brand.id, rec);

  async function act(action: 'accept' | 'dismiss' | 'apply', body: unknown) {
    if (await run(action, body)) setMode('idle');
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
      <EvidenceList evidence={rec.evidence} units={rec.evidenceUnits} labels={rec.evidenceLabels} fmt={fmt} />
      <p class="impact">
        <strong>Expected impact:</strong> {rec.expectedImpact.description}
        {impactAmount(rec.expectedImpact, fmt.money)}{' '}
        <span class="muted small">How it is estimated: {rec.expectedImpact.model}</span>
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
          <EvidenceList
            evidence={rec.outcome}
            units={rec.outcomeUnits}
            labels={rec.outcomeLabels}
            fmt={fmt}
          />
        </div>
      ) : null}
      {planHref ? (
        <p data-budget-plan-link>
          <Link href={planHref}>See this budget beside every campaign’s in the Budget plan</Link>
        </p>
      ) : null}
      {draftHref && (rec.status === 'open' || rec.status === 'accepted') ? (
        <p>
          <Link href={draftHref}>Draft this campaign…</Link>
        </p>
      ) : null}
      {canDecide && (rec.status === 'open' || rec.status === 'accepted') ? (
        <div class="actions">
          {rec.status === 'open' ? (
            <button type="button" disabled={busy} onClick={() => void act('accept', {})}>
              Accept
            </button>
          ) : null}
          {canApply && rec.status === 'accepted' && rec.change.platform ? (
            <button type="button" disabled={busy} onClick={() => setMode('apply')}>
              Apply on {platformLabel(rec.change.platform)}…
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
        <ApplyDialog
          rec={rec}
          base={props.base}
          busy={busy}
          error={error}
          onCancel={() => setMode('idle')}
          onConfirm={() => void act('apply', { dry_run: false })}
        />
      ) : null}
      <FormStatus error={mode !== 'apply' && error} />
    </article>
  );
}

function DismissForm(props: { busy: boolean; onCancel: () => void; onDismiss: (reason: string) => void }) {
  const [choice, setChoice] = useState<string>(DISMISS_REASONS[0]);
  const first = useRef<HTMLSelectElement>(null);
  // The form opens from a button the keyboard user just pressed: put them in it.
  useEffect(() => first.current?.focus(), []);
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
        <select ref={first} value={choice} onChange={(e) => setChoice(e.currentTarget.value)}>
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

/** The amount after the sentence, unless the sentence already says it (no "$3,052.49 … ($3,052.49)"). */
export function impactAmount(
  impact: { description: string; amountMinor?: number | undefined },
  money: (minor: number) => string,
): string {
  if (impact.amountMinor === undefined) return '';
  const shown = money(impact.amountMinor);
  return impact.description.includes(shown) ? '' : ` (${shown})`;
}

/**
 * The Budget plan, from a recommendation that sets a campaign's daily budget (increase or reduce
 * spend): the same optimiser's split over every campaign, on the same judged days. Undefined for one
 * that moves no budget, and for a decided one (its budget is history; the plan is today's).
 */
export function budgetPlanHref(
  brandId: string,
  rec: Pick<Recommendation, 'status' | 'change'>,
): string | undefined {
  if (rec.change.proposedDailySpendMinor === undefined) return undefined;
  if (rec.status !== 'open' && rec.status !== 'accepted') return undefined;
  return href('budgetPlan', { brandId });
}
