import { type AgencyBrand, agencyOverview } from '../api/schemas';
import { Link } from '../components/link';
import { PeriodPicker } from '../components/period-picker';
import { Async, Empty } from '../components/states';
import { useServices } from '../context';
import { createFormat, type Format } from '../format';
import { useResource } from '../hooks/use-resource';
import { useTitle } from '../hooks/use-title';
import { humanize } from '../labels';
import {
  COMPARISON_LABELS,
  COMPARISON_NAMES,
  comparisonFromSearch,
  type PickedRange,
  pickedFromSearch,
  resolveRange,
  viewSearch,
} from '../period';
import { navigate, useLocation } from '../router';
import { href, ROUTES } from '../routes';
import { dataDaysSearch } from './dashboard';

/** The agency's weeks are trailing, so only relative comparisons apply (the API refuses custom). */
const AGENCY_COMPARISONS = ['previous', 'year', 'year_weekday'] as const;
type AgencyComparison = (typeof AGENCY_COMPARISONS)[number];

/** Without a period in the URL, the overview covers each brand's last 7 complete days. */
const AGENCY_DAYS = 7;

/** The overview's query: `days` (each brand's own last N days) or the dates picked, and the comparison. */
export function agencyQuery(period: PickedRange, compare: AgencyComparison, valid: boolean): string {
  const params = new URLSearchParams(
    period.kind === 'trailing'
      ? { days: String(period.days) }
      : valid
        ? { from: period.from, to: period.to }
        : {},
  );
  if (compare !== 'previous') params.set('compare', compare);
  return `?${params}`;
}

/** Health score bands: the colour repeats the number, it never replaces it. */
const band = (score: number) => (score >= 75 ? 'good' : score >= 50 ? 'fair' : 'poor');

/** Every brand the caller may see, most urgent (lowest health) first, as the API orders them. */
export function AgencyPage() {
  useTitle('Agency overview');
  const { api, locale } = useServices();
  const location = useLocation();
  const pickedCompare = comparisonFromSearch(location.search).kind;
  const compare: AgencyComparison = pickedCompare === 'custom' ? 'previous' : pickedCompare;
  // The dashboard's period, in the URL as the dashboard keeps it; the agency's own default is a week.
  const period = pickedFromSearch(location.search, AGENCY_DAYS);
  const go = (next: PickedRange, nextCompare: AgencyComparison) =>
    navigate(`${location.pathname}${viewSearch(next, null, { kind: nextCompare }, AGENCY_DAYS)}`, {
      replace: true,
    });
  // Each brand's "last N days" end yesterday in its own timezone, so the API resolves `days` per brand.
  const resolved = resolveRange(period, new Date(), 'UTC');
  const query = agencyQuery(period, compare, resolved.ok);
  const overview = useResource(`agency${query}`, () =>
    api.get(`/api/agency/overview${query}`, agencyOverview),
  );
  // A link to a brand's dashboard carries the period and the comparison.
  const dashboardSearch = viewSearch(period, null, { kind: compare });
  return (
    <section class="page">
      <h1>Agency overview</h1>
      <div class="inline view-pickers">
        <PeriodPicker
          picked={period}
          onPick={(p) => go(p, compare)}
          current={resolved.ok ? resolved.range : null}
        />
        <label class="inline">
          Compare with
          <select value={compare} onChange={(e) => go(period, e.currentTarget.value as AgencyComparison)}>
            {AGENCY_COMPARISONS.map((k) => (
              <option key={k} value={k}>
                {COMPARISON_LABELS[k]}
              </option>
            ))}
          </select>
        </label>
      </div>
      <p class="muted">
        Every brand you look after, most urgent first. Figures cover{' '}
        {period.kind === 'trailing'
          ? `the last ${period.days} complete days of each brand`
          : resolved.ok
            ? createFormat({ locale, currency: 'USD', timeZone: 'UTC' }).dayRange(period.from, period.to)
            : 'the dates picked'}
        ; changes are against {COMPARISON_NAMES[compare]}.
      </p>
      <Async resource={overview} label="Loading brands…">
        {({ brands }) =>
          brands.length === 0 ? (
            <Empty title="No brands yet">
              <Link href={ROUTES.newBrand}>Add your first brand</Link>
            </Empty>
          ) : (
            <ol class="agency-list">
              {brands.map((b) => (
                <BrandRow
                  key={b.brandId}
                  b={b}
                  search={dashboardSearch}
                  fmt={createFormat({ locale, currency: b.currency, timeZone: 'UTC' })}
                />
              ))}
            </ol>
          )
        }
      </Async>
    </section>
  );
}

/**
 * A brand with no spend and no order in the week: its score of "no problems" would read as healthy,
 * and its $0.00 as a collapse. Said instead, with the days its data covers (an imported store).
 */
export function quietWeek(
  b: Pick<AgencyBrand, 'kpis' | 'dataDays'>,
  fmt: Pick<Format, 'dayRange'>,
): string | null {
  if (b.kpis.spendMinor !== 0 || b.kpis.orders !== 0) return null;
  return b.dataDays
    ? `No data in this period; its data covers ${fmt.dayRange(b.dataDays.from, b.dataDays.to)}.`
    : 'No data yet: connect its store and ad accounts, or import their files.';
}

function BrandRow(props: { b: AgencyBrand; fmt: Format; search: string }) {
  const { b, fmt } = props;
  const alerts = b.openAlerts.critical + b.openAlerts.warning + b.openAlerts.info;
  const quiet = quietWeek(b, fmt);
  return (
    <li class="card agency-row">
      {/* The number is labelled where it is seen: a bare "45" in a circle names nothing. */}
      <div class="health-score">
        {quiet ? (
          <div class="health none">
            <span class="visually-hidden">No health score without data </span>—
          </div>
        ) : (
          <div class={`health ${band(b.healthScore)}`}>
            <span class="visually-hidden">Health score </span>
            {fmt.integer(b.healthScore)}
            <span class="visually-hidden"> of 100</span>
          </div>
        )}
        <span class="muted small" aria-hidden="true">
          Health
        </span>
      </div>
      <div class="agency-main">
        <h2>
          <Link href={`${href('dashboard', { brandId: b.brandId })}${props.search}`}>{b.name}</Link>
        </h2>
        <p>
          {b.topIssue ? (
            <>
              <span class={`pill severity ${b.topIssue.severity}`}>{humanize(b.topIssue.severity)}</span>{' '}
              {b.topIssue.link ? <Link href={b.topIssue.link}>{b.topIssue.title}</Link> : b.topIssue.title}
            </>
          ) : (
            'No open issues.'
          )}
        </p>
        {quiet ? (
          <p class="muted small">
            {quiet}
            {b.dataDays ? (
              <>
                {' '}
                <Link href={`${href('dashboard', { brandId: b.brandId })}${dataDaysSearch(b.dataDays)}`}>
                  Show those days
                </Link>
              </>
            ) : null}
          </p>
        ) : (
          <p class="muted small">
            Revenue {fmt.money(b.kpis.revenueMinor)}
            {b.revenueChange === null ? '' : ` (${fmt.change(b.revenueChange)})`} · spend{' '}
            {fmt.money(b.kpis.spendMinor)} · ROAS {fmt.ratio(b.kpis.blendedRoas)}
          </p>
        )}
      </div>
      <dl class="agency-counts">
        <div>
          <dt>Alerts</dt>
          <dd>
            <Link href={href('alerts', { brandId: b.brandId })}>{fmt.integer(alerts)}</Link>
            {b.openAlerts.critical ? (
              <span class="small"> ({fmt.integer(b.openAlerts.critical)} critical)</span>
            ) : null}
          </dd>
        </div>
        <div>
          <dt>Opportunities</dt>
          <dd>
            <Link href={href('recommendations', { brandId: b.brandId })}>
              {fmt.integer(b.openRecommendations)}
            </Link>
          </dd>
        </div>
      </dl>
    </li>
  );
}
