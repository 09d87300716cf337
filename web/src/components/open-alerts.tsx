import { alertSubject } from '../../../shared/domain/alerts/subject';
import type { Alert } from '../../../shared/domain/entities';
import { query } from '../api/client';
import { alertList } from '../api/schemas';
import { useBrand, useServices } from '../context';
import { useResource } from '../hooks/use-resource';
import { humanize } from '../labels';
import { href } from '../routes';
import { Link } from './link';

const SHOWN = 3;
const RANK: Record<Alert['severity'], number> = { critical: 0, warning: 1, info: 2 };

/**
 * The dashboard's short list of open alerts (snoozed ones are left out by the API), most severe
 * first, each title (which names what it is about) linking to that page; nothing when there are none.
 */
export function OpenAlerts() {
  const { api } = useServices();
  const { brand } = useBrand();
  const alerts = useResource(`open-alerts:${brand.id}`, () =>
    api.get(
      `/api/brands/${encodeURIComponent(brand.id)}/alerts${query({ status: 'open', limit: 50 })}`,
      alertList,
    ),
  );
  if (alerts.status !== 'ready' || alerts.data.alerts.length === 0) return null;
  const list = [...alerts.data.alerts].sort(
    (a, b) => RANK[a.severity] - RANK[b.severity] || b.createdAt.localeCompare(a.createdAt),
  );
  return (
    <article class="card" aria-labelledby="open-alerts-title">
      <h2 id="open-alerts-title">Needs attention</h2>
      <ul class="open-alerts">
        {list.slice(0, SHOWN).map((a) => {
          const subject = alertSubject(a);
          return (
            <li key={a.id} data-alert-link={subject.path}>
              <span class={`pill severity ${a.severity}`}>{humanize(a.severity)}</span>{' '}
              <Link href={subject.path} title={`Open ${subject.name}`}>
                {a.title}
              </Link>
            </li>
          );
        })}
      </ul>
      <p class="small">
        <Link href={href('alerts', { brandId: brand.id })}>
          {list.length > SHOWN ? `All ${list.length} open alerts` : 'Open the alerts'}
        </Link>
      </p>
    </article>
  );
}
