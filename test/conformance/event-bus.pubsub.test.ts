import { type Message, PubSub } from '@google-cloud/pubsub';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { decodePubSubData } from '../../functions/_runtime/pubsub-envelope';
import { createPubSubEventBus, DELIVER_AFTER_ATTRIBUTE } from '../../shared/adapters/gcp/pubsub-event-bus';
import { fixedClock } from '../../shared/ports/clock';
import { parseTopicMessage } from '../../shared/ports/events';
import { describeEventBusConformance } from './event-bus.suite';
import { pubsubBusBackend } from './pubsub-bus-backend';

/**
 * PubSubEventBus against Google's Pub/Sub emulator (PUBSUB_EMULATOR_HOST: set in Cloud Build, and
 * by the run's global setup where gcloud's emulator is installed, ./google-emulators.setup.ts).
 * The first block checks what the adapter owns: the wire format the runtime decodes, the
 * attributes, and refusal of a message that does not fit its topic. The second runs the shared
 * EventBus suite with delivery as deployed: emulator subscriptions with dead-letter policies,
 * each message run by the functions runtime behind the Functions Framework
 * (./pubsub-bus-backend.ts).
 */
// The client probes the GCE metadata server for credentials it does not need against an emulator.
process.env.METADATA_SERVER_DETECTION ??= 'none';

const host = process.env.PUBSUB_EMULATOR_HOST;
const skipped = host
  ? ''
  : `; skipped: ${inject('googleEmulators')?.pubsub.note ?? 'PUBSUB_EMULATOR_HOST unset'}`;
const projectId = `demo-pp-${process.pid}`;
const traceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';

describe.skipIf(!host)(`EventBus: Pub/Sub (emulator at PUBSUB_EMULATOR_HOST${skipped})`, () => {
  let admin: PubSub;
  const received: Message[] = [];
  beforeAll(async () => {
    admin = new PubSub({ projectId, apiEndpoint: host!, emulatorMode: true });
    const [topic] = await admin.createTopic('brand.synced');
    const [subscription] = await topic.createSubscription('attribute-test');
    subscription.on('message', (m: Message) => {
      received.push(m);
      m.ack();
    });
  });
  afterAll(async () => {
    await admin?.close();
  });

  const waitFor = async (n: number) => {
    for (let i = 0; i < 100 && received.length < n; i++) await new Promise((r) => setTimeout(r, 100));
    return received;
  };

  it('publishes a message the function runtime decodes back, with tenant, brand and trace attributes', async () => {
    const clock = fixedClock('2026-11-02T10:00:00Z');
    const bus = createPubSubEventBus({ projectId, emulatorHost: host!, clock });
    const message = {
      tenantId: 'tenant_a',
      brandId: 'b1',
      idempotencyKey: 'k1',
      platform: 'meta' as const,
      traceparent,
    };
    const id = await bus.publish('brand.synced', message, { delayMs: 30_000 });
    const [m] = await waitFor(1);
    expect(m?.id).toBe(id);
    expect(m?.attributes).toEqual({
      tenantId: 'tenant_a',
      brandId: 'b1',
      idempotencyKey: 'k1',
      traceparent,
      [DELIVER_AFTER_ATTRIBUTE]: '2026-11-02T10:00:30.000Z',
    });
    const pushed = {
      message: { data: m!.data.toString('base64'), attributes: m!.attributes, messageId: m!.id },
    };
    expect(parseTopicMessage('brand.synced', decodePubSubData(pushed, 'x').body)).toEqual(message);
    await bus.close();
  });

  it('refuses a message that does not fit its topic before it is sent', async () => {
    const bus = createPubSubEventBus({
      projectId,
      emulatorHost: host!,
      clock: fixedClock('2026-11-02T10:00:00Z'),
    });
    const before = received.length;
    await expect(bus.publish('brand.synced', { tenantId: 'tenant_a' } as never)).rejects.toThrow();
    await new Promise((r) => setTimeout(r, 500));
    expect(received.length).toBe(before);
    await bus.close();
  });
});

describe.skipIf(!host)(`EventBus: Pub/Sub delivery (emulator at PUBSUB_EMULATOR_HOST${skipped})`, () => {
  describeEventBusConformance(
    'Pub/Sub subscriptions with dead-letter policies, delivered through the functions runtime',
    pubsubBusBackend(host!),
  );
});
