import { z } from 'zod';
import { parseBody } from '../ads/connector';
import { type AdOAuthFlow, expiresAtOf } from '../ads/oauth';
import { META_API_VERSION, META_GRAPH_URL } from './index';

/**
 * Facebook Login, manual flow: the dialog at www.facebook.com/{v}/dialog/oauth returns `code`;
 * GET graph.facebook.com/{v}/oauth/access_token exchanges it for a short-lived user token
 * (https://developers.facebook.com/docs/facebook-login/guides/advanced/manual-flow/), which is
 * exchanged at once for a long-lived one with grant_type=fb_exchange_token (about 60 days;
 * https://developers.facebook.com/docs/facebook-login/guides/access-tokens/get-long-lived/). The
 * ad accounts it reaches come from GET /me/adaccounts
 * (https://developers.facebook.com/docs/marketing-api/reference/user/adaccounts/).
 */
export const META_DIALOG_URL = 'https://www.facebook.com';
export const META_SCOPES = 'ads_read,ads_management';

export const metaTokenResponse = z.object({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  expires_in: z.number().optional(),
});
export const metaAdAccountsResponse = z.object({
  data: z.array(z.object({ id: z.string(), account_id: z.string().optional() })),
});

export const metaOAuth: AdOAuthFlow = {
  platform: 'meta',
  codeParam: 'code',
  authorizeUrl({ base, app, redirectUri, state }) {
    const url = new URL(`${base ?? META_DIALOG_URL}/${META_API_VERSION}/dialog/oauth`);
    url.search = new URLSearchParams({
      client_id: app.clientId,
      redirect_uri: redirectUri,
      state,
      scope: META_SCOPES,
      response_type: 'code',
    }).toString();
    return url.toString();
  },
  async exchange({ http, base, app, code, redirectUri, now }) {
    const root = `${base ?? META_GRAPH_URL}/${META_API_VERSION}`;
    const get = async (path: string, params: Record<string, string>) =>
      (await http.request({ url: `${root}${path}?${new URLSearchParams(params)}` })).body;
    const short = parseBody(
      metaTokenResponse,
      await get('/oauth/access_token', {
        client_id: app.clientId,
        redirect_uri: redirectUri,
        client_secret: app.clientSecret,
        code,
      }),
      'meta code exchange',
    );
    const long = parseBody(
      metaTokenResponse,
      await get('/oauth/access_token', {
        grant_type: 'fb_exchange_token',
        client_id: app.clientId,
        client_secret: app.clientSecret,
        fb_exchange_token: short.access_token,
      }),
      'meta long-lived token',
    );
    const accounts = parseBody(
      metaAdAccountsResponse,
      await get('/me/adaccounts', { fields: 'account_id', access_token: long.access_token }),
      'meta ad accounts',
    );
    return {
      credentials: {
        accessToken: long.access_token,
        ...expiresAtOf(now, long.expires_in),
        clientId: app.clientId,
        clientSecret: app.clientSecret,
      },
      accountIds: accounts.data.map((a) => a.id),
    };
  },
};
