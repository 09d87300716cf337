import { agencyOverview } from '../api/schemas';
import { Link } from '../components/link';
import { Async, Empty } from '../components/states';
import { useServices } from '../context';
import { useResource } from '../hooks/use-resource';
import { href, ROUTES } from '../routes';

/** Health score bands: the colour repeats the number, it never replaces it. */
const band = (score: number) => (score >= 75 ? 'good' : score >= 50 ? 'fair' : 'poor');

export function AgencyPage() {
  const { api, locale } = useServices();
  const overview = useResource('agency', () => api.get('/api/agency/overview', agencyOverview));
  const integer = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  return (
    <section class="page">
      <h1>Agency overview</h1>
      <p class="muted">Every brand you look after, most urgent first.</p>
      <Async resource={overview} label="Loading brands…">
        {({ brands }) =>
          brands.length === 0 ? (
            <Empty title="No brands yet">
              <Link href={ROUTES.newBrand}>Add your first brand</Link>
            </Empty>
          ) : (
            <ol class="agency-list">
              {brands.map((b) => (
                <li key={b.brandId} class="card agency-row">
                  <div class={`health ${band(b.healthScore)}`}>
                    <span class="visually-hidden">Health score </span>
                    {integer.format(b.healthScore)}
                    <span class="visually-hidden"> of 100</span>
                  </div>
                  <div class="agency-main">
                    <h2>
                      <Link href={href('dashboard', { brandId: b.brandId })}>{b.name}</Link>
                    </h2>
                    <p>{b.topIssue ?? 'No open issues.'}</p>
                  </div>
                  <dl class="agency-counts">
                    <div>
                      <dt>Alerts</dt>
                      <dd>
                        <Link href={href('alerts', { brandId: b.brandId })}>
                          {integer.format(b.openAlerts)}
                        </Link>
                      </dd>
                    </div>
                    <div>
                      <dt>Opportunities</dt>
                      <dd>
                        <Link href={href('recommendations', { brandId: b.brandId })}>
                          {integer.format(b.openRecommendations)}
                        </Link>
                      </dd>
                    </div>
                  </dl>
                </li>
              ))}
            </ol>
          )
        }
      </Async>
    </section>
  );
}
