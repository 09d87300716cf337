import type { AdPlatform } from '../../domain/entities';
import type { HttpClient } from '../../kernel/http';
import type { AdCredentials } from './connector';

/** Pulsepoint's own app on an ad platform (from the deployment's secrets, never per brand). */
export interface AdOAuthApp {
  clientId: string;
  clientSecret: string;
  /** Google Ads: the developer token every API call carries. */
  developerToken?: string;
}

/** What a completed authorization yields: the credential record the syncs read, and the accounts it reaches. */
export interface AdOAuthGrant {
  credentials: AdCredentials;
  accountIds: string[];
}

/**
 * One platform's authorization-code flow, as its documentation describes it. `base` replaces the
 * platform's hosts (the loopback sandboxes serve the same paths); absent in production.
 */
export interface AdOAuthFlow {
  readonly platform: AdPlatform;
  /** The query parameter the platform returns the authorization code in. */
  readonly codeParam: string;
  authorizeUrl(o: { base?: string; app: AdOAuthApp; redirectUri: string; state: string }): string;
  exchange(o: {
    http: HttpClient;
    base?: string;
    app: AdOAuthApp;
    code: string;
    redirectUri: string;
    now: Date;
  }): Promise<AdOAuthGrant>;
}

export const expiresAtOf = (now: Date, seconds: number | undefined) =>
  seconds ? { expiresAt: new Date(now.getTime() + seconds * 1000).toISOString() } : {};
