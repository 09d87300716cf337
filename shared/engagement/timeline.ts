import type { EventIngestionDeps } from '../customers/events/ingest';
import { createEventIngestion } from '../customers/events/ingest';
import type { Identifier } from '../domain/customers/events';
import type { ChannelKind } from '../domain/engagement/channel';
import type { Clock } from '../ports/clock';
import type { BrandScope } from '../ports/warehouse-rows';
import type { SendRecord } from './send-record';

export type MessageEventStatus =
  | 'sent'
  | 'delivered'
  | 'undelivered'
  | 'failed'
  | 'bounced'
  | 'read'
  | 'opened'
  | 'clicked'
  | 'unsubscribed';

const identifierOf = (channel: ChannelKind, address: string): Identifier =>
  channel === 'email'
    ? { kind: 'email', value: address }
    : { kind: channel === 'whatsapp' ? 'whatsapp' : 'phone', value: address };

/**
 * Message statuses and replies become first-party events (`message_status`, `message_received`)
 * through the same ingestion as every other event, so they show on the customer's timeline and
 * identity resolution ties them to the profile by the address. Event ids are derived from the
 * provider's ids, so a status callback Twilio retries lands once.
 */
export function createEngagementTimeline(
  deps: EventIngestionDeps & { clock: Clock; timeZoneOf: (scope: BrandScope) => Promise<string> },
) {
  const ingestion = createEventIngestion(deps);
  // Buffered per brand: a campaign writes its statuses in batches, not one warehouse write each.
  const buffers = new Map<string, { scope: BrandScope; events: Record<string, unknown>[] }>();
  const FLUSH_AT = 500;
  async function writeScope(b: { scope: BrandScope; events: Record<string, unknown>[] }) {
    const result = await ingestion.ingest(
      { ...b.scope, timeZone: await deps.timeZoneOf(b.scope) },
      b.events,
      'messaging',
    );
    const rejected = result.rejected[0];
    if (rejected) throw new Error(`timeline event rejected: ${rejected.message}`);
  }
  /**
   * Group commit: one write at a time; callers arriving while it runs share the next write, which
   * takes everything buffered when it starts. A flush waits for the write in flight (its caller's
   * events may be in it) and for the next one (they may still be buffered), so it resolves only
   * once the caller's own events are written — a webhook answers 200 only then — and concurrent
   * status callbacks cost one warehouse write per round instead of one each.
   */
  let running: Promise<void> | null = null;
  let queued: Promise<void> | null = null;
  function startRound(): Promise<void> {
    const before = running ?? Promise.resolve();
    const round: Promise<void> = before
      .catch(() => undefined)
      .then(async () => {
        queued = null;
        running = round;
        const batch = [...buffers.values()];
        buffers.clear();
        try {
          for (const [i, b] of batch.entries()) {
            try {
              if (b.events.length > 0) await writeScope(b);
            } catch (err) {
              // Brands not reached yet stay buffered for the next round; this one's callers retry.
              for (const rest of batch.slice(i + 1)) {
                const key = `${rest.scope.ctx.tenantId}/${rest.scope.brandId}`;
                const now = buffers.get(key);
                buffers.set(key, now ? { scope: rest.scope, events: [...rest.events, ...now.events] } : rest);
              }
              throw err;
            }
          }
        } finally {
          if (running === round) running = null;
        }
      });
    return round;
  }
  function flush(): Promise<void> {
    const waits: Promise<void>[] = [];
    if (running) waits.push(running);
    if (buffers.size > 0 && !queued) queued = startRound();
    if (queued) waits.push(queued);
    return Promise.all(waits).then(() => undefined);
  }
  async function ingest(scope: BrandScope, event: Record<string, unknown>) {
    const key = `${scope.ctx.tenantId}/${scope.brandId}`;
    const b = buffers.get(key) ?? { scope, events: [] };
    // A status reported twice in one batch would be rejected as a duplicate: keep the first.
    if (!b.events.some((e) => e.id === event.id)) b.events.push(event);
    buffers.set(key, b);
    if (b.events.length >= FLUSH_AT) await flush();
  }
  return {
    /** Writes what is buffered; callers flush at the end of a request or a campaign batch. */
    flush,
    async record(scope: BrandScope, send: SendRecord, status: MessageEventStatus, errorCode?: string | null) {
      if (!send.to) return;
      await ingest(scope, {
        id: `msg:${send.providerId ?? send.id}:${status}`,
        type: 'message_status',
        occurredAt: deps.clock.now().toISOString(),
        identifiers: [identifierOf(send.channel, send.to)],
        data: {
          channel: send.channel,
          message_id: send.providerId ?? send.id,
          status,
          error_code: errorCode ?? null,
          source_kind: send.source.kind,
          source_id: send.source.id,
        },
      });
    },
    async received(scope: BrandScope, m: { channel: 'sms' | 'whatsapp'; from: string; messageId: string }) {
      await ingest(scope, {
        id: `msg:${m.messageId}:received`,
        type: 'message_received',
        occurredAt: deps.clock.now().toISOString(),
        identifiers: [identifierOf(m.channel, m.from)],
        data: { channel: m.channel, message_id: m.messageId },
      });
    },
  };
}
export type EngagementTimeline = ReturnType<typeof createEngagementTimeline>;
