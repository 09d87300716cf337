import { describe, expect, it } from 'vitest';
import { createOpsEventSink } from '../../api/ops-events';
import { fixedClock } from '../../ports/clock';
import type { WarehouseRow } from '../../ports/warehouse';
import { createMemoryLogger } from '../logging/logger';
import { createLatencyHistograms } from './latency-histograms';
import { continueTrace } from './trace';

function sinkWith(
  insert: (rows: readonly WarehouseRow[]) => Promise<void>,
  maxBatch = 3,
  maxBuffered = 100,
  clock = fixedClock('2026-11-20T10:00:00Z'),
) {
  const logger = createMemoryLogger();
  const sink = createOpsEventSink({
    warehouse: { insertOps: (_table, rows) => insert(rows) },
    clock,
    logger,
    maxBatch,
    maxBuffered,
    flushIntervalMs: 60_000,
  });
  return { sink, logger };
}

describe('ops event sink', () => {
  it('inserts one batch per maxBatch events, and the rest on flush', async () => {
    const batches: number[] = [];
    const { sink } = sinkWith(async (rows) => void batches.push(rows.length));
    for (let i = 0; i < 7; i++) sink.record({ kind: 'http_request', name: 'GET /x', durationMs: i });
    await sink.flush();
    expect(batches).toEqual([3, 3, 1]);
  });

  it('sends an overdue batch with the next event even if its timer never fired', async () => {
    const batches: number[] = [];
    const clock = fixedClock('2026-11-20T10:00:00Z');
    const { sink } = sinkWith(async (rows) => void batches.push(rows.length), 1_000, 100, clock);
    sink.record({ kind: 'job', name: 'a' });
    clock.advance(60_001);
    sink.record({ kind: 'job', name: 'b' });
    await new Promise((r) => setTimeout(r, 0));
    expect(batches).toEqual([2]);
  });

  it('shapes rows for the observability_events table', async () => {
    const rows: WarehouseRow[] = [];
    const { sink } = sinkWith(async (r) => void rows.push(...r));
    sink.record({
      kind: 'http_request',
      name: 'GET /x',
      tenantId: 't1',
      status: '200',
      durationMs: 12.5,
      traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
      attributes: { requestId: 'r1' },
    });
    await sink.flush();
    expect(rows).toEqual([
      {
        date: '2026-11-20',
        at: '2026-11-20T10:00:00.000Z',
        tenant_id: 't1',
        kind: 'http_request',
        name: 'GET /x',
        status: '200',
        duration_ms: 12.5,
        trace: '0af7651916cd43dd8448eb211c80319c',
        attributes: '{"requestId":"r1"}',
      },
    ]);
  });

  it('logs and drops a batch the warehouse refuses, and bounds the backlog', async () => {
    const { sink, logger } = sinkWith(async () => Promise.reject(new Error('quota')), 1_000, 2);
    for (let i = 0; i < 5; i++) sink.record({ kind: 'job', name: 'x' });
    expect(sink.dropped()).toBe(3);
    await sink.flush();
    expect(
      logger.lines.some((l) => l.includes('observability events dropped') && l.includes('"count":2')),
    ).toBe(true);
  });
});

describe('latency histograms', () => {
  it('estimates percentiles inside the bucket a sample fell in', () => {
    const h = createLatencyHistograms();
    for (let i = 1; i <= 100; i++) h.observe('GET /x', i < 90 ? 8 : 400);
    const [s] = h.snapshot();
    expect(s).toMatchObject({ route: 'GET /x', count: 100, maxMs: 400 });
    expect(s!.p50Ms).toBeGreaterThan(5);
    expect(s!.p50Ms).toBeLessThanOrEqual(10);
    expect(s!.p95Ms).toBeGreaterThan(250);
    expect(s!.p95Ms).toBeLessThanOrEqual(400);
  });
});

describe('trace context', () => {
  const incoming = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00';
  it('keeps the trace id and flags and starts a new span', () => {
    const next = continueTrace(incoming);
    expect(next).toMatch(/^00-0af7651916cd43dd8448eb211c80319c-[0-9a-f]{16}-00$/);
    expect(next).not.toContain('b7ad6b7169203331');
  });
  it.each([
    undefined,
    'garbage',
    '00-00000000000000000000000000000000-b7ad6b7169203331-01',
    '01-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331',
  ])('starts a new sampled trace from %s', (value) => {
    expect(continueTrace(value)).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    expect(continueTrace(value)).not.toContain('0af7651916cd43dd8448eb211c80319c');
  });
});
