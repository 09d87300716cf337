import type { z } from 'zod';
import { regionFromNameAnyCountry } from '../../domain/ads/regions';
import type { AdAccount, AdCampaign, AdReportRow } from '../../domain/ads/report';
import { metaErrorKind, metaErrorSchema, metaErrorWords } from '../../domain/meta-graph-errors';
import { parseDecimalToMinor } from '../../domain/money';
import { daysBetween, isLocalDate, type LocalDate } from '../../domain/time';
import {
  PlatformPermissionError,
  RetryableError,
  UnauthenticatedError,
  UpstreamError,
} from '../../kernel/errors';
import { createHttpClient, type HttpRequest } from '../../kernel/http';
import type { AdConnector, AdConnectorOptions } from '../ads/connector';
import { parseBody } from '../ads/connector';
import * as s from './schemas';
import { classifyMetaResponse, pacingDelayMs } from './throttle';

/**
 * Meta Marketing API: `/{act}/insights` at ad set level (`level=adset`: each row names its
 * `adset_id`/`adset_name` and its campaign), one row per day (`time_increment=1`).
 * Two breakdowns are read because Meta no longer returns off-Meta actions (pixel purchases) with
 * the `region` breakdown: `region` gives delivery (spend, impressions, clicks) per region, and
 * `country` gives the purchases and purchase value, stored on country-level rows with zero spend.
 * Long ranges run as async report jobs (POST → report_run_id → poll → read).
 */
export const META_API_VERSION = 'v23.0';
export const META_GRAPH_URL = 'https://graph.facebook.com';
/** Longer ranges than this go through an async report run (sync calls time out on big accounts). */
export const META_ASYNC_AFTER_DAYS = 14;
/** Overlapping purchase action types: the first present is used, never their sum. */
export const PURCHASE_ACTION_TYPES = ['omni_purchase', 'purchase', 'offsite_conversion.fb_pixel_purchase'];
export const ATTRIBUTION_WINDOWS = ['7d_click', '1d_view'];
/** Meta's 368 ("temporarily blocked … wait and retry"): the task comes back an hour later. */
const META_BLOCKED_RETRY_MS = 3_600_000;
/** The longest pause taken inside a sync before handing the task back to the queue. */
const MAX_IN_PROCESS_PAUSE_MS = 30_000;

const STATUS: Record<string, AdCampaign['status']> = {
  ACTIVE: 'active',
  PAUSED: 'paused',
  ARCHIVED: 'archived',
  DELETED: 'deleted',
};

export function createMetaConnector(options: AdConnectorOptions): AdConnector {
  const root = `${(options.baseUrl ?? META_GRAPH_URL).replace(/\/$/, '')}/${META_API_VERSION}`;
  const sleep = options.retry?.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const http = createHttpClient({
    fetch: options.fetch,
    ...(options.logger ? { logger: options.logger } : {}),
    ...options.retry,
    classify: classifyMetaResponse,
  });
  const auth = { authorization: `Bearer ${options.credentials.accessToken}` };
  const maxPauseMs = options.retry?.maxDelayMs ?? MAX_IN_PROCESS_PAUSE_MS;
  let pauseBeforeNext = 0;

  async function call<T extends z.ZodType>(schema: T, req: HttpRequest, what: string) {
    // Near the usage cap, Meta asks for minutes of quiet: longer than a short pause and the task is
    // handed back to the queue (RetryableError) instead of holding a function instance asleep.
    if (pauseBeforeNext > maxPauseMs)
      throw new RetryableError(
        `meta: ad account usage near its cap, resume in ${pauseBeforeNext} ms`,
        pauseBeforeNext,
      );
    if (pauseBeforeNext > 0) await sleep(pauseBeforeNext);
    try {
      const res = await http.request({ ...req, headers: { ...auth, ...req.headers } });
      pauseBeforeNext = pacingDelayMs(res.headers);
      return parseBody(schema, res.body, `meta ${what}`);
    } catch (err) {
      const details = metaErrorSchema.safeParse(err instanceof UpstreamError ? err.details : undefined);
      if (!details.success) throw err;
      // What Meta documents for the code (decision 1005), in the words it wrote for a person.
      const error = details.data.error;
      const said = metaErrorWords(error);
      switch (metaErrorKind(error)) {
        case 'token':
          throw new UnauthenticatedError(`meta: access token rejected (${said})`);
        case 'permission':
          throw new PlatformPermissionError(`meta ${what}: missing permission (${said})`);
        case 'blocked':
          throw new RetryableError(`meta ${what}: temporarily blocked (${said})`, META_BLOCKED_RETRY_MS);
        default:
          throw new UpstreamError(`meta ${what}: ${said} (code ${error.code})`);
      }
    }
  }

  async function readPages<T extends z.ZodType>(
    item: T,
    path: string,
    params: Record<string, string>,
    what: string,
  ) {
    const out: z.infer<T>[] = [];
    let after: string | undefined;
    do {
      const q = new URLSearchParams({ ...params, ...(after ? { after } : {}) });
      const page = await call(s.pageSchema(item), { url: `${root}/${path}?${q}` }, what);
      out.push(...page.data);
      after = page.paging?.next ? page.paging.cursors?.after : undefined;
    } while (after);
    return out;
  }

  async function insights(
    account: AdAccount,
    breakdown: 'region' | 'country',
    fields: string[],
    from: LocalDate,
    to: LocalDate,
  ) {
    const params = {
      level: 'adset',
      time_increment: '1',
      breakdowns: breakdown,
      fields: fields.join(','),
      time_range: JSON.stringify({ since: from, until: to }),
      action_attribution_windows: JSON.stringify(ATTRIBUTION_WINDOWS),
      limit: '500',
    };
    if (daysBetween(from, to) + 1 <= META_ASYNC_AFTER_DAYS)
      return readPages(s.insightSchema, `${account.accountId}/insights`, params, 'insights');
    const run = await call(
      s.reportRunSchema,
      { method: 'POST', url: `${root}/${account.accountId}/insights`, body: params },
      'report run',
    );
    for (let poll = 0; ; poll++) {
      const status = await call(
        s.reportStatusSchema,
        { url: `${root}/${run.report_run_id}` },
        'report status',
      );
      if (status.async_status === 'Job Completed') break;
      if (status.async_status === 'Job Failed' || status.async_status === 'Job Skipped')
        throw new UpstreamError(`meta report run ${run.report_run_id}: ${status.async_status}`);
      if (poll > 120) throw new UpstreamError(`meta report run ${run.report_run_id} did not finish`);
      await sleep(options.pollIntervalMs ?? 2_000);
    }
    return readPages(s.insightSchema, `${run.report_run_id}/insights`, { limit: '500' }, 'report rows');
  }

  const day = (v: string): LocalDate => {
    if (!isLocalDate(v)) throw new UpstreamError(`meta: not a date "${v}"`);
    return v;
  };
  const purchases = (list: s.Insight['actions'], currency?: string) => {
    const hit = PURCHASE_ACTION_TYPES.map((t) => list?.find((a) => a.action_type === t)).find(Boolean);
    if (!hit) return 0;
    return currency ? parseDecimalToMinor(hit.value, currency) : Number(hit.value);
  };

  const toCampaign = (account: AdAccount, c: z.infer<typeof s.campaignSchema>): AdCampaign => ({
    platform: 'meta',
    accountId: account.accountId,
    campaignId: c.id,
    name: c.name,
    status: STATUS[c.status] ?? 'paused',
    rawStatus: c.status,
    ...(c.objective ? { objective: c.objective } : {}),
    // Meta budgets are already in the account currency's minor unit; "0" means "not set".
    ...(c.daily_budget && c.daily_budget !== '0' ? { dailyBudgetMinor: Number(c.daily_budget) } : {}),
    ...(c.lifetime_budget && c.lifetime_budget !== '0'
      ? { lifetimeBudgetMinor: Number(c.lifetime_budget) }
      : {}),
    currency: account.currency,
  });
  const CAMPAIGN_FIELDS = 'id,name,status,objective,daily_budget,lifetime_budget';

  return {
    platform: 'meta',
    async account(accountId) {
      const a = await call(
        s.accountSchema,
        { url: `${root}/${accountId}?fields=id,name,currency,timezone_name` },
        'account',
      );
      return {
        accountId,
        currency: a.currency,
        timezone: a.timezone_name,
        ...(a.name ? { name: a.name } : {}),
      };
    },
    async report(account, from, to) {
      const unmapped: string[] = [];
      const base = (r: s.Insight) => ({
        platform: 'meta' as const,
        accountId: account.accountId,
        campaignId: r.campaign_id,
        ...(r.campaign_name ? { campaignName: r.campaign_name } : {}),
        ...(r.adset_id ? { adsetId: r.adset_id, ...(r.adset_name ? { adsetName: r.adset_name } : {}) } : {}),
        date: day(r.date_start),
        currency: account.currency,
      });
      const delivery = await insights(
        account,
        'region',
        ['campaign_id', 'campaign_name', 'adset_id', 'adset_name', 'spend', 'impressions', 'clicks'],
        from,
        to,
      );
      const conversions = await insights(
        account,
        'country',
        [
          'campaign_id',
          'campaign_name',
          'adset_id',
          'adset_name',
          'actions',
          'action_values',
          'attribution_setting',
        ],
        from,
        to,
      );
      const rows: AdReportRow[] = delivery.map((r) => {
        const geo = r.region ? regionFromNameAnyCountry(r.region) : undefined;
        if (r.region && !geo) unmapped.push(r.region);
        return {
          ...base(r),
          ...(geo?.country ? { country: geo.country } : {}),
          ...(geo?.region ? { region: geo.region } : {}),
          spendMinor: r.spend ? parseDecimalToMinor(r.spend, account.currency) : 0,
          impressions: r.impressions ?? 0,
          clicks: r.clicks ?? 0,
          conversions: 0,
          conversionValueMinor: 0,
        };
      });
      for (const r of conversions) {
        rows.push({
          ...base(r),
          ...(r.country ? { country: r.country.toUpperCase() } : {}),
          spendMinor: 0,
          impressions: 0,
          clicks: 0,
          conversions: purchases(r.actions),
          conversionValueMinor: purchases(r.action_values, account.currency),
          attributionSetting: r.attribution_setting ?? ATTRIBUTION_WINDOWS.join(','),
        });
      }
      return { rows, unmappedRegions: [...new Set(unmapped)] };
    },
    async campaigns(account) {
      const list = await readPages(
        s.campaignSchema,
        `${account.accountId}/campaigns`,
        { fields: CAMPAIGN_FIELDS, limit: '100' },
        'campaigns',
      );
      return list.map((c) => toCampaign(account, c));
    },
    async campaign(account, campaignId) {
      return toCampaign(
        account,
        await call(s.campaignSchema, { url: `${root}/${campaignId}?fields=${CAMPAIGN_FIELDS}` }, 'campaign'),
      );
    },
    async setDailyBudget(_account, campaignId, dailyBudgetMinor) {
      await call(
        s.successSchema,
        { method: 'POST', url: `${root}/${campaignId}`, body: { daily_budget: String(dailyBudgetMinor) } },
        'budget update',
      );
    },
    async setStatus(_account, campaignId, status) {
      await call(
        s.successSchema,
        {
          method: 'POST',
          url: `${root}/${campaignId}`,
          body: { status: status === 'active' ? 'ACTIVE' : 'PAUSED' },
        },
        'status update',
      );
    },
    async refresh(now) {
      const { clientId, clientSecret, accessToken } = options.credentials;
      if (!clientId || !clientSecret)
        throw new UnauthenticatedError('meta: token expired and no app credentials to exchange it');
      // A long-lived user token is renewed by exchanging it (fb_exchange_token) before it lapses.
      const q = new URLSearchParams({
        grant_type: 'fb_exchange_token',
        client_id: clientId,
        client_secret: clientSecret,
        fb_exchange_token: accessToken,
      });
      const res = await http.request({ url: `${root}/oauth/access_token?${q}` });
      const token = parseBody(s.tokenSchema, res.body, 'meta token exchange');
      return {
        ...options.credentials,
        accessToken: token.access_token,
        ...(token.expires_in
          ? { expiresAt: new Date(now.getTime() + token.expires_in * 1000).toISOString() }
          : {}),
      };
    },
  };
}
