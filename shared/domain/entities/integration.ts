import { z } from 'zod';

export const PLATFORMS = ['shopify', 'meta', 'tiktok', 'google_ads'] as const;
export const platformSchema = z.enum(PLATFORMS);
export type Platform = z.infer<typeof platformSchema>;
export const AD_PLATFORMS = ['meta', 'tiktok', 'google_ads'] as const satisfies readonly Platform[];
export type AdPlatform = (typeof AD_PLATFORMS)[number];

/**
 * What the pure core knows about an ad platform: its display name and how its traffic is
 * recognised in a landing URL (the click id it appends, the utm_source spellings seen in the
 * wild). `shared/platforms/registry.ts` derives each registry entry's facts from this record, the
 * domain's matching and the web app's labels read it too, so the compiler ties them to
 * `AD_PLATFORMS`.
 */
export interface AdPlatformFacts {
  label: string;
  /** Landing-page parameters whose presence proves a paid click on this platform. */
  clickIdParams: readonly string[];
  /** utm_source values (lower case) that name this platform. */
  utmSources: readonly string[];
}

export const AD_PLATFORM_FACTS: { readonly [P in AdPlatform]: AdPlatformFacts } = {
  // Instagram traffic is bought on Meta.
  meta: {
    label: 'Meta',
    clickIdParams: ['fbclid'],
    utmSources: ['facebook', 'fb', 'instagram', 'ig', 'meta'],
  },
  tiktok: { label: 'TikTok', clickIdParams: ['ttclid'], utmSources: ['tiktok'] },
  // gbraid / wbraid are gclid's iOS (app and web) twins.
  google_ads: {
    label: 'Google Ads',
    clickIdParams: ['gclid', 'gbraid', 'wbraid'],
    utmSources: ['google', 'google_ads', 'adwords', 'youtube'],
  },
};

export const isAdPlatform = (p: string): p is AdPlatform => (AD_PLATFORMS as readonly string[]).includes(p);

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
