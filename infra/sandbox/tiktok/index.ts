/**
 * TikTok Business API sandbox (v1.3): advertiser info, the integrated report at AUCTION_CAMPAIGN
 * or AUCTION_ADGROUP (BASIC per campaign or ad group and day; AUDIENCE also per country and
 * province), campaign get/update/status, the
 * token refresh, and TikTok's envelope: HTTP 200 with `code` ≠ 0 for errors (40100 = too many
 * requests, 40105 = access token invalid or expired). The account is EUR in Europe/Berlin.
 */
import { Hono } from 'hono';
import { geoNamesIdOf } from '../../../shared/domain/ads/regions';
import { formatMinor, parseDecimalToMinor } from '../../../shared/domain/money';
import type { LocalDate } from '../../../shared/domain/time';
import { type AdFact, campaignsOf, factsFor, splitFact, sumFacts } from '../ads/facts';
import { consentRedirect, createCodeBook } from '../ads/oauth';
import { pageOf } from '../ads/paging';
import { createSandboxState, faultMiddleware, mountEcbRates, type SandboxOptions } from '../ads/serve';
import { AD_ACCOUNTS } from '../world';

export const TIKTOK_SANDBOX_TOKEN = 'tiktok-sandbox-token';
export const TIKTOK_SANDBOX_APP = {
  clientId: 'pp-tiktok-app',
  clientSecret: 'pp-tiktok-secret',
  refreshToken: 'tiktok-refresh',
};
const ACCOUNT = AD_ACCOUNTS.tiktok;
const PREFIX = '/open_api/v1.3';

const envelope = (code: number, message: string, data: unknown = {}) => ({
  code,
  message,
  request_id: `sandbox-${Date.now()}`,
  data,
});
const json = <T>(v: string | undefined, fallback: T): T => {
  try {
    return v ? (JSON.parse(v) as T) : fallback;
  } catch {
    return fallback;
  }
};

type ReportRow = { dimensions: Record<string, string>; metrics: Record<string, string> };
export type TiktokDataLevel = 'AUCTION_CAMPAIGN' | 'AUCTION_ADGROUP';
const DATA_LEVELS: readonly string[] = ['AUCTION_CAMPAIGN', 'AUCTION_ADGROUP'];

/**
 * Each campaign's two ad groups and the share of its delivery the first takes. Ad group ids are
 * numeric strings like TikTok's; at AUCTION_ADGROUP the row's id dimension is `adgroup_id` and BASIC
 * rows name the campaign in the attribute metrics (AUDIENCE rows carry none).
 */
const AD_GROUPS = [
  { suffix: '1', name: 'Interests — running' },
  { suffix: '2', name: 'Lookalike — purchasers' },
] as const;
type LeveledFact = AdFact & { adsetId?: string; adsetName?: string };
/** A campaign fact as the sandbox reports it at AUCTION_ADGROUP: split exactly over its ad groups. */
export const perAdGroup = (f: AdFact) => splitFact(f, AD_GROUPS, 0.58);

export function reportRows(
  type: string,
  level: TiktokDataLevel,
  from: LocalDate,
  to: LocalDate,
  asOf: LocalDate,
): ReportRow[] {
  const campaignFacts = factsFor('tiktok', from, to, asOf);
  const facts: LeveledFact[] =
    level === 'AUCTION_ADGROUP' ? campaignFacts.flatMap(perAdGroup) : campaignFacts;
  const money = (minor: number) => formatMinor(minor, ACCOUNT.currency);
  const id = (f: LeveledFact): Record<string, string> =>
    f.adsetId ? { adgroup_id: f.adsetId } : { campaign_id: f.campaign.nativeId };
  if (type === 'AUDIENCE')
    return facts.map((f) => ({
      dimensions: {
        ...id(f),
        stat_time_day: `${f.date} 00:00:00`,
        country_code: f.region.country,
        province_id: geoNamesIdOf(f.region.code) ?? '0',
      },
      metrics: { spend: money(f.spendMinor), impressions: String(f.impressions), clicks: String(f.clicks) },
    }));
  const days = sumFacts(
    facts,
    (f) => `${f.campaign.nativeId}|${(f as LeveledFact).adsetId ?? ''}|${f.date}`,
  ) as LeveledFact[];
  return days.map((d) => ({
    dimensions: { ...id(d), stat_time_day: `${d.date} 00:00:00` },
    metrics: {
      ...(d.adsetId ? { adgroup_name: d.adsetName ?? '', campaign_id: d.campaign.nativeId } : {}),
      campaign_name: d.campaign.name,
      currency: ACCOUNT.currency,
      spend: money(d.spendMinor),
      impressions: String(d.impressions),
      clicks: String(d.clicks),
      complete_payment: String(Math.round(d.conversions * 100) / 100),
      total_complete_payment_rate: money(d.conversionValueMinor),
    },
  }));
}

export async function startTiktokSandbox(options: SandboxOptions) {
  const state = createSandboxState('tiktok', options, TIKTOK_SANDBOX_TOKEN);
  const codes = createCodeBook('tiktok');
  const { faults, tokens, settings } = state;
  const app = new Hono();
  mountEcbRates(app);
  app.use(
    `${PREFIX}/*`,
    faultMiddleware(faults, (c, kind) =>
      kind === 'throttle'
        ? c.json(envelope(40100, 'Requests made too frequently. Please try again later.'))
        : c.json(envelope(50000, 'System error'), 503),
    ),
  );
  // TikTok API for Business authorization: the advertiser's consent at /portal/auth returns
  // `auth_code`; /oauth2/access_token/ exchanges it for a long-term token and the advertiser ids.
  app.get('/portal/auth', (c) => {
    const redirectUri = c.req.query('redirect_uri');
    if (c.req.query('app_id') !== TIKTOK_SANDBOX_APP.clientId || !redirectUri)
      return c.json(envelope(40001, 'app_id or redirect_uri is invalid'));
    const code = codes.issue(redirectUri);
    return c.redirect(
      consentRedirect(redirectUri, { auth_code: code, code, state: c.req.query('state') ?? '' }),
      302,
    );
  });
  app.post(`${PREFIX}/oauth2/access_token/`, async (c) => {
    const body = (await c.req.json().catch(() => ({}))) as Record<string, string>;
    if (body.app_id !== TIKTOK_SANDBOX_APP.clientId || body.secret !== TIKTOK_SANDBOX_APP.clientSecret)
      return c.json(envelope(40001, 'app_id or secret is invalid'));
    if (!codes.redeem(body.auth_code, undefined))
      return c.json(envelope(40002, 'auth_code is invalid or expired'));
    return c.json(
      envelope(0, 'OK', {
        access_token: tokens.issue(),
        advertiser_ids: [ACCOUNT.accountId],
        scope: [4, 5, 6],
      }),
    );
  });
  app.post(`${PREFIX}/oauth2/refresh_token/`, async (c) => {
    const body = (await c.req.json().catch(() => ({}))) as Record<string, string>;
    if (
      body.secret !== TIKTOK_SANDBOX_APP.clientSecret ||
      body.refresh_token !== TIKTOK_SANDBOX_APP.refreshToken
    )
      return c.json(envelope(40002, 'invalid refresh_token'));
    return c.json(
      envelope(0, 'OK', {
        access_token: tokens.issue(),
        refresh_token: TIKTOK_SANDBOX_APP.refreshToken,
        access_token_expire_in: 86_400,
      }),
    );
  });
  app.use(`${PREFIX}/*`, async (c, next) => {
    if (!tokens.accepts(c.req.header('access-token')))
      return c.json(envelope(40105, 'The access token is invalid or has expired.'));
    await next();
  });
  const badAdvertiser = (id: string | undefined) => id !== ACCOUNT.accountId;

  app.get(`${PREFIX}/advertiser/info/`, (c) => {
    const ids = json<string[]>(c.req.query('advertiser_ids'), []);
    if (!ids.includes(ACCOUNT.accountId))
      return c.json(envelope(40001, 'No permission to operate advertiser'));
    return c.json(
      envelope(0, 'OK', {
        list: [
          {
            advertiser_id: ACCOUNT.accountId,
            name: 'Demo Brand EU',
            currency: ACCOUNT.currency,
            timezone: ACCOUNT.timezone,
          },
        ],
      }),
    );
  });
  app.get(`${PREFIX}/report/integrated/get/`, (c) => {
    const q = (k: string) => c.req.query(k);
    if (badAdvertiser(q('advertiser_id')))
      return c.json(envelope(40001, 'No permission to operate advertiser'));
    const from = q('start_date') as LocalDate | undefined;
    const to = q('end_date') as LocalDate | undefined;
    const level = q('data_level') ?? '';
    if (!from || !to || !DATA_LEVELS.includes(level))
      return c.json(envelope(40002, 'start_date, end_date and data_level are required'));
    if ((Date.parse(to) - Date.parse(from)) / 86_400_000 > 29)
      return c.json(envelope(40002, 'The time span cannot exceed 30 days when stat_time_day is used.'));
    const rows = reportRows(q('report_type') ?? 'BASIC', level as TiktokDataLevel, from, to, state.asOf());
    const page = Number(q('page') ?? 1);
    const size = Number(q('page_size') ?? 10);
    const list = pageOf(rows, (page - 1) * size, size);
    return c.json(
      envelope(0, 'OK', {
        list,
        page_info: {
          page,
          page_size: size,
          total_number: rows.length,
          total_page: Math.ceil(rows.length / size),
        },
      }),
    );
  });
  const campaignJson = (nativeId: string) => {
    const camp = campaignsOf('tiktok').find((x) => x.nativeId === nativeId)!;
    const s = settings.get(nativeId)!;
    return {
      campaign_id: nativeId,
      campaign_name: camp.name,
      objective_type: camp.objective,
      budget: Number(formatMinor(s.dailyBudgetMinor, ACCOUNT.currency)),
      budget_mode: 'BUDGET_MODE_DAY',
      operation_status: s.status === 'active' ? 'ENABLE' : 'DISABLE',
    };
  };
  app.get(`${PREFIX}/campaign/get/`, (c) => {
    if (badAdvertiser(c.req.query('advertiser_id')))
      return c.json(envelope(40001, 'No permission to operate advertiser'));
    const only = json<{ campaign_ids?: string[] }>(c.req.query('filtering'), {}).campaign_ids;
    const all = campaignsOf('tiktok')
      .filter((x) => !only || only.includes(x.nativeId))
      .map((x) => campaignJson(x.nativeId));
    const page = Number(c.req.query('page') ?? 1);
    const size = Number(c.req.query('page_size') ?? 10);
    return c.json(
      envelope(0, 'OK', {
        list: pageOf(all, (page - 1) * size, size),
        page_info: {
          page,
          page_size: size,
          total_number: all.length,
          total_page: Math.ceil(all.length / size),
        },
      }),
    );
  });
  app.post(`${PREFIX}/campaign/update/`, async (c) => {
    const body = (await c.req.json().catch(() => ({}))) as {
      advertiser_id?: string;
      campaign_id?: string;
      budget?: number;
    };
    if (badAdvertiser(body.advertiser_id))
      return c.json(envelope(40001, 'No permission to operate advertiser'));
    if (!body.campaign_id || !settings.get(body.campaign_id))
      return c.json(envelope(40002, 'campaign_id does not exist'));
    if (body.budget !== undefined)
      settings.update(body.campaign_id, {
        dailyBudgetMinor: parseDecimalToMinor(String(body.budget), ACCOUNT.currency),
      });
    return c.json(envelope(0, 'OK', { campaign_id: body.campaign_id }));
  });
  app.post(`${PREFIX}/campaign/status/update/`, async (c) => {
    const body = (await c.req.json().catch(() => ({}))) as {
      advertiser_id?: string;
      campaign_ids?: string[];
      operation_status?: string;
    };
    if (badAdvertiser(body.advertiser_id))
      return c.json(envelope(40001, 'No permission to operate advertiser'));
    if (body.operation_status !== 'ENABLE' && body.operation_status !== 'DISABLE')
      return c.json(envelope(40002, 'operation_status is invalid'));
    const ids = (body.campaign_ids ?? []).filter((id) => settings.get(id));
    for (const id of ids)
      settings.update(id, { status: body.operation_status === 'ENABLE' ? 'active' : 'paused' });
    return c.json(envelope(0, 'OK', { campaign_ids: ids }));
  });

  return state.serve(app);
}
export type TiktokSandbox = Awaited<ReturnType<typeof startTiktokSandbox>>;
