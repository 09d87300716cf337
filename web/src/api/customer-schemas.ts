import { z } from 'zod';
import { customer360PredictionSchema } from '../../../shared/api/schemas/customers';
import { customerProfileSchema } from '../../../shared/domain/customers/profile';
import { reviewSchema } from '../../../shared/domain/customers/records';

/** Response shapes of the customers API (shared/api/routes/customers.ts), parsed on arrival. */
export const customerList = z.object({ customers: z.array(customerProfileSchema) });
const money = z.object({ amountMinor: z.number(), currency: z.string() });
const share = z.object({ key: z.string(), share: z.number() });
export const customerView = z.object({
  profile: customerProfileSchema,
  orders: z.array(
    z.object({
      orderId: z.string(),
      orderNumber: z.string().nullable(),
      createdAt: z.string(),
      total: money,
      channel: z.string(),
    }),
  ),
  refunds: z.array(
    z.object({ refundId: z.string(), orderId: z.string(), createdAt: z.string(), amount: money }),
  ),
  orderCount: z.number(),
  revenue: money,
  firstOrderAt: z.string().nullable(),
  lastOrderAt: z.string().nullable(),
  acquisition: z
    .object({
      channel: z.string(),
      platform: z.string().nullable(),
      campaignId: z.string().nullable(),
      campaignName: z.string().nullable().optional(),
      method: z.string(),
      confidence: z.number(),
    })
    .nullable(),
  productIntent: z.array(
    z.object({
      productId: z.string(),
      title: z.string().optional(),
      score: z.number(),
      signals: z.number(),
      lastSignalAt: z.string(),
    }),
  ),
  categoryAffinity: z.array(share),
  channelPreference: z.array(share),
  journey: z.object({
    stage: z.string().nullable(),
    transitions: z.array(z.object({ stage: z.string(), at: z.string() })),
  }),
  predictions: customer360PredictionSchema,
  recentEvents: z.array(
    z.object({
      event_id: z.string(),
      type: z.string(),
      source: z.string(),
      occurred_at: z.string(),
      channel: z.string(),
    }),
  ),
});
export type CustomerView = z.infer<typeof customerView>;
export const mergeHistory = z.object({
  merges: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(['merge', 'unmerge']),
      survivorId: z.string(),
      mergedIds: z.array(z.string()),
      by: z.string(),
      at: z.string(),
      undoneBy: z.string().nullable(),
      evidence: z.array(z.object({ kind: z.string(), detail: z.string(), confidence: z.number() })),
    }),
  ),
});
export const reviewList = z.object({
  reviews: z.array(reviewSchema),
  profiles: z.record(
    z.string(),
    z.object({
      name: z.string().nullable(),
      email: z.string().nullable(),
      phone: z.string().nullable(),
      place: z.string().nullable(),
    }),
  ),
});
