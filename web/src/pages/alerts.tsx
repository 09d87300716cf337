import type { Alert } from '../../../shared/domain/entities';
import { alertList } from '../api/schemas';
import { EvidenceList } from '../components/evidence';
import { Async, Empty } from '../components/states';
import { useBrand, useServices } from '../context';
import { useResource } from '../hooks/use-resource';
import { useTitle } from '../hooks/use-title';
import { humanize } from '../labels';

const SEVERITY_ORDER: Record<Alert['severity'], number> = { critical: 0, warning: 1, info: 2 };

export function AlertsPage() {
  const { api } = useServices();
  const { brand, fmt } = useBrand();
  useTitle('Alerts', brand.name);
  const alerts = useResource(`alerts:${brand.id}`, () =>
    api.get(`/api/brands/${encodeURIComponent(brand.id)}/alerts`, alertList),
  );
  return (
    <section class="page">
      <h1>Alerts</h1>
      <Async resource={alerts} label="Loading alerts…">
        {({ alerts: list }) => {
          if (list.length === 0) return <Empty title="No alerts. Spend, stock and syncs look normal." />;
          const sorted = [...list].sort(
            (a, b) =>
              Number(a.status !== 'open') - Number(b.status !== 'open') ||
              SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
              b.createdAt.localeCompare(a.createdAt),
          );
          return (
            <ul class="cards">
              {sorted.map((a) => (
                <li key={a.id}>
                  <article class={`card alert severity-${a.severity}`} aria-labelledby={`alert-${a.id}`}>
                    <header class="rec-head">
                      <span class={`pill severity ${a.severity}`}>{humanize(a.severity)}</span>
                      <span class="pill">{humanize(a.type)}</span>
                      <span class="pill">{humanize(a.status)}</span>
                      <span class="muted small">{fmt.instant(a.createdAt)}</span>
                    </header>
                    <h2 id={`alert-${a.id}`}>{a.title}</h2>
                    <p>{a.explanation}</p>
                    <p class="rec-action">
                      <strong>Recommended:</strong> {a.recommendedAction}
                    </p>
                    <EvidenceList evidence={a.evidence} fmt={fmt} />
                  </article>
                </li>
              ))}
            </ul>
          );
        }}
      </Async>
    </section>
  );
}
