import { AD_PLATFORM_FACTS, type AdPlatform } from '../../domain/entities';
import {
  NotFoundError,
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
  if (err instanceof UnauthenticatedError)
    return {
      retry: false,
      lastError: `${label} no longer accepts Pulsepoint's sign-in. ${reconnect}. (${detail})`,
    };
  if (err instanceof PlatformPermissionError)
    return {
      retry: false,
      lastError: `${label} refused to share your ad reports: the connection lacks a permission. ${reconnect}, granting ${READ_PERMISSION[platform]}. (${detail})`,
    };
  // A missing connection or ad account: the message already names what is missing.
  if (err instanceof NotFoundError) return { retry: false, lastError: detail };
  if (err instanceof RetryableError)
    return {
      retry: true,
      lastError: `${label} is busy or briefly unavailable; the sync will try again by itself. (${detail})`,
    };
  return { retry: true, lastError: `The ${label} sync failed and will try again. (${detail})` };
}
