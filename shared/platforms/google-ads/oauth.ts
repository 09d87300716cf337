import { z } from 'zod';
import { parseBody } from '../ads/connector';
import { type AdOAuthFlow, expiresAtOf } from '../ads/oauth';
import { GOOGLE_ADS_API_URL, GOOGLE_ADS_API_VERSION, GOOGLE_OAUTH_TOKEN_URL } from './index';

/**
 * Google OAuth 2.0 for web server applications
 * (https://developers.google.com/identity/protocols/oauth2/web-server): accounts.google.com/o/oauth2/v2/auth
 * with access_type=offline and prompt=consent (so a refresh token comes back every time), then
 * POST oauth2.googleapis.com/token with grant_type=authorization_code. The customers it reaches come
 * from customers:listAccessibleCustomers
 * (https://developers.google.com/google-ads/api/rest/reference/rest/v21/customers/listAccessibleCustomers).
 */
export const GOOGLE_AUTHORIZE_URL = 'https://accounts.google.com/o/oauth2/v2/auth';
export const GOOGLE_ADS_SCOPE = 'https://www.googleapis.com/auth/adwords';

export const googleTokenResponse = z.object({
  access_token: z.string().min(1),
  expires_in: z.number().optional(),
  refresh_token: z.string().min(1),
  scope: z.string().optional(),
  token_type: z.string().optional(),
});
export const accessibleCustomersResponse = z.object({
  resourceNames: z.array(z.string().regex(/^customers\/\d+$/)).default([]),
});

export const googleAdsOAuth: AdOAuthFlow = {
  platform: 'google_ads',
  codeParam: 'code',
  authorizeUrl({ base, app, redirectUri, state }) {
    const url = new URL(base ? `${base}/o/oauth2/v2/auth` : GOOGLE_AUTHORIZE_URL);
    url.search = new URLSearchParams({
      client_id: app.clientId,
      redirect_uri: redirectUri,
      response_type: 'code',
      scope: GOOGLE_ADS_SCOPE,
      access_type: 'offline',
      prompt: 'consent',
      include_granted_scopes: 'true',
      state,
    }).toString();
    return url.toString();
  },
  async exchange({ http, base, app, code, redirectUri, now }) {
    const form = new URLSearchParams({
      code,
      client_id: app.clientId,
      client_secret: app.clientSecret,
      redirect_uri: redirectUri,
      grant_type: 'authorization_code',
    });
    const res = await http.request({
      method: 'POST',
      url: base ? `${base}/token` : GOOGLE_OAUTH_TOKEN_URL,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
    });
    const token = parseBody(googleTokenResponse, res.body, 'google code exchange');
    const customers = await http.request({
      url: `${base ?? GOOGLE_ADS_API_URL}/${GOOGLE_ADS_API_VERSION}/customers:listAccessibleCustomers`,
      headers: {
        authorization: `Bearer ${token.access_token}`,
        ...(app.developerToken ? { 'developer-token': app.developerToken } : {}),
      },
    });
    const reached = parseBody(accessibleCustomersResponse, customers.body, 'google accessible customers');
    return {
      credentials: {
        accessToken: token.access_token,
        refreshToken: token.refresh_token,
        ...expiresAtOf(now, token.expires_in),
        clientId: app.clientId,
        clientSecret: app.clientSecret,
        ...(app.developerToken ? { developerToken: app.developerToken } : {}),
      },
      accountIds: reached.resourceNames.map((r) => r.slice('customers/'.length)),
    };
  },
};
