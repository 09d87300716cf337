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
  async function flushScope(key: string) {
    const b = buffers.get(key);
    if (!b || b.events.length === 0) return;
    buffers.delete(key);
    const result = await ingestion.ingest(
      { ...b.scope, timeZone: await deps.timeZoneOf(b.scope) },
      b.events,
      'messaging',
    );
    const rejected = result.rejected[0];
    if (rejected) throw new Error(`timeline event rejected: ${rejected.message}`);
  }
  async function ingest(scope: BrandScope, event: Record<string, unknown>) {
    const key = `${scope.ctx.tenantId}/${scope.brandId}`;
    const b = buffers.get(key) ?? { scope, events: [] };
    // A status reported twice in one batch would be rejected as a duplicate: keep the first.
    if (!b.events.some((e) => e.id === event.id)) b.events.push(event);
    buffers.set(key, b);
    if (b.events.length >= FLUSH_AT) await flushScope(key);
  }
  return {
    /** Writes what is buffered; callers flush at the end of a request or a campaign batch. */
    async flush() {
      for (const key of [...buffers.keys()]) await flushScope(key);
    },
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
