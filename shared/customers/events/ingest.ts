import { createHash } from 'node:crypto';
import {
  type EventRecord,
  REJECTION_REASONS,
  type Rejection,
  toEventRecord,
} from '../../domain/customers/event-record';
import type { EventSource } from '../../domain/customers/events';
import type { Clock } from '../../ports/clock';
import type { EventBus } from '../../ports/events';
import type { Warehouse } from '../../ports/warehouse';
import type { BrandScope } from '../../ports/warehouse-rows';
import { toEventRow } from './rows';

export interface EventIngestionDeps {
  warehouse: Warehouse;
  bus: EventBus;
  clock: Clock;
}

export interface IngestTarget extends BrandScope {
  /** The brand's IANA timezone: an event's `day` is its local day. */
  readonly timeZone: string;
}

export interface Accepted {
  index: number;
  id: string;
  /** `stored` now, or `duplicate`: the id was already stored and nothing changed. */
  status: 'stored' | 'duplicate';
}
export interface IngestOptions {
  /** The sending browser's user agent, for events without their own (docs/decisions/940). */
  readonly userAgent?: string | null;
}
export interface IngestResult {
  accepted: Accepted[];
  rejected: Rejection[];
}

/** Warehouse look-ups of existing ids go in chunks this size (an IN list, not a scan per id). */
const ID_CHUNK = 1_000;

/**
 * Stores a batch of events for one brand. Each event is judged alone: the invalid ones are
 * rejected with a reason and the rest land. Idempotent by event id: ids already stored are
 * reported as `duplicate` and not rewritten (their received_at stays the first one), so a
 * replayed batch changes nothing and publishes nothing. Late events are accepted whatever
 * their age; their `day` partition is the day they happened.
 */
export function createEventIngestion(deps: EventIngestionDeps) {
  async function existingIds(scope: BrandScope, ids: readonly string[]): Promise<Set<string>> {
    const found = new Set<string>();
    for (let i = 0; i < ids.length; i += ID_CHUNK) {
      const rows = await deps.warehouse.query<{ event_id: string }>(
        scope.ctx,
        'SELECT event_id FROM {{events}} WHERE brand_id = @brand AND event_id IN (SELECT * FROM UNNEST(@ids))',
        { brand: scope.brandId, ids: ids.slice(i, i + ID_CHUNK) },
      );
      for (const r of rows) found.add(r.event_id);
    }
    return found;
  }

  /** Validates and stores raw events from the wire (collect, the API, webhooks, importers). */
  async function ingest(
    target: IngestTarget,
    events: readonly unknown[],
    source: EventSource,
    options: IngestOptions = {},
  ): Promise<IngestResult> {
    const receivedAt = deps.clock.now();
    const rejected: Rejection[] = [];
    const valid: { index: number; record: EventRecord }[] = [];
    const seen = new Set<string>();
    events.forEach((raw, index) => {
      const result = toEventRecord(raw, {
        source,
        receivedAt,
        timeZone: target.timeZone,
        userAgent: options.userAgent,
      });
      if (!result.ok) {
        rejected.push({ index, id: idOf(raw), reason: result.reason, message: result.message });
      } else if (seen.has(result.value.eventId)) {
        rejected.push({
          index,
          id: result.value.eventId,
          reason: REJECTION_REASONS.duplicateInBatch,
          message: `event id ${result.value.eventId} appears earlier in this batch`,
        });
      } else {
        seen.add(result.value.eventId);
        valid.push({ index, record: result.value });
      }
    });
    const stored = await storeRecords(
      target,
      valid.map((v) => v.record),
    );
    return {
      accepted: valid.map(({ index, record }) => ({
        index,
        id: record.eventId,
        status: stored.has(record.eventId) ? 'stored' : 'duplicate',
      })),
      rejected,
    };
  }

  /**
   * Stores already-normalised records (webhook mappers and importers build them), skipping ids
   * already stored; returns the ids written now and announces them on `customer.events`.
   */
  async function storeRecords(scope: BrandScope, records: readonly EventRecord[]): Promise<Set<string>> {
    if (records.length === 0) return new Set();
    const existing = await existingIds(
      scope,
      records.map((r) => r.eventId),
    );
    const fresh = records.filter((r) => !existing.has(r.eventId));
    if (fresh.length === 0) return new Set();
    const ids = fresh.map((r) => r.eventId);
    // replaceKeys, not a blind append: if a concurrent delivery of the same ids won the race,
    // its rows are replaced by identical ones instead of doubled.
    await deps.warehouse.replaceKeys(
      scope.ctx,
      'events',
      { brandId: scope.brandId, keyColumn: 'event_id', keys: ids },
      fresh.map((r) => toEventRow(scope.brandId, r)),
    );
    await deps.bus.publish('customer.events', {
      tenantId: scope.ctx.tenantId,
      brandId: scope.brandId,
      idempotencyKey: customerEventsKey(scope.brandId, ids),
      ...(scope.ctx.traceparent ? { traceparent: scope.ctx.traceparent } : {}),
      eventIds: ids,
    });
    return new Set(ids);
  }

  return { ingest, storeRecords };
}
export type EventIngestion = ReturnType<typeof createEventIngestion>;

/** The bus idempotency key of a set of stored ids: the same ids always give the same key. */
export function customerEventsKey(brandId: string, ids: readonly string[]): string {
  const hash = createHash('sha256');
  hash.update(brandId);
  for (const id of [...ids].sort()) hash.update(`\u0000${id}`);
  return `customer.events:${hash.digest('hex')}`;
}

function idOf(raw: unknown): string | null {
  if (raw && typeof raw === 'object' && 'id' in raw && typeof raw.id === 'string')
    return raw.id.slice(0, 200);
  return null;
}
