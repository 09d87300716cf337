import type { PubSub } from '@google-cloud/pubsub';
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../ports/clock';
import { parseTopicMessage } from '../../ports/events';
import { createPubSubEventBus, DELIVER_AFTER_ATTRIBUTE } from './pubsub-event-bus';

/** What the bus hands Pub/Sub, through a client that records publishMessage calls. */
function recordingPubSub() {
  const published: Array<{ topic: string; data: Buffer; attributes: Record<string, string> }> = [];
  const client = {
    topic: (topic: string) => ({
      publishMessage: async (m: { data: Buffer; attributes: Record<string, string> }) => {
        published.push({ topic, ...m });
        return `msg-${published.length}`;
      },
    }),
    close: async () => {},
  } as unknown as Pick<PubSub, 'topic' | 'close'>;
  return { client, published };
}

const traceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';

describe('PubSubEventBus', () => {
  it('publishes the validated message as JSON with tenant, brand, key and trace attributes', async () => {
    const { client, published } = recordingPubSub();
    const bus = createPubSubEventBus({ projectId: 'p', clock: fixedClock('2026-11-02T10:00:00Z'), client });
    const id = await bus.publish('brand.synced', {
      tenantId: 'tenant_a',
      brandId: 'b1',
      idempotencyKey: 'k1',
      platform: 'meta',
      traceparent,
    });
    expect(id).toBe('msg-1');
    const [m] = published;
    expect(m?.topic).toBe('brand.synced');
    expect(m?.attributes).toEqual({ tenantId: 'tenant_a', brandId: 'b1', idempotencyKey: 'k1', traceparent });
    expect(parseTopicMessage('brand.synced', JSON.parse(m!.data.toString('utf8')))).toMatchObject({
      brandId: 'b1',
    });
  });

  it('marks a delayed message with the time it becomes due', async () => {
    const { client, published } = recordingPubSub();
    const bus = createPubSubEventBus({ projectId: 'p', clock: fixedClock('2026-11-02T10:00:00Z'), client });
    await bus.publish(
      'attribution.completed',
      {
        tenantId: 'tenant_a',
        brandId: 'b1',
        idempotencyKey: 'k2',
        range: { from: '2026-11-01', to: '2026-11-02' },
      },
      { delayMs: 90_000 },
    );
    expect(published[0]?.attributes[DELIVER_AFTER_ATTRIBUTE]).toBe('2026-11-02T10:01:30.000Z');
  });

  it('refuses a message that does not fit its topic without publishing', async () => {
    const { client, published } = recordingPubSub();
    const bus = createPubSubEventBus({ projectId: 'p', clock: fixedClock('2026-11-02T10:00:00Z'), client });
    await expect(bus.publish('brand.synced', { tenantId: 'tenant_a' } as never)).rejects.toThrow();
    expect(published).toEqual([]);
  });
});
