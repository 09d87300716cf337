import type { AdPlatform } from '../../shared/domain/entities';
import type { AdCredentials } from '../../shared/platforms/ads/connector';
import type { SandboxOptions } from './ads/serve';
import { GOOGLE_SANDBOX_APP, GOOGLE_SANDBOX_TOKEN, startGoogleAdsSandbox } from './google-ads';
import { META_SANDBOX_APP, META_SANDBOX_TOKEN, startMetaSandbox } from './meta';
import { startTiktokSandbox, TIKTOK_SANDBOX_APP, TIKTOK_SANDBOX_TOKEN } from './tiktok';
import { AD_ACCOUNTS } from './world';

/** What `npm start` and the end-to-end tests need of a running sandbox. */
export interface RunningAdSandbox {
  url: string;
  setEndDate(date: string): void;
  close(): Promise<void>;
}

/**
 * The sandbox half of the platform registry (`shared/platforms/registry.ts`): production code may
 * not import `infra/`, so each platform's loopback sandbox is registered here, keyed by the same
 * `AdPlatform` (a platform without a sandbox does not compile).
 */
export interface AdSandboxEntry<S extends RunningAdSandbox = RunningAdSandbox> {
  start(options: SandboxOptions): Promise<S>;
  /** What the sandbox accepts as a stored token (access + refresh + app credentials). */
  credentials: AdCredentials;
  /** The demo brand's ad account in the sandbox's world. */
  account: { accountId: string; timezone: string; currency: string };
}

export type AdSandboxRegistry = Readonly<Record<string, AdSandboxEntry>>;

export const AD_SANDBOXES = {
  meta: {
    start: startMetaSandbox,
    credentials: { accessToken: META_SANDBOX_TOKEN, ...META_SANDBOX_APP },
    account: AD_ACCOUNTS.meta,
  },
  tiktok: {
    start: startTiktokSandbox,
    credentials: { accessToken: TIKTOK_SANDBOX_TOKEN, ...TIKTOK_SANDBOX_APP },
    account: AD_ACCOUNTS.tiktok,
  },
  google_ads: {
    start: startGoogleAdsSandbox,
    credentials: { accessToken: GOOGLE_SANDBOX_TOKEN, ...GOOGLE_SANDBOX_APP },
    account: AD_ACCOUNTS.google_ads,
  },
} satisfies { readonly [P in AdPlatform]: AdSandboxEntry };
