import { z } from 'zod';
import { brandIdSchema, roleSchema } from '../tenancy';

/**
 * A per-tenant API key for scripts and MCP clients. Only the SHA-256 of the key is kept; the key
 * itself is shown once, at creation. `prefix` (the first characters) lets people tell keys apart.
 */
export const apiKeySchema = z.object({
  id: z.string(),
  name: z.string().min(1).max(100),
  prefix: z.string(),
  /** Hex SHA-256 of the whole key. */
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  role: roleSchema,
  brandIds: z.array(brandIdSchema).optional(),
  createdBy: z.string(),
  createdAt: z.string(),
  expiresAt: z.string().optional(),
  lastUsedAt: z.string().optional(),
});
export type ApiKey = z.infer<typeof apiKeySchema>;
