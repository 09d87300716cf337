import type { Logger } from '../kernel/logging/logger';
import { traceIdOf } from '../kernel/logging/logger';
import type { Clock } from '../ports/clock';
import type { Warehouse, WarehouseRow } from '../ports/warehouse';

export interface OpsEvent {
  tenantId?: string;
  /** e.g. `http_request`, `job`. */
  kind: string;
  /** e.g. the route `GET /api/brands/{brandId}`. */
  name: string;
  status?: string;
  durationMs?: number;
  traceparent?: string;
  attributes?: Record<string, string | number | boolean>;
}

export interface OpsEventSinkOptions {
  warehouse: Pick<Warehouse, 'insertOps'>;
  clock: Clock;
  logger: Logger;
  /** Flush when this many events are waiting (default 500). */
  maxBatch?: number;
  /** ...or this long after the first one arrived (default 10 s). */
  flushIntervalMs?: number;
  /** Beyond this backlog (a warehouse outage) the oldest events are dropped and counted. */
  maxBuffered?: number;
}

/**
 * Batches `observability_events` rows into the warehouse ops table: one insert per batch, not per
 * request (BigQuery bills and throttles per insert). Losing a batch on an outage is acceptable,
 * blocking a request on it is not, so failures are logged and dropped.
 */
export function createOpsEventSink(options: OpsEventSinkOptions) {
  const maxBatch = options.maxBatch ?? 500;
  const interval = options.flushIntervalMs ?? 10_000;
  const maxBuffered = options.maxBuffered ?? 10_000;
  let buffer: WarehouseRow[] = [];
  let dropped = 0;
  let firstAt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let inFlight: Promise<void> = Promise.resolve();

  const toRow = (e: OpsEvent): WarehouseRow => {
    const at = options.clock.now();
    return {
      date: at.toISOString().slice(0, 10),
      at: at.toISOString(),
      tenant_id: e.tenantId ?? null,
      kind: e.kind,
      name: e.name,
      status: e.status ?? null,
      duration_ms: e.durationMs ?? null,
      trace: traceIdOf(e.traceparent) ?? null,
      attributes: e.attributes ? JSON.stringify(e.attributes) : null,
    };
  };

  function flush(): Promise<void> {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (buffer.length === 0) return inFlight;
    const batch = buffer;
    buffer = [];
    inFlight = inFlight.then(() =>
      options.warehouse.insertOps('observability_events', batch).catch((err: unknown) => {
        options.logger.warn('observability events dropped', { count: batch.length, error: err });
      }),
    );
    return inFlight;
  }

  return {
    record(event: OpsEvent): void {
      const now = options.clock.now().getTime();
      if (buffer.length === 0) firstAt = now;
      buffer.push(toRow(event));
      if (buffer.length > maxBuffered) {
        dropped += buffer.length - maxBuffered;
        buffer = buffer.slice(-maxBuffered);
      }
      // The timer may never fire where CPU is throttled between requests (Cloud Functions), so
      // an overdue batch also goes out with the next event.
      if (buffer.length >= maxBatch || now - firstAt >= interval) void flush();
      else if (!timer) {
        timer = setTimeout(() => void flush(), interval);
        timer.unref?.();
      }
    },
    flush,
    /** Events dropped because the backlog overflowed. */
    dropped: () => dropped,
  };
}
export type OpsEventSink = ReturnType<typeof createOpsEventSink>;
