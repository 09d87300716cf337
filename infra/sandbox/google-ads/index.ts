/**
 * Google Ads API (REST) sandbox: `customers/{id}/googleAds:searchStream` for the GAQL queries the
 * connector sends (customer, campaign, geographic_view, geo_target_constant), `campaigns:mutate`
 * and `campaignBudgets:mutate` with partial failures, and the OAuth token endpoint. The account
 * reports in America/Los_Angeles. Without a `location_type` filter, geographic_view returns both
 * LOCATION_OF_PRESENCE and AREA_OF_INTEREST rows, as the real API does.
 */
import { Hono } from 'hono';
import { consentRedirect, createCodeBook } from '../ads/oauth';
import { createSandboxState, faultMiddleware, mountEcbRates, type SandboxOptions } from '../ads/serve';
import { AD_ACCOUNTS } from '../world';
import { gaqlRows } from './gaql';

export const GOOGLE_SANDBOX_TOKEN = 'google-sandbox-token';
export const GOOGLE_SANDBOX_APP = {
  clientId: 'pp-google-client',
  clientSecret: 'pp-google-secret',
  refreshToken: 'google-refresh',
  developerToken: 'pp-dev-token',
};
const ACCOUNT = AD_ACCOUNTS.google_ads;

const googleError = (code: number, status: string, message: string, details: unknown[] = []) => ({
  error: { code, message, status, details },
});

export async function startGoogleAdsSandbox(options: SandboxOptions) {
  const state = createSandboxState('google_ads', options, GOOGLE_SANDBOX_TOKEN);
  const { faults, tokens, settings } = state;
  const app = new Hono();
  const codes = createCodeBook('google');
  mountEcbRates(app);
  // OAuth 2.0 for web server apps (https://developers.google.com/identity/protocols/oauth2/web-server):
  // the consent screen, the authorization-code grant (with a refresh token for access_type=offline)
  // and the refresh grant.
  app.get('/o/oauth2/v2/auth', (c) => {
    const redirectUri = c.req.query('redirect_uri');
    if (c.req.query('client_id') !== GOOGLE_SANDBOX_APP.clientId || !redirectUri)
      return c.json({ error: 'invalid_client', error_description: 'The OAuth client was not found.' }, 401);
    if (c.req.query('response_type') !== 'code')
      return c.json({ error: 'unsupported_response_type', error_description: 'Invalid response_type' }, 400);
    const code = codes.issue(redirectUri);
    return c.redirect(
      consentRedirect(redirectUri, {
        code,
        state: c.req.query('state') ?? '',
        scope: c.req.query('scope') ?? '',
      }),
      302,
    );
  });
  app.get('/:version/:action', (c) => {
    if (c.req.param('action') !== 'customers:listAccessibleCustomers') return c.notFound();
    if (!tokens.accepts(c.req.header('authorization')?.replace(/^Bearer /, '')))
      return c.json(
        googleError(401, 'UNAUTHENTICATED', 'Request had invalid authentication credentials.'),
        401,
      );
    return c.json({ resourceNames: [`customers/${ACCOUNT.accountId}`] });
  });
  app.post('/token', async (c) => {
    const form = new URLSearchParams(await c.req.text());
    if (form.get('grant_type') === 'authorization_code') {
      if (form.get('client_secret') !== GOOGLE_SANDBOX_APP.clientSecret)
        return c.json({ error: 'invalid_client', error_description: 'Unauthorized' }, 401);
      if (!codes.redeem(form.get('code') ?? undefined, form.get('redirect_uri') ?? undefined))
        return c.json({ error: 'invalid_grant', error_description: 'Bad Request' }, 400);
      return c.json({
        access_token: tokens.issue(),
        expires_in: 3599,
        refresh_token: GOOGLE_SANDBOX_APP.refreshToken,
        scope: 'https://www.googleapis.com/auth/adwords',
        token_type: 'Bearer',
      });
    }
    if (
      form.get('grant_type') !== 'refresh_token' ||
      form.get('client_secret') !== GOOGLE_SANDBOX_APP.clientSecret ||
      form.get('refresh_token') !== GOOGLE_SANDBOX_APP.refreshToken
    )
      return c.json({ error: 'invalid_grant', error_description: 'Bad Request' }, 400);
    return c.json({ access_token: tokens.issue(), expires_in: 3599, token_type: 'Bearer' });
  });
  app.use(
    '/:version/customers/*',
    faultMiddleware(faults, (c, kind) =>
      kind === 'throttle'
        ? c.json(
            googleError(429, 'RESOURCE_EXHAUSTED', 'Too many requests.', [
              {
                '@type': 'type.googleapis.com/google.ads.googleads.v21.errors.GoogleAdsFailure',
                errors: [
                  {
                    errorCode: { quotaError: 'RESOURCE_TEMPORARILY_EXHAUSTED' },
                    message: 'Too many requests.',
                  },
                ],
              },
              { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '0.05s' },
            ]),
            429,
          )
        : c.json(googleError(503, 'UNAVAILABLE', 'The service is currently unavailable.'), 503),
    ),
  );
  app.use('/:version/customers/*', async (c, next) => {
    const token = c.req.header('authorization')?.replace(/^Bearer /, '');
    if (!tokens.accepts(token))
      return c.json(
        googleError(401, 'UNAUTHENTICATED', 'Request had invalid authentication credentials.'),
        401,
      );
    if (c.req.header('developer-token') !== GOOGLE_SANDBOX_APP.developerToken)
      return c.json(googleError(403, 'PERMISSION_DENIED', 'The developer token is not valid.'), 403);
    await next();
  });
  // Hono's router cannot split `googleAds:searchStream` on the colon, so the action is matched by hand.
  app.post('/:version/customers/:rest{.+}', async (c) => {
    const [customerId, action] = c.req.param('rest').split('/');
    if (customerId !== ACCOUNT.accountId)
      return c.json(
        googleError(403, 'PERMISSION_DENIED', "User doesn't have permission to access customer."),
        403,
      );
    const body = (await c.req.json().catch(() => ({}))) as Record<string, unknown>;
    if (action === 'googleAds:searchStream') {
      const result = gaqlRows(String(body.query ?? ''), { customerId, asOf: state.asOf(), settings });
      if (!result.ok) return c.json(googleError(400, 'INVALID_ARGUMENT', result.message), 400);
      const batches = [];
      for (let i = 0; i < result.rows.length || i === 0; i += 500)
        batches.push({
          results: result.rows.slice(i, i + 500),
          fieldMask: result.fieldMask,
          requestId: `req-${i}`,
        });
      return c.json(batches);
    }
    if (action === 'campaigns:mutate' || action === 'campaignBudgets:mutate') {
      const ops = (body.operations ?? []) as Array<{ update?: Record<string, string> }>;
      const results: Array<{ resourceName: string } | Record<string, never>> = [];
      const failures: string[] = [];
      ops.forEach((op, index) => {
        const name = op.update?.resourceName ?? '';
        const nativeId =
          action === 'campaigns:mutate'
            ? /campaigns\/(\d+)$/.exec(name)?.[1]
            : /campaignBudgets\/9(\d+)$/.exec(name)?.[1];
        if (!nativeId || !settings.get(nativeId)) {
          failures.push(`operations[${index}]: resource not found`);
          results.push({});
          return;
        }
        if (op.update?.status)
          settings.update(nativeId, { status: op.update.status === 'ENABLED' ? 'active' : 'paused' });
        if (op.update?.amountMicros)
          settings.update(nativeId, {
            dailyBudgetMinor: Math.round(Number(op.update.amountMicros) / 10_000),
          });
        results.push({ resourceName: name });
      });
      if (failures.length && body.partialFailure !== true)
        return c.json(googleError(400, 'INVALID_ARGUMENT', failures.join('; ')), 400);
      return c.json({
        results,
        ...(failures.length
          ? { partialFailureError: { code: 3, message: failures.join('; '), details: [] } }
          : {}),
      });
    }
    return c.json(googleError(404, 'NOT_FOUND', `unknown method ${action}`), 404);
  });

  return state.serve(app);
}
export type GoogleAdsSandbox = Awaited<ReturnType<typeof startGoogleAdsSandbox>>;
