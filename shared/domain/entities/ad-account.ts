import { z } from 'zod';
import { isValidTimeZone } from '../time';
import { AD_PLATFORMS } from './integration';

/**
 * An ad account of a brand on one platform. A brand may have several per platform (a USD and a
 * EUR Meta account), each with its own currency and timezone; its rows in `ad_performance` carry
 * its id, so importing or syncing one account never replaces another's.
 */
export const adAccountSchema = z.object({
  /** `<platform>:<accountId>`, e.g. `meta:act_1001`. */
  id: z.string(),
  platform: z.enum(AD_PLATFORMS),
  /** The id as the platform's API spells it (Meta with `act_`, Google without dashes). */
  accountId: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9_.-]+$/, 'letters, digits, dots, dashes and underscores'),
  name: z.string().min(1).max(200).optional(),
  currency: z.string().regex(/^[A-Z]{3}$/, 'ISO 4217 currency code'),
  timezone: z.string().refine(isValidTimeZone, 'IANA timezone, e.g. America/New_York'),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type AdAccount = z.infer<typeof adAccountSchema>;

export const adAccountDocId = (platform: string, accountId: string) => `${platform}:${accountId}`;

/** The id as the platform's API spells it, from what a merchant types or an export writes. */
export function canonicalAccountId(platform: string, raw: string): string {
  const id = raw.trim();
  if (platform === 'meta') return id.startsWith('act_') ? id : `act_${id}`;
  if (platform === 'google_ads') return id.replace(/-/g, '');
  return id;
}
