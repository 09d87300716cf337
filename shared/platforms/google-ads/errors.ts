import type { z } from 'zod';
import type { googleErrorSchema } from './schemas';

/**
 * What a refused Google Ads request needs, read from the GoogleAdsFailure's `errorCode`
 * (decision 1025). The codes and their meanings are Google's AuthenticationError and
 * AuthorizationError enums:
 * https://developers.google.com/google-ads/api/reference/rpc/v21/AuthenticationErrorEnum.AuthenticationError
 * https://developers.google.com/google-ads/api/reference/rpc/v21/AuthorizationErrorEnum.AuthorizationError
 * (the same text as googleapis/googleapis google/ads/googleads/v21/errors/{authentication,authorization}_error.proto;
 * CLOUD_PROJECT_NOT_APPROVED_FOR_PRODUCTION is v25's successor of DEVELOPER_TOKEN_NOT_APPROVED).
 * - `operator`: Pulsepoint's own developer token or Google Cloud project — every merchant's sync
 *   fails the same way and reconnecting cannot help;
 * - `account`: the ad account as it is (not enabled, suspended, not a Google Ads account, missing
 *   2-Step Verification its administrator requires) — fixed in Google Ads or by choosing another;
 * - `permission`: the signed-in Google user cannot reach or act on the account;
 * - `reconnect`: the merchant's sign-in itself (OAuth token expired, revoked, account deleted).
 * Codes not listed fall back to the HTTP status (UNAUTHENTICATED → reconnect, PERMISSION_DENIED →
 * permission).
 */
export type GoogleAdsRefusal = 'operator' | 'account' | 'permission' | 'reconnect';

const AUTHORIZATION: Readonly<Record<string, GoogleAdsRefusal>> = {
  USER_PERMISSION_DENIED: 'permission',
  ACTION_NOT_PERMITTED: 'permission',
  AUTHORIZATION_ERROR: 'permission',
  // "The login customer specified does not have access to the account specified": the manager
  // account chosen at connection, the merchant's to choose again.
  INVALID_LOGIN_CUSTOMER_ID_SERVING_CUSTOMER_ID_COMBINATION: 'permission',
  CUSTOMER_NOT_ENABLED: 'account',
  ACTION_NOT_PERMITTED_FOR_SUSPENDED_ACCOUNT: 'account',
  ACCESS_DENIED_FOR_ACCOUNT_TYPE: 'account',
  INCOMPLETE_SIGNUP: 'account',
  DEVELOPER_TOKEN_NOT_ON_ALLOWLIST: 'operator',
  DEVELOPER_TOKEN_PROHIBITED: 'operator',
  DEVELOPER_TOKEN_NOT_APPROVED: 'operator',
  CLOUD_PROJECT_NOT_APPROVED_FOR_PRODUCTION: 'operator',
  CLOUD_PROJECT_NOT_UNDER_ORGANIZATION: 'operator',
  PROJECT_DISABLED: 'operator',
  MISSING_TOS: 'operator',
  SERVICE_ACCESS_DENIED: 'operator',
  METRIC_ACCESS_DENIED: 'operator',
};

const AUTHENTICATION: Readonly<Record<string, GoogleAdsRefusal>> = {
  AUTHENTICATION_ERROR: 'reconnect',
  OAUTH_TOKEN_INVALID: 'reconnect',
  OAUTH_TOKEN_EXPIRED: 'reconnect',
  OAUTH_TOKEN_DISABLED: 'reconnect',
  OAUTH_TOKEN_REVOKED: 'reconnect',
  OAUTH_TOKEN_HEADER_INVALID: 'reconnect',
  GOOGLE_ACCOUNT_DELETED: 'reconnect',
  GOOGLE_ACCOUNT_COOKIE_INVALID: 'reconnect',
  GOOGLE_ACCOUNT_AUTHENTICATION_FAILED: 'reconnect',
  GOOGLE_ACCOUNT_USER_AND_ADS_USER_MISMATCH: 'reconnect',
  LOGIN_COOKIE_REQUIRED: 'reconnect',
  LOGIN_COOKIE_INVALID: 'reconnect',
  USER_ID_INVALID: 'reconnect',
  // "The Google account that generated the OAuth access token is not associated with a Google Ads
  // account": sign in with one that is.
  NOT_ADS_USER: 'permission',
  CUSTOMER_NOT_FOUND: 'account',
  CLIENT_CUSTOMER_ID_INVALID: 'account',
  TWO_STEP_VERIFICATION_NOT_ENROLLED: 'account',
  ADVANCED_PROTECTION_NOT_ENROLLED: 'account',
  DEVELOPER_TOKEN_INVALID: 'operator',
  ORGANIZATION_NOT_RECOGNIZED: 'operator',
  ORGANIZATION_NOT_APPROVED: 'operator',
  ORGANIZATION_NOT_ASSOCIATED_WITH_DEVELOPER_TOKEN: 'operator',
};

/** The one reading that wins when a failure lists several: the operator's first, then the account's. */
const ORDER: readonly GoogleAdsRefusal[] = ['operator', 'account', 'permission', 'reconnect'];

export function googleAdsRefusal(
  error: z.infer<typeof googleErrorSchema>['error'],
): GoogleAdsRefusal | undefined {
  const found = new Set<GoogleAdsRefusal>();
  for (const detail of error.details ?? [])
    for (const e of detail.errors ?? []) {
      const code = e.errorCode ?? {};
      const kind =
        AUTHORIZATION[String(code.authorizationError)] ?? AUTHENTICATION[String(code.authenticationError)];
      if (kind) found.add(kind);
    }
  const named = ORDER.find((k) => found.has(k));
  if (named) return named;
  if (error.status === 'UNAUTHENTICATED') return 'reconnect';
  if (error.status === 'PERMISSION_DENIED') return 'permission';
  return undefined;
}
