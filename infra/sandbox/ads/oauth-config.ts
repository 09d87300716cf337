import { GOOGLE_SANDBOX_APP } from '../google-ads';
import { META_SANDBOX_APP } from '../meta';
import { TIKTOK_SANDBOX_APP } from '../tiktok';
import type { AdSandboxUrls } from './index';

/**
 * The configuration that points the "Connect" OAuth flows at the loopback sandboxes: their apps'
 * credentials (as the deployment's secrets would hold the real ones) and their base URLs.
 */
export function adOAuthSandboxConfig(urls: AdSandboxUrls) {
  return {
    META_APP_ID: META_SANDBOX_APP.clientId,
    META_APP_SECRET: META_SANDBOX_APP.clientSecret,
    GOOGLE_ADS_CLIENT_ID: GOOGLE_SANDBOX_APP.clientId,
    GOOGLE_ADS_CLIENT_SECRET: GOOGLE_SANDBOX_APP.clientSecret,
    GOOGLE_ADS_DEVELOPER_TOKEN: GOOGLE_SANDBOX_APP.developerToken,
    TIKTOK_APP_ID: TIKTOK_SANDBOX_APP.clientId,
    TIKTOK_APP_SECRET: TIKTOK_SANDBOX_APP.clientSecret,
    PULSEPOINT_AD_OAUTH_SANDBOXES: JSON.stringify(urls),
  };
}
