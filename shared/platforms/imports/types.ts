import { z } from 'zod';
import { AD_PLATFORMS } from '../../domain/entities';
import { isValidTimeZone } from '../../domain/time';
import type { ImportProblem } from '../../kernel/util/import-problems';
import { type AdPlatformRegistry, adPlatformEntries } from '../registry';
import type { ImportSample } from './sample';

/**
 * An import as the API, the web page and the CLI send it: the platform, its files (as text), and
 * for ad platforms the account to file the rows under, created with a currency and timezone when
 * it is new. The same request is previewed, then run; running writes only if every file is valid.
 */
export const IMPORT_SOURCES = ['shopify', ...AD_PLATFORMS] as const;

/** What `pulsepoint import` accepts over a registry: the store plus every registered ad platform. */
export const importSourcesOf = (registry: AdPlatformRegistry): string[] => [
  'shopify',
  ...adPlatformEntries(registry).map((e) => e.platform),
];
export const importSourceSchema = z.enum(IMPORT_SOURCES);
export type ImportSource = z.infer<typeof importSourceSchema>;

export const importFileSchema = z.object({
  name: z.string().min(1).max(200),
  content: z.string(),
});

export const importRequestSchema = z.object({
  source: importSourceSchema,
  files: z.array(importFileSchema).min(1).max(24),
  /** Ad platforms: the account id as the platform shows it (`act_123`, `123-456-7890`, …). */
  account: z.string().trim().min(1).max(64).optional(),
  /** A new account's display name. */
  accountName: z.string().trim().min(1).max(200).optional(),
  /** The account's currency when the file does not say it (TikTok) or the account is new. */
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, 'a three-letter currency code like USD')
    .optional(),
  /** A new account's reporting timezone (default: the brand's). */
  timezone: z.string().refine(isValidTimeZone, 'an IANA timezone like Europe/Paris').optional(),
});
export type ImportRequest = z.infer<typeof importRequestSchema>;

export interface ImportPreview {
  source: ImportSource;
  /** What the files are, e.g. `orders (bulk JSONL)`, `Meta Ads Manager export`. */
  kinds: string[];
  /** What would be written, by kind: orders, line items, refunds, products, inventory levels, ad rows. */
  counts: Record<string, number>;
  range?: { from: string; to: string };
  sample: ImportSample;
  /** Facts the merchant should know before confirming (where the currency came from, new accounts). */
  notes: string[];
  valid: boolean;
  problemCount: number;
  problems: ImportProblem[];
}

export interface ImportResult {
  preview: ImportPreview;
  summary: string;
  /** Whether an attribution pass was queued for the brand. */
  attributionQueued: boolean;
  /** Whether the brand's customers refresh (identities, then analytics) was queued: decision 1010. */
  customersRefreshQueued: boolean;
}
