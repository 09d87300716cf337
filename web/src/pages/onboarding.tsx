import { useEffect, useState } from 'preact/hooks';
import { z } from 'zod';
import type { SyncRun } from '../../../shared/domain/entities';
import { countsLine, syncStage } from '../../../shared/domain/names/counts';
import { syncRunList } from '../api/schemas';
import { FormStatus } from '../components/form-status';
import { Link } from '../components/link';
import { Async, describeError, Empty } from '../components/states';
import { useBrand, useServices } from '../context';
import { useResource } from '../hooks/use-resource';
import { useTitle } from '../hooks/use-title';
import { humanize, platformLabel } from '../labels';
import { useLocation } from '../router';
import { href } from '../routes';
import { IntegrationsPanel } from './integrations';

/** How often the first sync's progress is polled while a run is still going. */
const POLL_MS = 2_000;

/** What step 3 says about the dashboard: nothing once a sync has run; imported files count too. */
export function dashboardNote(synced: boolean, importedAccounts: number): string | null {
  if (synced) return null;
  if (importedAccounts > 0)
    return 'It already shows the files you imported; a sync keeps it up to date each day.';
  return 'It fills in once a sync has finished.';
}

/** Connect the store and ad accounts, run the first sync and watch it, then go to the dashboard. */
export function OnboardingPage() {
  const { api, can } = useServices();
  const { brand, fmt } = useBrand();
  useTitle('Set up', brand.name);
  const base = `/api/brands/${encodeURIComponent(brand.id)}`;
  const runs = useResource(`sync-runs:${brand.id}`, () => api.get(`${base}/sync-runs`, syncRunList));
  // Accounts imported from export files: the dashboard already has their numbers without a sync.
  const imported = useResource(`onboarding-accounts:${brand.id}`, () =>
    api
      .get(`${base}/ad-accounts`, z.object({ accounts: z.array(z.unknown()) }))
      .catch(() => ({ accounts: [] })),
  );
  const connected = useLocation().search.get('connected');
  const [error, setError] = useState<string>();
  const [starting, setStarting] = useState(false);
  const list = runs.status === 'ready' ? runs.data.runs : [];
  const succeeded = list.some((r) => r.status === 'succeeded');
  const note = dashboardNote(succeeded, imported.status === 'ready' ? imported.data.accounts.length : 0);
  const running = list.some((r) => r.status === 'running');

  useEffect(() => {
    if (!running && !starting) return;
    const timer = setInterval(runs.reload, POLL_MS);
    return () => clearInterval(timer);
  }, [running, starting, runs.reload]);

  async function sync() {
    setStarting(true);
    setError(undefined);
    try {
      await api.post(`${base}/sync`, {}, z.unknown());
      runs.reload();
    } catch (err) {
      setError(describeError(err));
    } finally {
      setStarting(false);
    }
  }

  return (
    <section class="page">
      <h1>Set up {brand.name}</h1>
      <FormStatus
        done={
          connected &&
          `${platformLabel(connected)} is connected. Its first sync starts in a moment; progress shows below.`
        }
      />
      <ol class="steps">
        <li>
          <h2>1. Connect your store and ad accounts</h2>
          <IntegrationsPanel />
          <p class="muted">
            No API access? <Link href={href('import', { brandId: brand.id })}>Import the files</Link> Shopify,
            Meta, Google Ads and TikTok let you export instead.
          </p>
        </li>
        <li>
          <h2>2. Run the first sync</h2>
          {!can('sync:request') ? (
            <p class="muted">Ask an owner or admin to start the sync.</p>
          ) : (
            <button type="button" onClick={() => void sync()} disabled={starting || running}>
              {running ? 'Syncing…' : 'Sync now'}
            </button>
          )}
          <FormStatus error={error} />
          <div aria-live="polite">
            <Async resource={runs} label="Loading sync runs…">
              {({ runs: syncRuns }) =>
                syncRuns.length === 0 ? (
                  <Empty title="No syncs yet" />
                ) : (
                  <ul class="sync-runs">
                    {[...syncRuns]
                      .sort((a, b) => b.startedAt.localeCompare(a.startedAt))
                      .slice(0, 12)
                      .map((r) => (
                        <SyncRunRow key={r.id} run={r} formatInstant={fmt.instant} />
                      ))}
                  </ul>
                )
              }
            </Async>
          </div>
        </li>
        <li>
          <h2>3. See your numbers</h2>
          <Link class="button" href={href('dashboard', { brandId: brand.id })}>
            Go to the dashboard
          </Link>
          {note ? <p class="muted">{note}</p> : null}
        </li>
      </ol>
    </section>
  );
}

function SyncRunRow(props: { run: SyncRun; formatInstant: (iso: string) => string }) {
  const { run } = props;
  return (
    <li class={`sync-run ${run.status}`}>
      <strong>{platformLabel(run.platform)}</strong>{' '}
      <span class={`pill status-${run.status}`}>{humanize(run.status)}</span>
      {run.stage && run.stage !== 'done' ? <span class="muted"> · {syncStage(run.stage)}</span> : null}
      <span class="muted small"> · started {props.formatInstant(run.startedAt)}</span>
      {countsLine(run.counts) ? <span class="counts">{countsLine(run.counts)}</span> : null}
      {run.error ? <p class="form-error small">{run.error}</p> : null}
    </li>
  );
}
