import { afterEach, beforeEach, expect, it } from 'vitest';
import { twilioSignature } from '../../infra/sandbox/twilio/signing';
import { createTestApi, type TestApi } from '../../test/support/api';
import { createTwilioWebhookVerifier } from '../adapters/twilio/webhook-verifier';
import { systemContext } from '../domain/tenancy';
import type { OutboundMessage } from '../ports/message-channel';
import type { TaskQueue } from '../ports/task-queue';
import { createEngagement, type Engagement } from './index';
import { twilioWebhookPath } from './twilio-webhooks';

/**
 * A message held for the customer's quiet hours is not forgotten: a task on the steps queue is
 * due at the end of them, and running it sends the message once.
 */
let api: TestApi;
let engagement: Engagement;
const sent: OutboundMessage[] = [];
const tasks: Array<{ queue: string; payload: Record<string, unknown>; name?: string; delayMs?: number }> = [];
const T = 'held_t';
const TOKEN = 'twilio-test-token';
const B = 'held-brand';

beforeEach(async () => {
  api = await createTestApi({ now: '2026-11-20T12:00:00Z' });
  await api.seedTenant(T, [{ id: B, timezone: 'America/New_York' }]);
  const queue: TaskQueue = {
    async enqueue(queue, payload, options = {}) {
      tasks.push({ queue, payload, ...options });
      return options.name ?? 'task';
    },
  };
  engagement = createEngagement({
    ...api.deps,
    tasks: queue,
    channels: {
      sms: {
        kind: 'sms',
        async send(m) {
          sent.push(m);
          return { ok: true, providerId: `SM${sent.length}` };
        },
      },
    },
    publicUrl: 'https://app.example',
    ratePerSecond: 10,
    dryRun: false,
    verifyTwilio: createTwilioWebhookVerifier({ authToken: TOKEN }),
  });
});
afterEach(async () => {
  await api.close();
  sent.length = 0;
  tasks.length = 0;
});

it('a message held for quiet hours is sent by the task due at the end of them, once', async () => {
  const scope = { ctx: systemContext(T, 'test'), brandId: B };
  await engagement.consent.set(scope, 'sms', '+15558675310', 'opted_in', 'checkout');
  // 12:00 UTC is 07:00 in New York: quiet until 09:00 (14:00 UTC).
  const { send } = await engagement.sender.send(scope, {
    source: { kind: 'campaign', id: 'cmp_1' },
    step: 'message',
    customer: { id: 'c1', timeZone: 'America/New_York', addresses: { sms: '+15558675310' } },
    channel: 'sms',
    group: 'treated',
    variantId: 'a',
    text: 'Hello',
  });
  expect(send).toMatchObject({ status: 'held', releaseAt: '2026-11-20T14:00:00.000Z' });
  expect(sent).toEqual([]);
  expect(tasks).toEqual([
    expect.objectContaining({
      queue: 'engagement-steps',
      delayMs: 2 * 3_600_000,
      payload: expect.objectContaining({ kind: 'release', sendId: send.id }),
    }),
  ]);

  const run = () => engagement.runTask(tasks[0]?.payload, (t) => systemContext(t, 'engagement-steps'));
  api.clock.set('2026-11-20T14:00:00Z');
  expect(await run()).toMatchObject({ status: 'sent' });
  // The queue delivers at least once: a second delivery sends nothing.
  expect(await run()).toBeUndefined();
  expect(sent.map((m) => m.text)).toEqual(['Hello']);
});

it('a delivery callback that arrives before the send is recorded is applied, not dropped', async () => {
  const scope = { ctx: systemContext(T, 'test'), brandId: B };
  api.clock.set('2026-11-20T16:00:00Z');
  await engagement.consent.set(scope, 'sms', '+15558675310', 'opted_in', 'checkout');
  // Twilio answered the send with SM1 and called back at once, before our write of the link.
  const url = `https://app.example${twilioWebhookPath(T, B, 'status')}`;
  const params = { MessageSid: 'SM1', MessageStatus: 'delivered' };
  const callback = await engagement.twilioWebhooks(
    new Request(`http://127.0.0.1${twilioWebhookPath(T, B, 'status')}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': twilioSignature(TOKEN, url, params),
      },
      body: new URLSearchParams(params).toString(),
    }),
  );
  expect(await callback.json()).toEqual({ status: 'pending' });
  const { send } = await engagement.sender.send(scope, {
    source: { kind: 'campaign', id: 'cmp_2' },
    step: 'message',
    customer: { id: 'c1', timeZone: 'America/New_York', addresses: { sms: '+15558675310' } },
    channel: 'sms',
    group: 'treated',
    variantId: 'a',
    text: 'Hello',
  });
  expect(send).toMatchObject({ providerId: 'SM1', status: 'delivered' });
});

it("a message past the plan's allowance is not sent, and says why", async () => {
  let allowance = 1;
  const metered = createEngagement({
    ...api.deps,
    channels: {
      sms: {
        kind: 'sms',
        async send(m) {
          sent.push(m);
          return { ok: true, providerId: `SM${sent.length}` };
        },
      },
    },
    publicUrl: 'https://app.example',
    ratePerSecond: 10,
    dryRun: false,
    allowance: async () => (allowance-- > 0 ? null : 'plan_limit'),
  });
  const scope = { ctx: systemContext(T, 'test'), brandId: B };
  api.clock.set('2026-11-20T16:00:00Z');
  const to = (n: number) => `+1555867531${n}`;
  for (const n of [1, 2]) await metered.consent.set(scope, 'sms', to(n), 'opted_in', 'checkout');
  const send = (n: number) =>
    metered.sender.send(scope, {
      source: { kind: 'campaign', id: 'cmp_3' },
      step: 'message',
      customer: { id: `c${n}`, timeZone: 'America/New_York', addresses: { sms: to(n) } },
      channel: 'sms',
      group: 'treated',
      variantId: 'a',
      text: 'Hello',
    });
  expect((await send(1)).send.status).toBe('sent');
  expect((await send(2)).send).toMatchObject({ status: 'skipped', reason: 'plan_limit' });
  expect(sent).toHaveLength(1);
});
