import { describe, expect, it } from 'vitest';
import { UpstreamError } from '../../kernel/errors';
import { createHttpClient } from '../../kernel/http';
import { googleAdsOAuth } from '../google-ads/oauth';
import { metaOAuth } from '../meta/oauth';
import { tiktokOAuth } from '../tiktok/oauth';
import type { AdOAuthFlow } from './oauth';

/**
 * Each flow against the responses its platform documents (bodies copied in shape from the cited
 * pages, values invented), not against our sandboxes: a request double records what was asked and
 * answers by URL.
 */
type Answer = { match: RegExp; body: unknown; status?: number };

function platformDouble(answers: Answer[]) {
  const requests: Array<{ method: string; url: URL; body?: string; headers: Headers }> = [];
  const fetchDouble = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input));
    requests.push({
      method: init?.method ?? 'GET',
      url,
      ...(typeof init?.body === 'string' ? { body: init.body } : {}),
      headers: new Headers(init?.headers),
    });
    const answer = answers.find((a) => a.match.test(url.toString()));
    if (!answer) return new Response('{"error":"unexpected"}', { status: 404 });
    return new Response(JSON.stringify(answer.body), {
      status: answer.status ?? 200,
      headers: { 'content-type': 'application/json' },
    });
  }) as typeof fetch;
  return { requests, http: createHttpClient({ fetch: fetchDouble, maxRetries: 0 }) };
}

const app = { clientId: 'app-123', clientSecret: 's3cret', developerToken: 'dev-tok' };
const now = new Date('2026-12-01T10:00:00Z');
const redirectUri = 'https://app.example.com/oauth/x/callback';

async function exchange(flow: AdOAuthFlow, answers: Answer[]) {
  const double = platformDouble(answers);
  const grant = await flow.exchange({ http: double.http, app, code: 'the-code', redirectUri, now });
  return { grant, requests: double.requests };
}

describe('Meta: Facebook Login manual flow', () => {
  it('authorizes at www.facebook.com/{v}/dialog/oauth with the app id, redirect, state and ads scopes', () => {
    const url = new URL(metaOAuth.authorizeUrl({ app, redirectUri, state: 'st' }));
    expect(url.origin).toBe('https://www.facebook.com');
    expect(url.pathname).toMatch(/^\/v\d+\.\d+\/dialog\/oauth$/);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      client_id: 'app-123',
      redirect_uri: redirectUri,
      state: 'st',
      scope: 'ads_read,ads_management',
    });
  });

  it('exchanges the code, then the short-lived token for a long-lived one, and lists the ad accounts', async () => {
    const { grant, requests } = await exchange(metaOAuth, [
      // https://developers.facebook.com/docs/facebook-login/guides/advanced/manual-flow/#confirm
      {
        match: /oauth\/access_token\?.*code=/,
        body: { access_token: 'EAAshort', token_type: 'bearer', expires_in: 5183 },
      },
      // https://developers.facebook.com/docs/facebook-login/guides/access-tokens/get-long-lived/
      {
        match: /fb_exchange_token=EAAshort/,
        body: { access_token: 'EAAlong', token_type: 'bearer', expires_in: 5183944 },
      },
      // https://developers.facebook.com/docs/marketing-api/reference/user/adaccounts/
      {
        match: /\/me\/adaccounts/,
        body: {
          data: [{ account_id: '1001', id: 'act_1001' }],
          paging: { cursors: { before: 'a', after: 'b' } },
        },
      },
    ]);
    expect(requests[0]!.url.host).toBe('graph.facebook.com');
    expect(requests[0]!.url.searchParams.get('client_secret')).toBe('s3cret');
    expect(requests[0]!.url.searchParams.get('redirect_uri')).toBe(redirectUri);
    expect(requests[1]!.url.searchParams.get('grant_type')).toBe('fb_exchange_token');
    expect(grant).toEqual({
      credentials: {
        accessToken: 'EAAlong',
        expiresAt: new Date(now.getTime() + 5183944 * 1000).toISOString(),
        clientId: 'app-123',
        clientSecret: 's3cret',
      },
      accountIds: ['act_1001'],
    });
  });
});

describe('Google: OAuth 2.0 for web server applications', () => {
  it('asks for offline access with consent, so a refresh token comes back', () => {
    const url = new URL(googleAdsOAuth.authorizeUrl({ app, redirectUri, state: 'st' }));
    expect(url.origin + url.pathname).toBe('https://accounts.google.com/o/oauth2/v2/auth');
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      response_type: 'code',
      scope: 'https://www.googleapis.com/auth/adwords',
      access_type: 'offline',
      prompt: 'consent',
      state: 'st',
    });
  });

  it('posts the authorization_code grant as a form and keeps the refresh token and developer token', async () => {
    const { grant, requests } = await exchange(googleAdsOAuth, [
      // https://developers.google.com/identity/protocols/oauth2/web-server#exchange-authorization-code
      {
        match: /oauth2\.googleapis\.com\/token/,
        body: {
          access_token: 'ya29.a0AfH6',
          expires_in: 3920,
          token_type: 'Bearer',
          scope: 'https://www.googleapis.com/auth/adwords',
          refresh_token: '1//xEoDL4iW3cxlI7yDbSRFYNG01kVKM2C-259HOF2aQbI',
        },
      },
      // https://developers.google.com/google-ads/api/rest/reference/rest/v21/customers/listAccessibleCustomers
      {
        match: /customers:listAccessibleCustomers/,
        body: { resourceNames: ['customers/1234567890', 'customers/987'] },
      },
    ]);
    expect(requests[0]!.method).toBe('POST');
    expect(Object.fromEntries(new URLSearchParams(requests[0]!.body))).toMatchObject({
      grant_type: 'authorization_code',
      code: 'the-code',
      redirect_uri: redirectUri,
      client_secret: 's3cret',
    });
    expect(requests[1]!.headers.get('developer-token')).toBe('dev-tok');
    expect(grant.credentials).toMatchObject({
      accessToken: 'ya29.a0AfH6',
      refreshToken: '1//xEoDL4iW3cxlI7yDbSRFYNG01kVKM2C-259HOF2aQbI',
      expiresAt: new Date(now.getTime() + 3920 * 1000).toISOString(),
      developerToken: 'dev-tok',
    });
    expect(grant.accountIds).toEqual(['1234567890', '987']);
  });

  it('refuses a token response without a refresh token: the connection would die within the hour', async () => {
    await expect(
      exchange(googleAdsOAuth, [
        { match: /token/, body: { access_token: 'ya29', expires_in: 3599, token_type: 'Bearer' } },
      ]),
    ).rejects.toBeInstanceOf(UpstreamError);
  });
});

describe('TikTok API for Business authorization', () => {
  it('authorizes at business-api.tiktok.com/portal/auth and reads the code from auth_code', () => {
    const url = new URL(tiktokOAuth.authorizeUrl({ app, redirectUri, state: 'st' }));
    expect(url.origin + url.pathname).toBe('https://business-api.tiktok.com/portal/auth');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      app_id: 'app-123',
      state: 'st',
      redirect_uri: redirectUri,
    });
    expect(tiktokOAuth.codeParam).toBe('auth_code');
  });

  it('exchanges auth_code as JSON and takes the long-term token and advertiser ids from the envelope', async () => {
    const { grant, requests } = await exchange(tiktokOAuth, [
      // https://business-api.tiktok.com/portal/docs ("Authorization": /oauth2/access_token/)
      {
        match: /open_api\/v1\.3\/oauth2\/access_token\//,
        body: {
          code: 0,
          message: 'OK',
          request_id: '2020042715295501023125104093250',
          data: {
            access_token: 'xxxxxxxxxxxxx',
            scope: [4],
            advertiser_ids: ['7000000000002', 7000000000003],
          },
        },
      },
    ]);
    expect(JSON.parse(requests[0]!.body!)).toEqual({
      app_id: 'app-123',
      secret: 's3cret',
      auth_code: 'the-code',
    });
    expect(grant).toEqual({
      credentials: { accessToken: 'xxxxxxxxxxxxx', clientId: 'app-123', clientSecret: 's3cret' },
      accountIds: ['7000000000002', '7000000000003'],
    });
  });

  it('a refused exchange (HTTP 200, non-zero code) is an upstream error, not a connection', async () => {
    await expect(
      exchange(tiktokOAuth, [
        {
          match: /access_token/,
          body: { code: 40002, message: 'auth_code is invalid', request_id: 'r', data: {} },
        },
      ]),
    ).rejects.toThrow(/40002/);
  });
});
