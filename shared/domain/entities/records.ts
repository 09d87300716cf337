import { z } from 'zod';
import { platformSchema } from './integration';

export const syncRunSchema = z.object({
  id: z.string(),
  brandId: z.string(),
  platform: platformSchema,
  status: z.enum(['running', 'succeeded', 'failed']),
  stage: z.string().optional(),
  counts: z.record(z.string(), z.number()).default({}),
  from: z.string().optional(),
  to: z.string().optional(),
  error: z.string().optional(),
  startedAt: z.string(),
  finishedAt: z.string().optional(),
});
export type SyncRun = z.infer<typeof syncRunSchema>;

export const auditEventSchema = z.object({
  id: z.string(),
  brandId: z.string().optional(),
  actor: z.string(),
  action: z.string(),
  target: z.string(),
  details: z.record(z.string(), z.unknown()).default({}),
  at: z.string(),
});
export type AuditEvent = z.infer<typeof auditEventSchema>;

export const webhookReceiptSchema = z.object({
  id: z.string(),
  topic: z.string(),
  receivedAt: z.string(),
  /** Epoch ms after which the receipt may be deleted (Firestore TTL field). */
  expiresAt: z.string(),
  /** Set when the payload was malformed: acknowledged, not applied; why (every problem). */
  rejected: z.string().optional(),
});
export type WebhookReceipt = z.infer<typeof webhookReceiptSchema>;
