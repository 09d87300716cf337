import { z } from 'zod';
import type { AdAccount, AdCampaign, AdReportRow } from '../../domain/ads/report';
import type { AdPlatform } from '../../domain/entities';
import type { LocalDate } from '../../domain/time';
import { UpstreamError } from '../../kernel/errors';
import type { HttpClientOptions } from '../../kernel/http';
import type { Logger } from '../../kernel/logging/logger';

/**
 * What a brand's ad-platform token secret holds (JSON in the SecretStore under
 * integrationSecretName). The app credentials travel with it because the refresh grant needs them
 * and a brand may be connected through an agency's own app.
 */
export const adCredentialsSchema = z.object({
  accessToken: z.string().min(1),
  refreshToken: z.string().min(1).optional(),
  /** ISO instant after which the access token is no longer accepted. */
  expiresAt: z.string().optional(),
  clientId: z.string().optional(),
  clientSecret: z.string().optional(),
  /** Google Ads: the developer token and the manager account the brand is reached through. */
  developerToken: z.string().optional(),
  loginCustomerId: z.string().optional(),
});
export type AdCredentials = z.infer<typeof adCredentialsSchema>;

export interface AdReport {
  rows: AdReportRow[];
  /** Region names or ids the mapping table did not know (kept as country only). */
  unmappedRegions: string[];
}

/** One ad platform's API, the way the sync job and budget actions need it. */
export interface AdConnector {
  readonly platform: AdPlatform;
  account(accountId: string): Promise<AdAccount>;
  /** Campaign × account-local day × geography for [from, to] in the account's timezone. */
  report(account: AdAccount, from: LocalDate, to: LocalDate): Promise<AdReport>;
  campaigns(account: AdAccount): Promise<AdCampaign[]>;
  campaign(account: AdAccount, campaignId: string): Promise<AdCampaign>;
  setDailyBudget(account: AdAccount, campaignId: string, dailyBudgetMinor: number): Promise<void>;
  setStatus(account: AdAccount, campaignId: string, status: 'active' | 'paused'): Promise<void>;
  /** Exchanges the refresh token (or long-lived token) for a new access token. */
  refresh(now: Date): Promise<AdCredentials>;
}

/** What every connector factory takes. Retry tuning is exposed so tests run faults quickly. */
export interface AdConnectorOptions {
  fetch: typeof fetch;
  credentials: AdCredentials;
  /** Sandbox or proxy base URL; absent = the platform's public endpoint. */
  baseUrl?: string;
  logger?: Logger;
  retry?: Pick<HttpClientOptions, 'maxRetries' | 'baseDelayMs' | 'maxDelayMs' | 'timeoutMs' | 'sleep'>;
  /** How often to poll an async report job (Meta). */
  pollIntervalMs?: number;
}

export type AdConnectorFactory = (options: AdConnectorOptions) => AdConnector;

/** Parses a platform body with its schema; a shape we do not understand is an upstream failure. */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown, what: string): z.infer<S> {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new UpstreamError(`${what}: unexpected response (${issue?.path.join('.')}: ${issue?.message})`);
}

/** Numeric strings as the platforms send counts ("1234"); empty or "-" means zero. */
export const countString = z.union([z.string(), z.number()]).transform((v, ctx) => {
  if (v === '' || v === '-') return 0;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) {
    ctx.addIssue({ code: 'custom', message: `not a count: ${v}` });
    return z.NEVER;
  }
  return n;
});
