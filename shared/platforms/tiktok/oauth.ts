import { z } from 'zod';
import { UpstreamError } from '../../kernel/errors';
import { parseBody } from '../ads/connector';
import type { AdOAuthFlow } from '../ads/oauth';
import { TIKTOK_API_URL } from './index';

/**
 * TikTok API for Business authorization (https://business-api.tiktok.com/portal/docs, "Authorization"):
 * the advertiser approves at business-api.tiktok.com/portal/auth?app_id&state&redirect_uri, which
 * returns `auth_code`; POST /open_api/v1.3/oauth2/access_token/ with JSON {app_id, secret, auth_code}
 * answers in TikTok's envelope {code, message, request_id, data: {access_token, advertiser_ids,
 * scope}}. The long-term token does not expire; there is no refresh token.
 */
export const TIKTOK_AUTHORIZE_URL = 'https://business-api.tiktok.com/portal/auth';

export const tiktokEnvelope = z.object({
  code: z.number(),
  message: z.string(),
  request_id: z.string().optional(),
  data: z.unknown().optional(),
});
export const tiktokTokenData = z.object({
  access_token: z.string().min(1),
  advertiser_ids: z.array(z.union([z.string(), z.number()]).transform(String)).default([]),
  scope: z.array(z.unknown()).optional(),
});

export const tiktokOAuth: AdOAuthFlow = {
  platform: 'tiktok',
  codeParam: 'auth_code',
  authorizeUrl({ base, app, redirectUri, state }) {
    const url = new URL(base ? `${base}/portal/auth` : TIKTOK_AUTHORIZE_URL);
    url.search = new URLSearchParams({ app_id: app.clientId, state, redirect_uri: redirectUri }).toString();
    return url.toString();
  },
  async exchange({ http, base, app, code }) {
    const res = await http.request({
      method: 'POST',
      url: `${base ?? TIKTOK_API_URL}/open_api/v1.3/oauth2/access_token/`,
      body: { app_id: app.clientId, secret: app.clientSecret, auth_code: code },
    });
    const envelope = parseBody(tiktokEnvelope, res.body, 'tiktok code exchange');
    // TikTok answers HTTP 200 with a non-zero code for a refused exchange.
    if (envelope.code !== 0)
      throw new UpstreamError(`tiktok code exchange refused (${envelope.code}: ${envelope.message})`);
    const data = parseBody(tiktokTokenData, envelope.data, 'tiktok code exchange');
    return {
      credentials: { accessToken: data.access_token, clientId: app.clientId, clientSecret: app.clientSecret },
      accountIds: data.advertiser_ids,
    };
  },
};
