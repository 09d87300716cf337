/**
 * Funnels computed in the warehouse (docs/decisions/855–857), in the SQL subset BigQuery and
 * DuckDB share: dates and the window arrive as parameters, time is compared as UNIX_MILLIS,
 * sessions come from LAG and a running SUM, the channel from STRPOS over the landing URL.
 * Only one row per (channel, device, deepest step) leaves the warehouse. Events marked `bot`
 * are not read: a crawler is nobody's visit (docs/decisions/940).
 */

import { deviceClassOf } from '../domain/customers/device';
import {
  type DepthCount,
  type FunnelBreakdown,
  type FunnelStep,
  summariseFunnel,
} from '../domain/customers/funnels';
import { AD_PLATFORM_FACTS } from '../domain/entities/integration';
import type { TenantContext } from '../domain/tenancy';
import { addDays, type LocalDate } from '../domain/time';
import type { Warehouse, WarehouseParam } from '../ports/warehouse';

/** A visit ends after 30 minutes without an event (Shopify's and Google Analytics' rule). */
export const SESSION_GAP_MS = 30 * 60_000;
const DAY_MS = 86_400_000;

const PAID_MEDIUMS = ['cpc', 'ppc', 'paid', 'paid_social', 'paidsocial', 'cpm', 'display', 'shopping'];

/**
 * The channel of a landing URL, as attribution names it (shared/domain/attribution/channels.ts):
 * a click id names its platform; a paid utm_medium with a platform's utm_source names the
 * platform; then email, organic search, organic social, referral; no campaign parameters is
 * direct. Parameters are matched as `name=value&` in the lower-cased query string with `&`
 * prepended and appended, so `utm_source=fb` does not match `utm_source=fbx`.
 */
export function landingChannelSql(url: string): string {
  const q = `CONCAT('&', REPLACE(REPLACE(LOWER(COALESCE(${url}, '')), '?', '&'), '#', '&'), '&')`;
  const has = (param: string) => `STRPOS(${q}, '&${param}=') > 0`;
  const is = (param: string, values: readonly string[]) =>
    `(${values.map((v) => `STRPOS(${q}, '&${param}=${v}&') > 0`).join(' OR ')})`;
  const platforms = Object.entries(AD_PLATFORM_FACTS);
  const byClick = platforms.map(([p, f]) => `WHEN ${f.clickIdParams.map(has).join(' OR ')} THEN '${p}'`);
  const bySource = platforms.map(
    ([p, f]) => `WHEN ${is('utm_medium', PAID_MEDIUMS)} AND ${is('utm_source', f.utmSources)} THEN '${p}'`,
  );
  const social = platforms.flatMap(([, f]) => f.utmSources);
  return `CASE ${[...byClick, ...bySource].join(' ')}
    WHEN ${is('utm_medium', ['email'])} OR ${is('utm_source', ['klaviyo', 'email'])} THEN 'email'
    WHEN ${is('utm_medium', ['organic'])} THEN 'organic_search'
    WHEN ${is('utm_medium', ['social'])} OR ${is('utm_source', social)} THEN 'organic_social'
    WHEN ${has('utm_medium')} OR ${has('utm_source')} THEN 'referral'
    ELSE 'direct' END`;
}

const stepParam = (k: number) => `step${k + 1}`;
const inStep = (column: string, k: number) => `${column} IN (SELECT * FROM UNNEST(@${stepParam(k)}))`;

/** Deepest step per visitor (best attempt), counted per entry channel and the entry event's device. */
export function funnelSql(stepCount: number): string {
  const chain: string[] = [];
  for (let k = 1; k < stepCount; k++) {
    const prev = k === 1 ? 'e1' : `e${k}`;
    const prevT = k === 1 ? 't1' : `t${k}`;
    chain.push(`e${k + 1} AS (
  SELECT p.client_id, p.t1, MIN(x.ts) AS t${k + 1}
  FROM ${prev} p JOIN ev x ON x.client_id = p.client_id
  WHERE ${inStep('x.type', k)} AND x.ts >= p.${prevT} AND x.ts <= p.t1 + @windowMs
  GROUP BY p.client_id, p.t1
)`);
  }
  const joins = Array.from(
    { length: stepCount - 1 },
    (_, i) => `LEFT JOIN e${i + 2} ON e${i + 2}.client_id = e1.client_id AND e${i + 2}.t1 = e1.t1`,
  ).join('\n  ');
  const depth = `CASE ${Array.from(
    { length: stepCount - 1 },
    (_, i) => `WHEN e${stepCount - i}.client_id IS NOT NULL THEN ${stepCount - i}`,
  ).join(' ')} ELSE 1 END`;
  return `
WITH ev AS (
  SELECT client_id, event_id, type, url, day, UNIX_MILLIS(occurred_at) AS ts,
         COALESCE(device, 'unknown') AS device
  FROM {{events}}
  WHERE brand_id = @brandId AND client_id IS NOT NULL
    AND day >= CAST(@lookFrom AS DATE) AND day <= CAST(@until AS DATE)
    AND (device IS NULL OR device <> 'bot')
),
gaps AS (
  SELECT client_id, event_id, type, url, day, ts, device,
         LAG(ts) OVER (PARTITION BY client_id ORDER BY ts, event_id) AS prev_ts
  FROM ev
),
sessions AS (
  SELECT client_id, type, url, day, ts, device,
         CASE WHEN prev_ts IS NULL OR ts - prev_ts > ${SESSION_GAP_MS} THEN 1 ELSE 0 END AS starts,
         SUM(CASE WHEN prev_ts IS NULL OR ts - prev_ts > ${SESSION_GAP_MS} THEN 1 ELSE 0 END)
           OVER (PARTITION BY client_id ORDER BY ts, event_id ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS session_no
  FROM gaps
),
landings AS (
  SELECT client_id, session_no, url AS landing_url FROM sessions WHERE starts = 1
),
e1 AS (
  SELECT DISTINCT s.client_id, s.ts AS t1, l.landing_url, s.device
  FROM sessions s JOIN landings l ON l.client_id = s.client_id AND l.session_no = s.session_no
  WHERE ${inStep('s.type', 0)} AND s.day >= CAST(@from AS DATE) AND s.day <= CAST(@to AS DATE)
),
${chain.join(',\n')},
attempts AS (
  SELECT e1.client_id, e1.t1, e1.landing_url, e1.device, ${depth} AS depth
  FROM e1
  ${joins}
),
best AS (
  SELECT client_id, depth, landing_url, device,
         ROW_NUMBER() OVER (PARTITION BY client_id ORDER BY depth DESC, t1, device) AS rn
  FROM attempts
)
SELECT channel, device, depth, COUNT(*) AS visitors FROM (
  SELECT ${landingChannelSql('landing_url')} AS channel, device, depth FROM best WHERE rn = 1
) b
GROUP BY channel, device, depth`;
}

export interface FunnelQuery {
  readonly brandId: string;
  readonly from: LocalDate;
  readonly to: LocalDate;
  readonly steps: readonly FunnelStep[];
  readonly windowDays: number;
  /** What the per-row split is by (default: the entry channel). */
  readonly by?: FunnelBreakdown;
}

/**
 * Reads a funnel. Events are read from the day before `from` (a session that began before
 * midnight keeps its landing page) to `windowDays + 1` after `to` (a step may follow its entry
 * by the whole window; one more day covers brand-local days against UTC instants).
 */
export async function readFunnel(warehouse: Pick<Warehouse, 'query'>, ctx: TenantContext, q: FunnelQuery) {
  const params: Record<string, WarehouseParam> = {
    brandId: q.brandId,
    from: q.from,
    to: q.to,
    lookFrom: addDays(q.from, -1),
    until: addDays(q.to, q.windowDays + 1),
    windowMs: q.windowDays * DAY_MS,
  };
  q.steps.forEach((s, k) => {
    params[stepParam(k)] = [...s.types];
  });
  const rows = await warehouse.query<{ channel: string; device: string; depth: number; visitors: number }>(
    ctx,
    funnelSql(q.steps.length),
    params,
  );
  const depths: DepthCount[] = rows.map((r) => ({
    channel: String(r.channel),
    device: deviceClassOf(r.device),
    depth: Number(r.depth),
    visitors: Number(r.visitors),
  }));
  return summariseFunnel(q.steps, depths, q.by ?? 'channel');
}
