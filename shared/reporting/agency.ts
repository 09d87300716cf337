import { alertsInView } from '../domain/alerts/snooze';
import { alertSubject } from '../domain/alerts/subject';
import type { Alert, Brand, Integration, Recommendation } from '../domain/entities';
import { platformName } from '../domain/names/names';
import { ratio } from '../domain/phrasing';
import { healthScore } from '../domain/reporting/health';
import type { Kpis } from '../domain/reporting/kpis';
import { change } from '../domain/reporting/kpis';
import { completeDays } from '../domain/reporting/named-period';
import {
  type Comparison,
  comparisonPeriod,
  DEFAULT_COMPARISON,
  type Period,
} from '../domain/reporting/period';
import type { TenantContext } from '../domain/tenancy';
import { toLocalDate } from '../domain/time';
import type { Clock } from '../ports/clock';
import type { OperationalStore } from '../ports/operational-store';
import type { DashboardQueries } from './dashboard';

export interface TopIssue {
  kind: 'integration' | 'alert' | 'recommendation' | 'roas';
  id?: string;
  title: string;
  severity: string;
  /** The app page of what an alert is about (shared/domain/alerts/subject.ts). */
  link?: string;
}

export interface BrandHealth {
  brandId: string;
  name: string;
  currency: string;
  healthScore: number;
  kpis: Kpis;
  revenueChange: number | null;
  openAlerts: { critical: number; warning: number; info: number };
  openRecommendations: number;
  /** The days its figures cover, in the brand's own timezone. */
  period: Period;
  /** The first and last day the brand has spend or orders, so a quiet period can say where its data is. */
  dataDays: Period | null;
  topIssue: TopIssue | null;
}

const SEVERITY_RANK = { critical: 0, warning: 1, info: 2 } as const;
const PRIORITY_RANK = { critical: 0, high: 1, medium: 2, low: 3 } as const;
/**
 * Without a period asked for, the overview looks at the last 7 complete days, each brand in its
 * own timezone — the period the dashboard's "Last 7 days" shows (today is still arriving and
 * would always look down).
 */
export const AGENCY_DEFAULT_DAYS = 7;

/** A connection that was set up and stopped: disconnected later, or failing. Never set up is not broken. */
const isBroken = (i: Integration) =>
  i.status === 'error' || (i.status === 'disconnected' && i.lastSyncAt !== undefined);

function topIssue(
  broken: Integration[],
  alerts: Alert[],
  recs: Recommendation[],
  kpis: Kpis,
  brand: Brand,
): TopIssue | null {
  const first = [...broken].sort(
    (a, b) => Number(b.platform === 'shopify') - Number(a.platform === 'shopify'),
  )[0];
  if (first)
    return {
      kind: 'integration',
      title:
        first.status === 'error'
          ? `${platformName(first.platform)} is failing to sync: its numbers are out of date`
          : `${platformName(first.platform)} is disconnected: its numbers stopped updating`,
      severity: 'critical',
    };
  const alert = [...alerts].sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity])[0];
  const rec = [...recs].sort(
    (a, b) => PRIORITY_RANK[a.priority] - PRIORITY_RANK[b.priority] || b.score - a.score,
  )[0];
  if (alert?.severity === 'critical' || (alert && !rec))
    return {
      kind: 'alert',
      id: alert.id,
      title: alert.title,
      severity: alert.severity,
      link: alertSubject(alert).path,
    };
  if (rec) return { kind: 'recommendation', id: rec.id, title: rec.title, severity: rec.priority };
  if (kpis.blendedRoas !== null && kpis.blendedRoas < brand.targets.roasTarget)
    return {
      kind: 'roas',
      title: `ROAS ${ratio(kpis.blendedRoas)} is below the target of ${ratio(brand.targets.roasTarget)}`,
      severity: 'warning',
    };
  return null;
}

/** Every brand the caller may see, most urgent first: open alerts, recommendations and last week's KPIs. */
export async function agencyOverview(
  deps: { store: OperationalStore; clock: Clock; dashboards: DashboardQueries },
  ctx: TenantContext,
  /** What each brand's period is compared with (the revenue change): the days before by default. */
  comparison: Comparison = DEFAULT_COMPARISON,
  /** The days each brand's figures cover (the API resolves `from`/`to`/`days` per brand). */
  periodOf: (brand: Brand) => Period = (brand) =>
    completeDays(toLocalDate(deps.clock.now(), brand.timezone), AGENCY_DEFAULT_DAYS),
): Promise<BrandHealth[]> {
  const brands = await deps.store.brands.list(ctx);
  const rows = await Promise.all(
    brands.map(async (brand): Promise<BrandHealth & { spend: number }> => {
      const period = periodOf(brand);
      const [integrations, alerts, recs, pair] = await Promise.all([
        deps.store.integrations.list(ctx, brand.id),
        deps.store.alerts
          .listByStatus(ctx, brand.id, { status: 'open', limit: 100 })
          .then((open) => alertsInView(open, 'open', deps.clock.now())),
        deps.store.recommendations.listByStatus(ctx, brand.id, { status: 'open', limit: 100 }),
        deps.dashboards.kpis(ctx, brand, period, comparisonPeriod(period, comparison)),
      ]);
      const count = (s: Alert['severity']) => alerts.filter((a) => a.severity === s).length;
      const openAlerts = { critical: count('critical'), warning: count('warning'), info: count('info') };
      // No percentage against a week that was barely recorded (decision 895).
      const revenueChange = pair.incomplete.includes('revenueMinor')
        ? null
        : change(pair.current.revenueMinor, pair.previous.revenueMinor);
      const broken = integrations.filter(isBroken);
      return {
        brandId: brand.id,
        name: brand.name,
        currency: brand.currency,
        healthScore: healthScore({
          alerts: openAlerts,
          recommendations: {
            critical: recs.filter((r) => r.priority === 'critical').length,
            high: recs.filter((r) => r.priority === 'high').length,
          },
          roas: pair.current.blendedRoas,
          roasTarget: brand.targets.roasTarget,
          revenueChange,
          brokenIntegrations: broken.map((i) => i.platform),
        }),
        kpis: pair.current,
        revenueChange,
        period,
        openAlerts,
        openRecommendations: recs.length,
        dataDays: pair.dataDays,
        topIssue: topIssue(broken, alerts, recs, pair.current, brand),
        spend: pair.current.spendMinor,
      };
    }),
  );
  // Most urgent first; among equals, the one with more money at stake.
  return rows
    .sort((a, b) => a.healthScore - b.healthScore || b.spend - a.spend || a.name.localeCompare(b.name))
    .map(({ spend: _spend, ...row }) => row);
}
