import { z } from 'zod';
import { identifierKey, normaliseIdentifiers, rawIdentifierSchema } from '../../domain/customers/identifiers';
import type { PersonRecordFields } from '../../domain/customers/profile';
import type { IdentityRecord } from '../../domain/customers/resolution';
import type { Warehouse } from '../../ports/warehouse';
import type { BrandScope } from '../../ports/warehouse-rows';

/**
 * Identity records from the warehouse: events (the customers contract: `identifiers` is a JSON
 * array of `{kind, value}` as received, `person` a JSON object of snake_case fields or null) and
 * orders (Shopify's customer id and email on each order, so profiles exist from the first sync).
 */
const eventRowSchema = z.object({
  event_id: z.string(),
  day: z.string(),
  occurred_at: z.string(),
  source: z.string(),
  client_id: z.string().nullable(),
  identifiers: z.string().nullable(),
  person: z.string().nullable(),
});
type EventRow = z.infer<typeof eventRowSchema>;

const personJsonSchema = z
  .object({
    first_name: z.string().nullish(),
    last_name: z.string().nullish(),
    address1: z.string().nullish(),
    address2: z.string().nullish(),
    city: z.string().nullish(),
    postcode: z.string().nullish(),
    country: z.string().nullish(),
    date_of_birth: z.string().nullish(),
  })
  .passthrough();

export interface SkippedIdentifier {
  recordId: string;
  reason: string;
}

function parseJson(text: string | null): unknown {
  if (text === null || text === '') return null;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function eventToRecord(
  row: EventRow,
  defaultCountry: string | undefined,
  skipped: SkippedIdentifier[],
): IdentityRecord {
  const rawList = parseJson(row.identifiers);
  const raw = Array.isArray(rawList) ? rawList : [];
  if (rawList === undefined)
    skipped.push({ recordId: row.event_id, reason: 'identifiers is not valid JSON' });
  const valid = raw.flatMap((item) => {
    const parsed = rawIdentifierSchema.safeParse(item);
    if (!parsed.success)
      skipped.push({ recordId: row.event_id, reason: `unknown identifier ${JSON.stringify(item)}` });
    return parsed.success ? [parsed.data] : [];
  });
  if (row.client_id) valid.push({ kind: 'shopify_client_id', value: row.client_id });
  const person = personJsonSchema.safeParse(parseJson(row.person));
  const { identifiers, rejected } = normaliseIdentifiers(
    valid,
    person.success ? (person.data.country ?? defaultCountry) : defaultCountry,
  );
  for (const r of rejected) skipped.push({ recordId: row.event_id, reason: r.reason });
  return {
    id: row.event_id,
    at: row.occurred_at,
    source: row.source,
    identifiers,
    person: person.success && person.data ? toPerson(person.data) : null,
  };
}

function toPerson(p: z.infer<typeof personJsonSchema>): PersonRecordFields {
  return {
    firstName: p.first_name ?? null,
    lastName: p.last_name ?? null,
    address1: p.address1 ?? null,
    address2: p.address2 ?? null,
    city: p.city ?? null,
    postcode: p.postcode ?? null,
    country: p.country ?? null,
    dateOfBirth: p.date_of_birth ?? null,
  };
}

const EVENT_COLUMNS = 'event_id, day, occurred_at, source, client_id, identifiers, person';

export async function readEventRecords(
  warehouse: Warehouse,
  scope: BrandScope,
  eventIds: readonly string[] | 'all',
  defaultCountry: string | undefined,
): Promise<{ records: IdentityRecord[]; skipped: SkippedIdentifier[]; days: Map<string, string> }> {
  const rows =
    eventIds === 'all'
      ? await warehouse.query(scope.ctx, `SELECT ${EVENT_COLUMNS} FROM {{events}} WHERE brand_id = @brand`, {
          brand: scope.brandId,
        })
      : await warehouse.query(
          scope.ctx,
          `SELECT ${EVENT_COLUMNS} FROM {{events}} WHERE brand_id = @brand AND event_id IN (SELECT * FROM UNNEST(@ids))`,
          { brand: scope.brandId, ids: [...eventIds] },
        );
  const skipped: SkippedIdentifier[] = [];
  const days = new Map<string, string>();
  const records = rows.map((raw) => {
    const row = eventRowSchema.parse(raw);
    days.set(row.event_id, row.day);
    return eventToRecord(row, defaultCountry, skipped);
  });
  return { records: sortRecords(records), skipped, days };
}

const orderRowSchema = z.object({
  order_id: z.string(),
  created_at: z.string(),
  customer_id: z.string().nullable(),
  email: z.string().nullable(),
  customer_name: z.string().nullable(),
  city: z.string().nullable(),
  country: z.string().nullable(),
  address1: z.string().nullable(),
  address2: z.string().nullable(),
  postcode: z.string().nullable(),
});

/**
 * Orders as identity records (`order:<id>`): Shopify's customer id and the order's email, and the
 * person the order names: the buyer's name and where it ships (street, city, postcode), which the
 * person matcher compares.
 */
export async function readOrderRecords(
  warehouse: Warehouse,
  scope: BrandScope,
  defaultCountry: string | undefined,
): Promise<{ records: IdentityRecord[]; skipped: SkippedIdentifier[] }> {
  const rows = await warehouse.query(
    scope.ctx,
    `SELECT order_id, created_at, customer_id, email, customer_name, city, country, address1, address2, postcode
      FROM {{orders}}
      WHERE brand_id = @brand AND (email IS NOT NULL OR customer_id IS NOT NULL)`,
    { brand: scope.brandId },
  );
  const skipped: SkippedIdentifier[] = [];
  const records = rows.map((raw) => {
    const row = orderRowSchema.parse(raw);
    const id = `order:${row.order_id}`;
    const { identifiers, rejected } = normaliseIdentifiers(
      [
        ...(row.customer_id ? [{ kind: 'shopify_customer_id' as const, value: row.customer_id }] : []),
        ...(row.email ? [{ kind: 'email' as const, value: row.email }] : []),
      ],
      row.country ?? defaultCountry,
    );
    for (const r of rejected) skipped.push({ recordId: id, reason: r.reason });
    const [firstName, ...rest] = (row.customer_name ?? '').trim().split(/\s+/);
    return {
      id,
      at: row.created_at,
      source: 'shopify',
      identifiers,
      person: row.customer_name
        ? {
            firstName: firstName ?? null,
            lastName: rest.join(' ') || null,
            address1: row.address1,
            address2: row.address2,
            city: row.city,
            postcode: row.postcode,
            country: row.country,
          }
        : null,
    } satisfies IdentityRecord;
  });
  return { records: sortRecords(records), skipped };
}

/** Arrival order: by time, then id — the order both resolvers see records in. */
export function sortRecords(records: IdentityRecord[]): IdentityRecord[] {
  return records.sort((a, b) => (a.at === b.at ? a.id.localeCompare(b.id) : a.at.localeCompare(b.at)));
}

/** Writes the `event_identifiers` rows of these events (replacing theirs: a replay changes nothing). */
export async function writeEventIdentifiers(
  warehouse: Warehouse,
  scope: BrandScope,
  records: readonly IdentityRecord[],
  days: ReadonlyMap<string, string>,
): Promise<void> {
  if (records.length === 0) return;
  const rows = records.flatMap((record) =>
    record.identifiers.map((id) => ({
      brand_id: scope.brandId,
      event_id: record.id,
      day: days.get(record.id) ?? record.at.slice(0, 10),
      identifier_key: identifierKey(id),
    })),
  );
  await warehouse.replaceKeys(
    scope.ctx,
    'event_identifiers',
    { brandId: scope.brandId, keyColumn: 'event_id', keys: records.map((r) => r.id) },
    rows,
  );
}
