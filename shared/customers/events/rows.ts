import { z } from 'zod';
import { deviceClassOf } from '../../domain/customers/device';
import type { EventRecord } from '../../domain/customers/event-record';
import { identifierSchema, personSchema } from '../../domain/customers/events';
import type { WarehouseRow } from '../../ports/warehouse';

/** An accepted event as the warehouse `events` table holds it (shared/ports/warehouse-tables.ts). */
export function toEventRow(brandId: string, e: EventRecord): WarehouseRow {
  return {
    brand_id: brandId,
    event_id: e.eventId,
    type: e.type,
    source: e.source,
    occurred_at: e.occurredAt,
    received_at: e.receivedAt,
    day: e.day,
    client_id: e.clientId,
    identifiers: JSON.stringify(e.identifiers),
    person: e.person ? JSON.stringify(e.person) : null,
    product_id: e.productId,
    variant_id: e.variantId,
    value_minor: e.valueMinor,
    currency: e.currency,
    url: e.url,
    properties: JSON.stringify(e.properties),
    device: e.device,
  };
}

const json = <S extends z.ZodType>(schema: S) =>
  z.string().transform((s, ctx) => {
    try {
      return schema.parse(JSON.parse(s)) as z.infer<S>;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'not the expected JSON' });
      return z.NEVER;
    }
  });

/** A row read back (every column selected), parsed: the JSON columns become values again. */
export const storedEventSchema = z.object({
  brand_id: z.string(),
  event_id: z.string(),
  type: z.string(),
  source: z.string(),
  occurred_at: z.string(),
  received_at: z.string(),
  day: z.string(),
  client_id: z.string().nullable(),
  identifiers: json(z.array(identifierSchema)),
  person: json(personSchema).nullable(),
  product_id: z.string().nullable(),
  variant_id: z.string().nullable(),
  value_minor: z.number().int().nullable(),
  currency: z.string().nullable(),
  url: z.string().nullable(),
  properties: json(z.record(z.string(), z.unknown())).nullable(),
  /** NULL on rows stored before the column existed: read as `unknown`. */
  device: z.string().nullish().transform(deviceClassOf),
});
export type StoredEvent = z.infer<typeof storedEventSchema>;
