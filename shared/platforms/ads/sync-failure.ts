import { AD_PLATFORM_FACTS, type AdPlatform } from '../../domain/entities';
import {
  NotFoundError,
  PlatformAccountError,
  PlatformAppError,
  PlatformPermissionError,
  RetryableError,
  UnauthenticatedError,
} from '../../kernel/errors';

/**
 * What a failed ad sync does next and what the integration tells the merchant (decision 1015).
 * A refused token or a missing permission cannot be fixed by trying again: the task is
 * acknowledged and the integration says, in words, what the merchant must do. Throttling and
 * outages are handed back to the queue (RetryableError keeps its wait) and the integration says
 * that the sync will try again. The platform's own words follow in brackets.
 */
export interface SyncFailure {
  /** Whether the queue should run the task again. */
  retry: boolean;
  /** The integration's lastError: for the merchant, not a code. */
  lastError: string;
  /**
   * The platform refused Pulsepoint's own app credentials: the operator must act, so the sync job
   * logs the line production alerts on (decision 1025, terraform/monitoring.tf).
   */
  operator: boolean;
}

/** What each platform's reports need, in the words of its consent screen. */
const READ_PERMISSION: { readonly [P in AdPlatform]: string } = {
  meta: 'permission to read ads (ads_read)',
  tiktok: 'permission to read ad reports',
  google_ads: 'access to this Google Ads account (sign in with a Google account that can see it)',
};

export function syncFailure(platform: AdPlatform, err: unknown): SyncFailure {
  const label = AD_PLATFORM_FACTS[platform].label;
  const detail = err instanceof Error ? err.message : String(err);
  const reconnect = `Disconnect ${label} in Settings → Integrations and connect it again`;
  const final = (lastError: string) => ({ retry: false, lastError, operator: false });
  if (err instanceof PlatformAppError)
    // Not the merchant's connection: asking them to reconnect would change nothing.
    return {
      retry: false,
      operator: true,
      lastError: `${label} refused Pulsepoint's own access to its API, not your connection. Pulsepoint's team has been alerted and is fixing it; you don't need to do anything, and syncs resume by themselves once it is fixed. (${detail})`,
    };
  if (err instanceof UnauthenticatedError)
    return final(`${label} no longer accepts Pulsepoint's sign-in. ${reconnect}. (${detail})`);
  if (err instanceof PlatformPermissionError)
    return final(
      `${label} refused to share ${accountWords(err.account)}: the connection lacks a permission. ${reconnect}, granting ${READ_PERMISSION[platform]}. (${detail})`,
    );
  if (err instanceof PlatformAccountError)
    return final(
      `${label} will not serve ${err.account ? `ad account ${err.account}` : 'the ad account'} as it is set up now. Fix the account in ${label} as ${label} says below, or choose another account in Settings → Integrations. (${detail})`,
    );
  // A missing connection or ad account: the message already names what is missing.
  if (err instanceof NotFoundError) return final(detail);
  if (err instanceof RetryableError)
    return {
      retry: true,
      operator: false,
      lastError: `${label} is busy or briefly unavailable; the sync will try again by itself. (${detail})`,
    };
  return {
    retry: true,
    operator: false,
    lastError: `The ${label} sync failed and will try again. (${detail})`,
  };
}

const accountWords = (account: string | undefined) =>
  account ? `the ad reports of account ${account}` : 'your ad reports';
