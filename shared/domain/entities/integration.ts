import { z } from 'zod';

export const PLATFORMS = ['shopify', 'meta', 'tiktok', 'google_ads'] as const;
export const platformSchema = z.enum(PLATFORMS);
export type Platform = z.infer<typeof platformSchema>;
export const AD_PLATFORMS = ['meta', 'tiktok', 'google_ads'] as const satisfies readonly Platform[];
export type AdPlatform = (typeof AD_PLATFORMS)[number];

export const integrationSchema = z.object({
  platform: platformSchema,
  status: z.enum(['connected', 'syncing', 'error', 'disconnected']),
  accountIds: z.array(z.string()).default([]),
  /** Where the token lives in the SecretStore; never the token itself. */
  secretRef: z.string().optional(),
  /** Sandbox / self-hosted API base URL; absent means the platform's public endpoint. */
  apiBaseUrl: z.string().url().optional(),
  accountTimezone: z.string().optional(),
  accountCurrency: z.string().optional(),
  cursor: z.string().optional(),
  lastSyncAt: z.string().optional(),
  lastError: z.string().optional(),
  updatedAt: z.string(),
});
export type Integration = z.infer<typeof integrationSchema>;
