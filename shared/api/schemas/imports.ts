import { z } from 'zod';
import { IMPORT_SOURCES } from '../../platforms/imports/types';

/**
 * Response shapes of the import routes, in plain zod with no server code, so the API (which names
 * them for OpenAPI) and the web app (which checks what it receives) share one definition.
 */
export const importProblemSchema = z.object({
  file: z.string(),
  line: z.number().int(),
  column: z.number().int(),
  message: z.string(),
});

export const importPreviewSchema = z.object({
  source: z.enum(IMPORT_SOURCES),
  kinds: z.array(z.string()),
  counts: z.record(z.string(), z.number()),
  range: z.object({ from: z.string(), to: z.string() }).optional(),
  /** The first rows to be written, headed in words; each column says what its cells hold. */
  sample: z.object({
    columns: z.array(z.object({ header: z.string(), kind: z.enum(['text', 'date', 'number']) })),
    rows: z.array(z.array(z.union([z.string(), z.number(), z.null()]))),
  }),
  notes: z.array(z.string()),
  valid: z.boolean(),
  problemCount: z.number().int(),
  problems: z.array(importProblemSchema),
});

export const importResultSchema = z.object({
  preview: importPreviewSchema,
  summary: z.string(),
  attributionQueued: z.boolean(),
  /** Whether the brand's customers refresh was queued (Shopify orders imported; decision 1010). */
  customersRefreshQueued: z.boolean(),
});
