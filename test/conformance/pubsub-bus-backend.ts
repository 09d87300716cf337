import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { http } from '@google-cloud/functions-framework';
import { getTestServer } from '@google-cloud/functions-framework/testing';
import { type Message, PubSub, type Topic as PubSubTopic } from '@google-cloud/pubsub';
import { adaptTopic } from '../../functions/_runtime';
import type { Instance } from '../../functions/_runtime/instance';
import type { Backend } from '../../infra/compose/backend';
import { createPubSubEventBus } from '../../shared/adapters/gcp/pubsub-event-bus';
import { createMemoryLogger } from '../../shared/kernel/logging/logger';
import { systemClock } from '../../shared/ports/clock';
import type { MessageHandler, Topic } from '../../shared/ports/events';
import { topicHandler } from '../../shared/ports/function-handler';
import type { BusBackend, BusFactory } from './event-bus.suite';

/**
 * The EventBus conformance backend on Pub/Sub, as deployed: the real PubSubEventBus publishes,
 * every subscription is a real one on the emulator with a dead-letter policy (a dead-letter topic
 * and a subscription on it, as Terraform creates them), and each delivery runs the topic function
 * the way a push subscription runs it in production. A pull listener stands in for the push:
 * it POSTs the push request Pub/Sub would send to `adaptTopic` served by the Functions Framework,
 * then acks on a 2xx and nacks otherwise, which is what Pub/Sub does with a push response.
 *
 * Unlike Terraform (10 s to 600 s), redelivery backoff is at most a second, so checks stay short.
 */
const SETTLE_TIMEOUT_MS = 25_000;
/** After every message is acked or dead-lettered, a redelivery within this window still counts. */
const QUIET_MS = 300;

let projects = 0;
let functions = 0;

interface Subscribed {
  topic: Topic;
  name: string;
  /** Messages published since the subscription existed. */
  expected: number;
  acked: number;
  dead: unknown[];
  close(): Promise<void>;
}

export function pubsubBusBackend(emulatorHost: string): BusFactory {
  return async (): Promise<BusBackend> => {
    // A project per backend: checks reuse topic and subscription names without meeting.
    const projectId = `demo-pp-bus-${process.pid}-${++projects}`;
    const admin = new PubSub({ projectId, apiEndpoint: emulatorHost, emulatorMode: true });
    const publisher = createPubSubEventBus({ projectId, emulatorHost, clock: systemClock });
    const topics = new Map<string, Promise<PubSubTopic>>();
    const topicNamed = (name: string): Promise<PubSubTopic> => {
      const made = topics.get(name) ?? admin.createTopic(name).then(([t]) => t);
      topics.set(name, made);
      return made;
    };
    const subscribed: Subscribed[] = [];
    const setups: Promise<void>[] = [];
    const failures: unknown[] = [];

    const subscribe = async <T extends Topic>(
      topic: T,
      name: string,
      handler: MessageHandler<T>,
      maxAttempts: number,
    ) => {
      const fn = await serveTopicFunction(topic, name, handler);
      const deadName = `${topic}.${name}.dead-letter`;
      const deadTopic = await topicNamed(deadName);
      const [deadSub] = await deadTopic.createSubscription(deadName);
      const [sub] = await (await topicNamed(topic)).createSubscription(name, {
        deadLetterPolicy: { deadLetterTopic: deadTopic.name, maxDeliveryAttempts: maxAttempts },
        retryPolicy: { minimumBackoff: { seconds: 0 }, maximumBackoff: { seconds: 1 } },
      });
      const state: Subscribed = {
        topic,
        name,
        expected: 0,
        acked: 0,
        dead: [],
        close: async () => {
          await Promise.all([sub.close(), deadSub.close()]);
          await fn.close();
        },
      };
      sub.on('message', (m: Message) => {
        fn.push(m, sub.name).then(
          (ok) => {
            if (ok) state.acked++;
            return ok ? m.ack() : m.nack();
          },
          (err: unknown) => failures.push(err),
        );
      });
      deadSub.on('message', (m: Message) => {
        state.dead.push(JSON.parse(m.data.toString('utf8')));
        m.ack();
      });
      for (const s of [sub, deadSub]) s.on('error', (err: unknown) => failures.push(err));
      subscribed.push(state);
    };

    const settled = () => subscribed.every((s) => s.acked + s.dead.length >= s.expected);

    return {
      bus: {
        async publish(topic, message, options) {
          // Pub/Sub keeps a message only for subscriptions that exist when it is published.
          await Promise.all(setups);
          await topicNamed(topic);
          const id = await publisher.publish(topic, message, options);
          for (const s of subscribed) if (s.topic === topic) s.expected++;
          return id;
        },
      },
      subscribe(topic, name, handler, options) {
        setups.push(subscribe(topic, name, handler, options.maxAttempts));
      },
      async settle() {
        await Promise.all(setups);
        const deadline = Date.now() + SETTLE_TIMEOUT_MS;
        while (!settled()) {
          if (failures.length) throw failures[0];
          if (Date.now() > deadline)
            throw new Error(
              `Pub/Sub did not settle in ${SETTLE_TIMEOUT_MS} ms: ${JSON.stringify(subscribed.map(({ close, ...s }) => s))}`,
            );
          await sleep(50);
        }
        await sleep(QUIET_MS);
      },
      deadLetters: async (topic, name) =>
        subscribed.find((s) => s.topic === topic && s.name === name)?.dead ?? [],
      async close() {
        await Promise.allSettled(setups);
        await Promise.all(subscribed.map((s) => s.close()));
        await publisher.close();
        await admin.close();
      },
    };
  };
}

/**
 * The subscription's function: the runtime's `adaptTopic`, registered with the Functions
 * Framework as an HTTP function (the signature Terraform deploys topic functions with) and served
 * over HTTP, so a push goes through the framework before our code, as in production.
 */
async function serveTopicFunction<T extends Topic>(
  topic: T,
  subscription: string,
  handler: MessageHandler<T>,
) {
  const instance: Instance = {
    spec: {
      name: subscription,
      entryPoint: 'handler',
      description: 'EventBus conformance subscriber',
      trigger: { kind: 'topic', topic },
      memoryMb: 256,
      timeoutSeconds: 60,
      maxInstances: 1,
      secrets: [],
    },
    backend: { logger: createMemoryLogger() } as unknown as Backend,
    handler: topicHandler(topic, handler),
  };
  const name = `pubsub-conformance-${++functions}`;
  http(
    name,
    adaptTopic(async () => instance),
  );
  const server = getTestServer(name).listen(0, '127.0.0.1');
  await once(server, 'listening');
  // The push endpoint Terraform configures is the function's URL itself, so the path is `/`.
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return {
    /** Delivers the message as Pub/Sub pushes it; true when the function acknowledged it. */
    async push(m: Message, subscriptionName: string): Promise<boolean> {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(pushRequest(m, subscriptionName)),
      });
      await res.arrayBuffer();
      return res.status >= 200 && res.status < 300;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The body of a push request, as Pub/Sub (and its emulator) sends it. */
function pushRequest(m: Message, subscription: string) {
  const publishTime = m.publishTime.toISOString();
  return {
    message: {
      data: m.data.toString('base64'),
      attributes: m.attributes,
      messageId: m.id,
      message_id: m.id,
      publishTime,
      publish_time: publishTime,
    },
    subscription,
    // Set by Pub/Sub when the subscription has a dead-letter policy (the emulator's own push omits it).
    deliveryAttempt: m.deliveryAttempt,
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
