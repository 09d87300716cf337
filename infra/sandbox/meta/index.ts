/**
 * Meta Marketing API sandbox: `/{act}/insights` (sync and async report runs), `/{act}/campaigns`,
 * campaign reads and updates, the token exchange, and its throttling and error shapes
 * (HTTP 400 + `error.code` 80000/17/190, `X-Business-Use-Case-Usage`, `X-Ad-Account-Usage`).
 */
import { Hono } from 'hono';
import { formatMinor } from '../../../shared/domain/money';
import type { LocalDate } from '../../../shared/domain/time';
import { type AdFact, campaignsOf, factsFor, splitFact, sumFacts } from '../ads/facts';
import { consentRedirect, createCodeBook } from '../ads/oauth';
import { decodeCursor, encodeCursor, pageOf } from '../ads/paging';
import { createSandboxState, faultMiddleware, mountEcbRates, type SandboxOptions } from '../ads/serve';
import { AD_ACCOUNTS, STORE } from '../world';

export const META_SANDBOX_TOKEN = 'meta-sandbox-token';
export const META_SANDBOX_APP = { clientId: 'pp-meta-app', clientSecret: 'pp-meta-app-secret' };
const ACCOUNT = AD_ACCOUNTS.meta;

type Row = Record<string, unknown>;

function withAfter(url: string, after: string): string {
  const u = new URL(url);
  u.searchParams.set('after', after);
  return u.toString();
}

function metaError(code: number, message: string, extra: Row = {}) {
  return {
    error: {
      message,
      type: code === 190 ? 'OAuthException' : 'GraphMethodException',
      code,
      ...extra,
      fbtrace_id: 'AsandboxTrace',
    },
  };
}

/**
 * Each campaign's two ad sets and the share of its delivery each takes. Ad set ids are Meta ids
 * like any other (numeric strings); `level=adset` rows carry `adset_id` and `adset_name` beside the
 * campaign's fields (https://developers.facebook.com/docs/marketing-api/reference/ad-account/insights/).
 */
const AD_SETS = [
  { suffix: '1', name: 'Advantage+ audience' },
  { suffix: '2', name: 'Lookalike 1% — purchasers' },
] as const;
const perAdSet = (f: AdFact) => splitFact(f, AD_SETS, 0.62);

function insightRows(
  breakdown: string,
  level: string,
  from: LocalDate,
  to: LocalDate,
  asOf: LocalDate,
): Row[] {
  const campaignFacts = factsFor('meta', from, to, asOf);
  const facts: Array<AdFact & { adsetId?: string; adsetName?: string }> =
    level === 'adset' ? campaignFacts.flatMap(perAdSet) : campaignFacts;
  const adSetOf = (f: { adsetId?: string; adsetName?: string }) =>
    f.adsetId ? { adset_id: f.adsetId, adset_name: f.adsetName } : {};
  if (breakdown === 'region') {
    // Meta stopped returning off-Meta actions with the region breakdown (2021): delivery only.
    return facts.map((f) => ({
      campaign_id: f.campaign.nativeId,
      campaign_name: f.campaign.name,
      ...adSetOf(f),
      date_start: f.date,
      date_stop: f.date,
      region: f.region.name,
      spend: formatMinor(f.spendMinor, ACCOUNT.currency),
      impressions: String(f.impressions),
      clicks: String(f.clicks),
    }));
  }
  const byCountry = sumFacts(
    facts,
    (f) =>
      `${f.campaign.nativeId}|${(f as { adsetId?: string }).adsetId ?? ''}|${f.date}|${f.region.country}`,
  ) as typeof facts;
  return byCountry.map((a) => {
    const conv = String(Math.round(a.conversions * 100) / 100);
    const value = formatMinor(a.conversionValueMinor, ACCOUNT.currency);
    const action = (type: string, v: string) => ({
      action_type: type,
      value: v,
      '7d_click': v,
      '1d_view': '0',
    });
    return {
      campaign_id: a.campaign.nativeId,
      campaign_name: a.campaign.name,
      ...adSetOf(a),
      date_start: a.date,
      date_stop: a.date,
      country: a.region.country,
      spend: formatMinor(a.spendMinor, ACCOUNT.currency),
      impressions: String(a.impressions),
      clicks: String(a.clicks),
      attribution_setting: '7d_click_1d_view',
      actions: [
        action('link_click', String(a.clicks)),
        action('omni_purchase', conv),
        action('offsite_conversion.fb_pixel_purchase', conv),
      ],
      action_values: [action('omni_purchase', value), action('offsite_conversion.fb_pixel_purchase', value)],
    };
  });
}

export async function startMetaSandbox(options: SandboxOptions) {
  const state = createSandboxState('meta', options, META_SANDBOX_TOKEN);
  const { faults, tokens, settings } = state;
  const codes = createCodeBook('meta');
  const runs = new Map<
    string,
    { breakdown: string; level: string; from: LocalDate; to: LocalDate; polls: number }
  >();
  const app = new Hono();
  mountEcbRates(app);
  app.use(
    '/:version/*',
    faultMiddleware(faults, (c, kind) =>
      kind === 'throttle'
        ? c.json(
            metaError(80000, 'There have been too many calls from this ad-account.', {
              error_subcode: 2446079,
            }),
            400,
            {
              'x-business-use-case-usage': JSON.stringify({
                [ACCOUNT.accountId.slice(4)]: [
                  {
                    type: 'ads_insights',
                    call_count: 100,
                    total_cputime: 40,
                    total_time: 60,
                    estimated_time_to_regain_access: 1,
                  },
                ],
              }),
            },
          )
        : c.json(metaError(2, 'An unexpected error has occurred. Please retry your request later.'), 503),
    ),
  );
  // Facebook Login's manual flow: the dialog, the code exchange, then fb_exchange_token for a
  // long-lived token (https://developers.facebook.com/docs/facebook-login/guides/advanced/manual-flow/).
  app.get('/:version/dialog/oauth', (c) => {
    const redirectUri = c.req.query('redirect_uri');
    if (c.req.query('client_id') !== META_SANDBOX_APP.clientId || !redirectUri)
      return c.json(metaError(191, 'Invalid App ID or redirect_uri.'), 400);
    const code = codes.issue(redirectUri);
    return c.redirect(consentRedirect(redirectUri, { code, state: c.req.query('state') ?? '' }), 302);
  });
  app.get('/:version/oauth/access_token', (c) => {
    if (c.req.query('client_secret') !== META_SANDBOX_APP.clientSecret)
      return c.json(metaError(101, 'Error validating client secret.'), 400);
    if (c.req.query('code') !== undefined) {
      if (!codes.redeem(c.req.query('code'), c.req.query('redirect_uri')))
        return c.json(metaError(100, 'Invalid verification code format.'), 400);
      // A short-lived user token: about two hours.
      return c.json({ access_token: tokens.issue(), token_type: 'bearer', expires_in: 5_183 });
    }
    if (!c.req.query('fb_exchange_token'))
      return c.json(metaError(101, 'Error validating client secret.'), 400);
    return c.json({ access_token: tokens.issue(), token_type: 'bearer', expires_in: 5_184_000 });
  });
  app.get('/:version/me/adaccounts', (c) => {
    if (
      !tokens.accepts(c.req.query('access_token') ?? c.req.header('authorization')?.replace(/^Bearer /, ''))
    )
      return c.json(metaError(190, 'Error validating access token.'), 400);
    return c.json({ data: [{ account_id: ACCOUNT.accountId.slice(4), id: ACCOUNT.accountId }] });
  });
  app.use('/:version/*', async (c, next) => {
    const token = c.req.header('authorization')?.replace(/^Bearer /, '') ?? c.req.query('access_token');
    if (!tokens.accepts(token))
      return c.json(
        metaError(190, 'Error validating access token: Session has expired.', { error_subcode: 463 }),
        400,
      );
    c.header('x-ad-account-usage', JSON.stringify({ acc_id_util_pct: 12.5, reset_time_duration: 0 }));
    await next();
  });

  const readInsights = (
    c: { req: { query(k: string): string | undefined } },
    source: { breakdown: string; level: string; from: LocalDate; to: LocalDate },
    self: string,
  ) => {
    const rows = insightRows(source.breakdown, source.level, source.from, source.to, state.asOf());
    const limit = Number(c.req.query('limit') ?? 25);
    const offset = decodeCursor(c.req.query('after'));
    const page = pageOf(rows, offset, limit);
    const after = encodeCursor(offset + page.length);
    return {
      data: page,
      paging: {
        cursors: { before: encodeCursor(offset), after },
        ...(offset + page.length < rows.length ? { next: withAfter(self, after) } : {}),
      },
    };
  };
  const rangeOf = (timeRange: string | undefined) => {
    const r = JSON.parse(timeRange ?? '{}') as { since?: LocalDate; until?: LocalDate };
    return r.since && r.until ? { from: r.since, to: r.until } : undefined;
  };

  app.get('/:version/:id/insights', (c) => {
    const id = c.req.param('id');
    const run = runs.get(id);
    if (run) return c.json(readInsights(c, run, c.req.url));
    if (id !== ACCOUNT.accountId) return c.json(metaError(100, 'Unsupported get request.'), 400);
    const range = rangeOf(c.req.query('time_range'));
    if (!range) return c.json(metaError(100, 'time_range is required'), 400);
    return c.json(
      readInsights(
        c,
        { breakdown: c.req.query('breakdowns') ?? '', level: c.req.query('level') ?? 'account', ...range },
        c.req.url,
      ),
    );
  });
  app.post('/:version/:id/insights', async (c) => {
    const body = (await c.req.json().catch(() => ({}))) as Record<string, string>;
    const range = rangeOf(body.time_range);
    if (c.req.param('id') !== ACCOUNT.accountId || !range)
      return c.json(metaError(100, 'Invalid parameter'), 400);
    const id = `${900_000 + runs.size + 1}`;
    runs.set(id, { breakdown: body.breakdowns ?? '', level: body.level ?? 'account', ...range, polls: 0 });
    return c.json({ report_run_id: id });
  });
  app.get('/:version/:id/campaigns', (c) => {
    const all = campaignsOf('meta').map((camp) => campaignJson(camp.nativeId));
    const limit = Number(c.req.query('limit') ?? 25);
    const offset = decodeCursor(c.req.query('after'));
    const page = pageOf(all, offset, limit);
    const after = encodeCursor(offset + page.length);
    return c.json({
      data: page,
      paging: {
        cursors: { before: encodeCursor(offset), after },
        ...(offset + page.length < all.length ? { next: withAfter(c.req.url, after) } : {}),
      },
    });
  });
  const campaignJson = (nativeId: string) => {
    const camp = campaignsOf('meta').find((x) => x.nativeId === nativeId)!;
    const s = settings.get(nativeId)!;
    const status = s.status === 'active' ? 'ACTIVE' : 'PAUSED';
    return {
      id: nativeId,
      name: camp.name,
      status,
      effective_status: status,
      objective: camp.objective,
      daily_budget: String(s.dailyBudgetMinor),
      lifetime_budget: '0',
    };
  };
  app.get('/:version/:id', (c) => {
    const id = c.req.param('id');
    if (id === ACCOUNT.accountId)
      return c.json({
        id,
        account_id: id.slice(4),
        currency: ACCOUNT.currency,
        timezone_name: ACCOUNT.timezone,
        name: STORE.name,
      });
    const run = runs.get(id);
    if (run) {
      run.polls++;
      const done = run.polls >= 2;
      return c.json({
        id,
        async_status: done ? 'Job Completed' : 'Job Running',
        async_percent_completion: done ? 100 : 50,
      });
    }
    if (settings.get(id)) return c.json(campaignJson(id));
    return c.json(metaError(100, `Object with ID '${id}' does not exist`, { error_subcode: 33 }), 400);
  });
  app.post('/:version/:id', async (c) => {
    const id = c.req.param('id');
    if (!settings.get(id))
      return c.json(metaError(100, `Object with ID '${id}' does not exist`, { error_subcode: 33 }), 400);
    const body = (await c.req.json().catch(() => ({}))) as {
      daily_budget?: string | number;
      status?: string;
    };
    if (body.status !== undefined && body.status !== 'ACTIVE' && body.status !== 'PAUSED')
      return c.json(metaError(100, 'Invalid parameter: status'), 400);
    settings.update(id, {
      ...(body.daily_budget !== undefined ? { dailyBudgetMinor: Number(body.daily_budget) } : {}),
      ...(body.status ? { status: body.status === 'ACTIVE' ? 'active' : 'paused' } : {}),
    });
    return c.json({ success: true });
  });

  return state.serve(app);
}
export type MetaSandbox = Awaited<ReturnType<typeof startMetaSandbox>>;
