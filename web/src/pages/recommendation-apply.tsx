import type { Recommendation } from '../../../shared/domain/entities';
import { unnamedCampaign } from '../../../shared/domain/names/names';
import { regionName } from '../../../shared/domain/names/regions';
import { type ApplyResult, applyResponse } from '../api/schemas';
import { ConfirmDialog } from '../components/confirm-dialog';
import { FormStatus } from '../components/form-status';
import { Async } from '../components/states';
import { useBrand, useServices } from '../context';
import { useResource } from '../hooks/use-resource';
import { humanize, platformLabel } from '../labels';

/**
 * Apply asks the API for a dry run first, so the dialog shows what the platform itself reports
 * now and what it will be after — not the recommendation's own estimate.
 */
export function ApplyDialog(props: {
  rec: Recommendation;
  base: string;
  busy: boolean;
  error: string | undefined;
  onCancel: () => void;
  onConfirm: () => void;
}) {
  const { api } = useServices();
  const { rec } = props;
  const preview = useResource(
    `apply-preview:${rec.id}`,
    async () =>
      (await api.post(`${props.base}/${encodeURIComponent(rec.id)}/apply`, { dry_run: true }, applyResponse))
        .result,
  );
  const platform = platformLabel(rec.change.platform ?? '');
  return (
    <ConfirmDialog
      title={`Apply on ${platform}?`}
      confirmLabel={`Apply on ${platform}`}
      busy={props.busy}
      disabled={preview.status !== 'ready'}
      onCancel={props.onCancel}
      onConfirm={props.onConfirm}
    >
      <Async resource={preview} label={`Asking ${platform} for the current settings…`}>
        {(result) => <ChangeSummary rec={rec} result={result} />}
      </Async>
      <FormStatus error={props.error} />
    </ConfirmDialog>
  );
}

/**
 * The planned change as the API will execute it (shared/services/recommendations.ts
 * `budgetActionOf`): a proposed budget of zero pauses the campaign, any other sets its daily budget.
 */
export function plannedChange(rec: Recommendation): { status?: string; dailyBudgetMinor?: number } {
  const proposed = rec.change.proposedDailySpendMinor;
  if (proposed === undefined) return {};
  return proposed === 0 ? { status: 'paused' } : { dailyBudgetMinor: proposed };
}

/**
 * Exactly what will change where: the platform's current state (from the dry run) against the
 * planned state. A dry run reports `after = before`, so the planned side comes from the plan.
 */
function ChangeSummary(props: { rec: Recommendation; result: ApplyResult }) {
  const { fmt } = useBrand();
  const c = props.rec.change;
  const { before } = props.result;
  const after = { ...before, ...plannedChange(props.rec) };
  const money = (v: number | undefined) => (v === undefined ? 'not set' : fmt.money(v));
  return (
    <dl class="change">
      <div>
        <dt>Platform</dt>
        <dd>{platformLabel(c.platform ?? '')}</dd>
      </div>
      {c.campaignId ? (
        <div>
          <dt>Campaign</dt>
          <dd>{c.campaignName ?? unnamedCampaign(c.campaignId)}</dd>
        </div>
      ) : null}
      {c.region ? (
        <div>
          <dt>Region</dt>
          <dd>{regionName(c.region)}</dd>
        </div>
      ) : null}
      {after.dailyBudgetMinor !== before.dailyBudgetMinor ? (
        <div>
          <dt>Daily budget</dt>
          <dd>
            {money(before.dailyBudgetMinor)} → <strong>{money(after.dailyBudgetMinor)}</strong>
          </dd>
        </div>
      ) : null}
      {after.status !== before.status ? (
        <div>
          <dt>Status</dt>
          <dd>
            {humanize(before.status ?? 'unknown')} → <strong>{humanize(after.status ?? 'unknown')}</strong>
          </dd>
        </div>
      ) : null}
    </dl>
  );
}
