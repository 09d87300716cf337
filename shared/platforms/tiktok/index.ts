import { z } from 'zod';
import { regionFromGeoNamesId } from '../../domain/ads/regions';
import type { AdAccount, AdCampaign, AdReportRow } from '../../domain/ads/report';
import { formatMinor, parseDecimalToMinor } from '../../domain/money';
import { addDays, type LocalDate } from '../../domain/time';
import { PlatformPermissionError, UnauthenticatedError, UpstreamError } from '../../kernel/errors';
import { createHttpClient, type HttpRequest } from '../../kernel/http';
import { type AdConnector, type AdConnectorOptions, parseBody } from '../ads/connector';
import {
  classifyTiktokResponse,
  envelopeSchema,
  TIKTOK_AUTH_CODES,
  TIKTOK_PERMISSION_CODES,
} from './envelope';
import {
  advertiserSchema,
  type Campaign,
  campaignSchema,
  listPage,
  type ReportRow,
  reportRowSchema,
  tokenSchema,
} from './schemas';

/**
 * TikTok Business API v1.3 `report/integrated/get/` at ad group level (`AUCTION_ADGROUP`) by day.
 * BASIC gives the ad-group-day totals with purchases (`complete_payment`) and purchase value
 * (`total_complete_payment_rate`, which despite its name is the total value), plus the attribute
 * metrics naming the ad group and its campaign; AUDIENCE gives the delivery split by `country_code`
 * and `province_id` (a GeoNames id) but no attribute metrics, so its rows find their campaign
 * through the BASIC rows' ad group → campaign map. Like Meta, purchases are kept on rows without
 * geography and delivery on regional rows, so neither is double counted.
 * `stat_time_day` reports are limited to 30 days per request, so ranges are read in chunks.
 */
export const TIKTOK_API_URL = 'https://business-api.tiktok.com';
const MAX_DAYS_PER_REQUEST = 30;

export function createTiktokConnector(options: AdConnectorOptions): AdConnector {
  const root = `${(options.baseUrl ?? TIKTOK_API_URL).replace(/\/$/, '')}/open_api/v1.3`;
  const http = createHttpClient({
    fetch: options.fetch,
    ...(options.logger ? { logger: options.logger } : {}),
    ...options.retry,
    classify: classifyTiktokResponse,
  });

  async function call<T extends z.ZodType>(
    schema: T,
    req: HttpRequest,
    what: string,
    authed = true,
    /** The advertiser the request is about, named when TikTok refuses it. */
    account?: string,
  ): Promise<z.infer<T>> {
    const res = await http.request({
      ...req,
      headers: { ...(authed ? { 'access-token': options.credentials.accessToken } : {}), ...req.headers },
    });
    const env = parseBody(envelopeSchema, res.body, `tiktok ${what}`);
    if (TIKTOK_AUTH_CODES.has(env.code))
      throw new UnauthenticatedError(`tiktok: ${env.message} (code ${env.code})`);
    if (TIKTOK_PERMISSION_CODES.has(env.code))
      throw new PlatformPermissionError(
        `tiktok ${what}${account ? ` (advertiser ${account})` : ''}: ${env.message} (code ${env.code})`,
        account,
      );
    if (env.code !== 0) throw new UpstreamError(`tiktok ${what}: ${env.message} (code ${env.code})`);
    return parseBody(schema, env.data, `tiktok ${what}`);
  }
  const get = <T extends z.ZodType>(
    schema: T,
    path: string,
    params: Record<string, unknown>,
    what: string,
  ) => {
    const q = new URLSearchParams(
      Object.entries(params).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]),
    );
    return call(schema, { url: `${root}/${path}?${q}` }, what, true, advertiserOf(params));
  };
  async function allPages<T extends z.ZodType>(
    item: T,
    path: string,
    params: Record<string, unknown>,
    what: string,
  ) {
    const out: z.infer<T>[] = [];
    for (let page = 1; ; page++) {
      const res = await get(listPage(item), path, { ...params, page: String(page), page_size: '1000' }, what);
      out.push(...res.list);
      if (page >= res.page_info.total_page) return out;
    }
  }
  const report = async (
    account: AdAccount,
    type: 'BASIC' | 'AUDIENCE',
    dimensions: string[],
    metrics: string[],
    from: LocalDate,
    to: LocalDate,
  ) => {
    const rows: ReportRow[] = [];
    for (let start = from; start <= to; start = addDays(start, MAX_DAYS_PER_REQUEST)) {
      const chunkEnd = addDays(start, MAX_DAYS_PER_REQUEST - 1);
      const end = chunkEnd < to ? chunkEnd : to;
      const params = {
        advertiser_id: account.accountId,
        report_type: type,
        data_level: 'AUCTION_ADGROUP',
        dimensions,
        metrics,
        start_date: start,
        end_date: end,
      };
      rows.push(...(await allPages(reportRowSchema, 'report/integrated/get/', params, `${type} report`)));
    }
    return rows;
  };
  const minor = (value: string | undefined, currency: string) =>
    value ? parseDecimalToMinor(value, currency) : 0;
  const toCampaign = (account: AdAccount, c: Campaign): AdCampaign => {
    const budget =
      c.budget !== undefined && c.budget > 0
        ? parseDecimalToMinor(String(c.budget), account.currency)
        : undefined;
    return {
      platform: 'tiktok',
      accountId: account.accountId,
      campaignId: c.campaign_id,
      name: c.campaign_name,
      status: c.operation_status === 'ENABLE' ? 'active' : 'paused',
      rawStatus: c.operation_status,
      ...(c.objective_type ? { objective: c.objective_type } : {}),
      ...(budget !== undefined && c.budget_mode === 'BUDGET_MODE_DAY' ? { dailyBudgetMinor: budget } : {}),
      ...(budget !== undefined && c.budget_mode === 'BUDGET_MODE_TOTAL'
        ? { lifetimeBudgetMinor: budget }
        : {}),
      currency: account.currency,
    };
  };
  const post = (path: string, body: Record<string, unknown>, what: string) =>
    call(z.unknown(), { method: 'POST', url: `${root}/${path}`, body }, what, true, advertiserOf(body));

  return {
    platform: 'tiktok',
    async account(accountId) {
      const data = await get(
        advertiserSchema,
        'advertiser/info/',
        { advertiser_ids: [accountId], fields: ['advertiser_id', 'name', 'currency', 'timezone'] },
        'advertiser',
      );
      const a = data.list.find((x) => x.advertiser_id === accountId);
      if (!a) throw new UpstreamError(`tiktok: advertiser ${accountId} not returned`);
      return { accountId, currency: a.currency, timezone: a.timezone, ...(a.name ? { name: a.name } : {}) };
    },
    async report(account, from, to) {
      const unmapped: string[] = [];
      const totals = await report(
        account,
        'BASIC',
        ['adgroup_id', 'stat_time_day'],
        // `spend` is not stored from BASIC; asking for it keeps every delivering ad group in the
        // map below even on a day without purchases.
        [
          'adgroup_name',
          'campaign_id',
          'campaign_name',
          'currency',
          'spend',
          'complete_payment',
          'total_complete_payment_rate',
        ],
        from,
        to,
      );
      const geo = await report(
        account,
        'AUDIENCE',
        ['adgroup_id', 'stat_time_day', 'country_code', 'province_id'],
        ['spend', 'impressions', 'clicks'],
        from,
        to,
      );
      const adGroups = adGroupBook(totals);
      const base = (r: ReportRow) => {
        const g = adGroups.get(r.dimensions.adgroup_id);
        if (!g)
          throw new UpstreamError(
            `tiktok: ad group ${r.dimensions.adgroup_id} has audience rows but no campaign in the basic report`,
          );
        return {
          platform: 'tiktok' as const,
          accountId: account.accountId,
          campaignId: g.campaignId,
          ...(g.campaignName ? { campaignName: g.campaignName } : {}),
          adsetId: r.dimensions.adgroup_id,
          ...(g.adgroupName ? { adsetName: g.adgroupName } : {}),
          date: r.dimensions.stat_time_day.slice(0, 10) as LocalDate,
          currency: account.currency,
        };
      };
      const rows: AdReportRow[] = geo.map((r) => {
        const country = r.dimensions.country_code?.toUpperCase();
        const match = country ? regionFromGeoNamesId(r.dimensions.province_id, country) : undefined;
        if (r.dimensions.province_id && !match?.region)
          unmapped.push(`${country ?? '?'}:${r.dimensions.province_id}`);
        return {
          ...base(r),
          ...(match ? { country: match.country } : {}),
          ...(match?.region ? { region: match.region } : {}),
          spendMinor: minor(r.metrics.spend, account.currency),
          impressions: r.metrics.impressions ?? 0,
          clicks: r.metrics.clicks ?? 0,
          conversions: 0,
          conversionValueMinor: 0,
        };
      });
      for (const r of totals) {
        if (r.metrics.currency && r.metrics.currency !== account.currency)
          throw new UpstreamError(
            `tiktok: report currency ${r.metrics.currency} differs from the account's ${account.currency}`,
          );
        rows.push({
          ...base(r),
          spendMinor: 0,
          impressions: 0,
          clicks: 0,
          conversions: r.metrics.complete_payment ?? 0,
          conversionValueMinor: minor(r.metrics.total_complete_payment_rate, account.currency),
        });
      }
      return { rows, unmappedRegions: [...new Set(unmapped)] };
    },
    async campaigns(account) {
      return (
        await allPages(campaignSchema, 'campaign/get/', { advertiser_id: account.accountId }, 'campaigns')
      ).map((c) => toCampaign(account, c));
    },
    async campaign(account, campaignId) {
      const list = await allPages(
        campaignSchema,
        'campaign/get/',
        { advertiser_id: account.accountId, filtering: { campaign_ids: [campaignId] } },
        'campaign',
      );
      const c = list.find((x) => x.campaign_id === campaignId);
      if (!c) throw new UpstreamError(`tiktok: campaign ${campaignId} not found`);
      return toCampaign(account, c);
    },
    async setDailyBudget(account, campaignId, dailyBudgetMinor) {
      // TikTok budgets are decimal amounts in the account currency.
      await post(
        'campaign/update/',
        {
          advertiser_id: account.accountId,
          campaign_id: campaignId,
          budget: Number(formatMinor(dailyBudgetMinor, account.currency)),
        },
        'budget update',
      );
    },
    async setStatus(account, campaignId, status) {
      await post(
        'campaign/status/update/',
        {
          advertiser_id: account.accountId,
          campaign_ids: [campaignId],
          operation_status: status === 'active' ? 'ENABLE' : 'DISABLE',
        },
        'status update',
      );
    },
    async refresh(now) {
      const { clientId, clientSecret, refreshToken } = options.credentials;
      if (!clientId || !clientSecret || !refreshToken)
        throw new UnauthenticatedError('tiktok: token expired and no refresh token');
      const body = {
        app_id: clientId,
        secret: clientSecret,
        refresh_token: refreshToken,
        grant_type: 'refresh_token',
      };
      const token = await call(
        tokenSchema,
        { method: 'POST', url: `${root}/oauth2/refresh_token/`, body },
        'token refresh',
        false,
      );
      return {
        ...options.credentials,
        accessToken: token.access_token,
        ...(token.refresh_token ? { refreshToken: token.refresh_token } : {}),
        ...(token.access_token_expire_in
          ? { expiresAt: new Date(now.getTime() + token.access_token_expire_in * 1000).toISOString() }
          : {}),
      };
    },
  };
}

/** The advertiser a request's parameters name (`advertiser_id`, or the one of `advertiser_ids`). */
function advertiserOf(params: Record<string, unknown>): string | undefined {
  const one = params.advertiser_id;
  if (typeof one === 'string') return one;
  const many = params.advertiser_ids;
  return Array.isArray(many) && many.length === 1 && typeof many[0] === 'string' ? many[0] : undefined;
}

/** Each ad group's campaign and names from the BASIC rows; its newest day's names win. */
function adGroupBook(rows: readonly ReportRow[]) {
  type Entry = { day: string; campaignId: string; campaignName?: string; adgroupName?: string };
  const book = new Map<string, Entry>();
  for (const r of rows) {
    const { campaign_id: campaignId, campaign_name: campaignName, adgroup_name: adgroupName } = r.metrics;
    if (!campaignId)
      throw new UpstreamError(`tiktok: ad group ${r.dimensions.adgroup_id} reported without campaign_id`);
    const day = r.dimensions.stat_time_day;
    const seen = book.get(r.dimensions.adgroup_id);
    if (seen && seen.day > day) continue;
    book.set(r.dimensions.adgroup_id, {
      day,
      campaignId,
      ...(campaignName ? { campaignName } : {}),
      ...(adgroupName ? { adgroupName } : {}),
    });
  }
  return book;
}
