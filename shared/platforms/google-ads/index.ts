import type { z } from 'zod';
import { regionFromName } from '../../domain/ads/regions';
import type { AdAccount, AdCampaign, AdReportRow } from '../../domain/ads/report';
import { minorUnitExponent, parseDecimalToMinor } from '../../domain/money';
import { isLocalDate, type LocalDate } from '../../domain/time';
import {
  PlatformAccountError,
  PlatformAppError,
  PlatformPermissionError,
  UnauthenticatedError,
  UpstreamError,
} from '../../kernel/errors';
import { createHttpClient } from '../../kernel/http';
import { type AdConnector, type AdConnectorOptions, parseBody } from '../ads/connector';
import { googleAdsRefusal } from './errors';
import * as s from './schemas';

/**
 * Google Ads API over REST: GAQL through `googleAds:searchStream` (all rows in one streamed
 * response of batches). Campaign metrics by ad group, day and region come from `geographic_view`
 * (ad_group is one of its segmenting resources) filtered to LOCATION_OF_PRESENCE — without the filter each click is reported twice, once per location type.
 * Region resource names are resolved with a second query on `geo_target_constant`. Money arrives
 * as micros of the account currency; mutations run with `partialFailure` and a partial failure is
 * an error, never silently ignored.
 */
export const GOOGLE_ADS_API_URL = 'https://googleads.googleapis.com';
export const GOOGLE_ADS_API_VERSION = 'v21';
export const GOOGLE_OAUTH_TOKEN_URL = 'https://oauth2.googleapis.com/token';

const STATUS: Record<string, AdCampaign['status']> = {
  ENABLED: 'active',
  PAUSED: 'paused',
  REMOVED: 'deleted',
};

/** Micros of a currency → its minor units, rounded half away from zero. */
export function microsToMinor(micros: string, currency: string): number {
  const divisor = 10 ** (6 - minorUnitExponent(currency));
  const v = Number(micros) / divisor;
  return Math.sign(v) * Math.round(Math.abs(v));
}

/** Google's words for a person: the GoogleAdsFailure's own messages when present, else `message`. */
function googleErrorWords(error: z.infer<typeof s.googleErrorSchema>['error']): string {
  const detailed = (error.details ?? []).flatMap((d) => (d.errors ?? []).flatMap((e) => e.message ?? []));
  return detailed.length ? detailed.join('; ') : error.message;
}

export function createGoogleAdsConnector(options: AdConnectorOptions & { tokenUrl?: string }): AdConnector {
  const base = (options.baseUrl ?? GOOGLE_ADS_API_URL).replace(/\/$/, '');
  const root = `${base}/${GOOGLE_ADS_API_VERSION}`;
  const tokenUrl = options.tokenUrl ?? (options.baseUrl ? `${base}/token` : GOOGLE_OAUTH_TOKEN_URL);
  const http = createHttpClient({
    fetch: options.fetch,
    ...(options.logger ? { logger: options.logger } : {}),
    ...options.retry,
  });
  const { credentials } = options;
  const headers = {
    authorization: `Bearer ${credentials.accessToken}`,
    ...(credentials.developerToken ? { 'developer-token': credentials.developerToken } : {}),
    ...(credentials.loginCustomerId
      ? { 'login-customer-id': credentials.loginCustomerId.replace(/-/g, '') }
      : {}),
  };
  const cid = (accountId: string) => accountId.replace(/-/g, '');

  async function post(url: string, body: unknown, what: string, accountId: string): Promise<unknown> {
    try {
      return (await http.request({ method: 'POST', url, headers, body })).body;
    } catch (err) {
      const parsed = s.googleErrorSchema.safeParse(err instanceof UpstreamError ? err.details : undefined);
      if (!parsed.success) throw err;
      const { error } = parsed.data;
      const said = googleErrorWords(error);
      const account = accountId.replace(/^(\d{3})(\d{3})(\d{4})$/, '$1-$2-$3');
      switch (googleAdsRefusal(error)) {
        case 'reconnect':
          throw new UnauthenticatedError(`google ads: ${said}`);
        case 'permission':
          throw new PlatformPermissionError(`google ads ${what}: ${said} (${error.status})`, account);
        case 'account':
          throw new PlatformAccountError(`google ads ${what}: ${said} (${error.status})`, account);
        case 'operator':
          throw new PlatformAppError(`google ads ${what}: ${said} (${error.status})`);
        default:
          throw new UpstreamError(`google ads ${what}: ${said} (${error.status})`);
      }
    }
  }
  async function search<T extends z.ZodType>(
    accountId: string,
    row: T,
    query: string,
    what: string,
  ): Promise<z.infer<T>[]> {
    const body = await post(
      `${root}/customers/${cid(accountId)}/googleAds:searchStream`,
      { query },
      what,
      cid(accountId),
    );
    const batches = parseBody(s.streamSchema, body, `google ads ${what}`);
    return batches.flatMap((b) => (b.results ?? []).map((r) => parseBody(row, r, `google ads ${what}`)));
  }
  async function mutate(
    accountId: string,
    resource: 'campaigns' | 'campaignBudgets',
    update: Record<string, string>,
    mask: string,
  ) {
    const body = await post(
      `${root}/customers/${cid(accountId)}/${resource}:mutate`,
      { operations: [{ update, updateMask: mask }], partialFailure: true },
      `${resource} mutate`,
      cid(accountId),
    );
    const res = parseBody(s.mutateSchema, body, `google ads ${resource} mutate`);
    if (res.partialFailureError)
      throw new UpstreamError(
        `google ads ${resource} mutate partially failed: ${res.partialFailureError.message}`,
      );
  }
  const campaignQuery = (where: string) =>
    `SELECT campaign.id, campaign.name, campaign.status, campaign.advertising_channel_type, campaign_budget.resource_name, campaign_budget.amount_micros, campaign_budget.total_amount_micros FROM campaign WHERE ${where}`;
  const toCampaign = (account: AdAccount, r: s.CampaignRow): AdCampaign => ({
    platform: 'google_ads',
    accountId: account.accountId,
    campaignId: r.campaign.id,
    name: r.campaign.name,
    status: STATUS[r.campaign.status] ?? 'paused',
    rawStatus: r.campaign.status,
    ...(r.campaign.advertisingChannelType ? { objective: r.campaign.advertisingChannelType } : {}),
    ...(r.campaignBudget?.amountMicros
      ? { dailyBudgetMinor: microsToMinor(r.campaignBudget.amountMicros, account.currency) }
      : {}),
    ...(r.campaignBudget?.totalAmountMicros
      ? { lifetimeBudgetMinor: microsToMinor(r.campaignBudget.totalAmountMicros, account.currency) }
      : {}),
    currency: account.currency,
  });
  const campaignRow = async (account: AdAccount, campaignId: string) => {
    if (!/^\d+$/.test(campaignId)) throw new UpstreamError(`google ads: not a campaign id "${campaignId}"`);
    const [row] = await search(
      account.accountId,
      s.campaignRow,
      campaignQuery(`campaign.id = ${campaignId}`),
      'campaign',
    );
    if (!row) throw new UpstreamError(`google ads: campaign ${campaignId} not found`);
    return row;
  };

  return {
    platform: 'google_ads',
    async account(accountId) {
      const [row] = await search(
        accountId,
        s.customerRow,
        'SELECT customer.id, customer.descriptive_name, customer.currency_code, customer.time_zone FROM customer',
        'customer',
      );
      if (!row) throw new UpstreamError(`google ads: customer ${accountId} not returned`);
      const { currencyCode, timeZone, descriptiveName } = row.customer;
      return {
        accountId,
        currency: currencyCode,
        timezone: timeZone,
        ...(descriptiveName ? { name: descriptiveName } : {}),
      };
    },
    async report(account, from, to) {
      const rows = await search(
        account.accountId,
        s.geoRow,
        `SELECT campaign.id, campaign.name, ad_group.id, ad_group.name, segments.date, segments.geo_target_region, metrics.cost_micros, metrics.impressions, metrics.clicks, metrics.conversions, metrics.conversions_value FROM geographic_view WHERE segments.date BETWEEN '${from}' AND '${to}' AND geographic_view.location_type = 'LOCATION_OF_PRESENCE'`,
        'geographic report',
      );
      const regions = [
        ...new Set(rows.map((r) => r.segments.geoTargetRegion).filter((x): x is string => !!x)),
      ];
      const names = new Map<string, { name: string; countryCode?: string }>();
      if (regions.length) {
        const list = regions.map((r) => `'${r.replace(/'/g, '')}'`).join(', ');
        const targets = await search(
          account.accountId,
          s.geoTargetRow,
          `SELECT geo_target_constant.resource_name, geo_target_constant.name, geo_target_constant.country_code FROM geo_target_constant WHERE geo_target_constant.resource_name IN (${list})`,
          'geo targets',
        );
        for (const t of targets) names.set(t.geoTargetConstant.resourceName, t.geoTargetConstant);
      }
      const unmapped: string[] = [];
      const out: AdReportRow[] = rows.map((r) => {
        if (!isLocalDate(r.segments.date))
          throw new UpstreamError(`google ads: not a date "${r.segments.date}"`);
        const target = r.segments.geoTargetRegion ? names.get(r.segments.geoTargetRegion) : undefined;
        const geo = target?.countryCode ? regionFromName(target.name, target.countryCode) : undefined;
        if (r.segments.geoTargetRegion && !geo?.region)
          unmapped.push(target?.name ?? r.segments.geoTargetRegion);
        return {
          platform: 'google_ads',
          accountId: account.accountId,
          campaignId: r.campaign.id,
          ...(r.campaign.name ? { campaignName: r.campaign.name } : {}),
          ...(r.adGroup
            ? { adsetId: r.adGroup.id, ...(r.adGroup.name ? { adsetName: r.adGroup.name } : {}) }
            : {}),
          date: r.segments.date as LocalDate,
          ...(geo ? { country: geo.country } : {}),
          ...(geo?.region ? { region: geo.region } : {}),
          spendMinor: r.metrics.costMicros ? microsToMinor(r.metrics.costMicros, account.currency) : 0,
          currency: account.currency,
          impressions: r.metrics.impressions ?? 0,
          clicks: r.metrics.clicks ?? 0,
          conversions: r.metrics.conversions ?? 0,
          conversionValueMinor: parseDecimalToMinor(
            (r.metrics.conversionsValue ?? 0).toFixed(6),
            account.currency,
          ),
        };
      });
      return { rows: out, unmappedRegions: [...new Set(unmapped)] };
    },
    async clickCampaigns(account, date) {
      // click_view must be filtered to one day, at most 90 days back (ClickView reference).
      const rows = await search(
        account.accountId,
        s.clickViewRow,
        `SELECT click_view.gclid, campaign.id, segments.date FROM click_view WHERE segments.date = '${date}'`,
        'click view',
      );
      return rows.flatMap((r) =>
        r.clickView.gclid
          ? [
              {
                platform: 'google_ads' as const,
                accountId: account.accountId,
                clickId: r.clickView.gclid,
                campaignId: r.campaign.id,
                date,
              },
            ]
          : [],
      );
    },
    async campaigns(account) {
      const rows = await search(
        account.accountId,
        s.campaignRow,
        campaignQuery("campaign.status != 'REMOVED'"),
        'campaigns',
      );
      return rows.map((r) => toCampaign(account, r));
    },
    async campaign(account, campaignId) {
      return toCampaign(account, await campaignRow(account, campaignId));
    },
    async setDailyBudget(account, campaignId, dailyBudgetMinor) {
      const row = await campaignRow(account, campaignId);
      if (!row.campaignBudget)
        throw new UpstreamError(`google ads: campaign ${campaignId} has no budget to change`);
      const micros = dailyBudgetMinor * 10 ** (6 - minorUnitExponent(account.currency));
      await mutate(
        account.accountId,
        'campaignBudgets',
        { resourceName: row.campaignBudget.resourceName, amountMicros: String(micros) },
        'amount_micros',
      );
    },
    async setStatus(account, campaignId, status) {
      await mutate(
        account.accountId,
        'campaigns',
        {
          resourceName: `customers/${cid(account.accountId)}/campaigns/${campaignId}`,
          status: status === 'active' ? 'ENABLED' : 'PAUSED',
        },
        'status',
      );
    },
    async refresh(now) {
      const { clientId, clientSecret, refreshToken } = credentials;
      if (!clientId || !clientSecret || !refreshToken)
        throw new UnauthenticatedError('google ads: token expired and no refresh token');
      const form = new URLSearchParams({
        grant_type: 'refresh_token',
        client_id: clientId,
        client_secret: clientSecret,
        refresh_token: refreshToken,
      });
      const res = await http.request({
        method: 'POST',
        url: tokenUrl,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: form.toString(),
      });
      const token = parseBody(s.oauthTokenSchema, res.body, 'google oauth token');
      return {
        ...credentials,
        accessToken: token.access_token,
        ...(token.expires_in
          ? { expiresAt: new Date(now.getTime() + token.expires_in * 1000).toISOString() }
          : {}),
      };
    },
  };
}
