import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { twilioSignature } from '../../infra/sandbox/twilio/signing';
import { type EngagementWorld, openEngagementWorld } from '../../test/support/engagement-world';
import { STATUS_CALLBACK_DELIVERED } from '../adapters/twilio/fixtures';
import type { SendRequest } from './sender';

/**
 * The "Done when" list, against the loopback SMTP server and the Twilio-compatible API,
 * with status callbacks and replies arriving over HTTP signed as Twilio signs them.
 */
let w: EngagementWorld;
beforeEach(async () => {
  w = await openEngagementWorld({ now: '2026-11-21T12:00:00.000Z' });
});
afterEach(() => w.close());

const PHONE = '+15558675310';
const ada = (over: Partial<SendRequest> = {}): SendRequest => ({
  source: { kind: 'automation', id: 'aut_cart' },
  step: 'chk_1#0',
  customer: { id: 'cus_ada', timeZone: 'Europe/London', addresses: { sms: PHONE, email: 'ada@example.com' } },
  channel: 'sms',
  group: 'treated',
  variantId: 'a',
  text: 'You left something in your cart',
  ...over,
});

describe('consent', () => {
  it('a STOP reply suppresses further SMS at once, and START restores them', async () => {
    await w.consent.set(w.scope, 'sms', PHONE, 'opted_in', 'checkout');
    expect((await w.sender.send(w.scope, ada())).send.status).toBe('sent');

    expect(await w.twilio.inbound(w.inboundUrl, PHONE, ' stop ')).toBe(200);
    expect(await w.consent.get(w.scope, 'sms', PHONE)).toMatchObject({
      status: 'opted_out',
      source: 'keyword',
    });
    const after = await w.sender.send(w.scope, ada({ step: 'chk_1#1' }));
    expect(after.send).toMatchObject({ status: 'skipped', reason: 'opted_out' });
    expect(w.twilio.messages).toHaveLength(1);
    expect((await w.timelineOf('message_received')).length).toBe(1);

    await w.twilio.inbound(w.inboundUrl, PHONE, 'START');
    expect((await w.sender.send(w.scope, ada({ step: 'chk_1#2' }))).send.status).toBe('sent');
    expect(w.twilio.messages).toHaveLength(2);
  });

  it('nothing goes to an address that never opted in', async () => {
    const r = await w.sender.send(w.scope, ada());
    expect(r.send).toMatchObject({ status: 'skipped', reason: 'no_consent' });
    expect(w.twilio.messages).toHaveLength(0);
  });
});

describe('quiet hours', () => {
  it("hold a message until morning in the customer's own timezone", async () => {
    await w.consent.set(w.scope, 'sms', PHONE, 'opted_in', 'checkout');
    // 12:00 UTC is 04:00 in Los Angeles: inside the 21:00–09:00 quiet window.
    const customer = { id: 'cus_la', timeZone: 'America/Los_Angeles', addresses: { sms: PHONE } };
    const r = await w.sender.send(w.scope, ada({ customer }));
    expect(r.send).toMatchObject({
      status: 'held',
      reason: 'quiet_hours',
      releaseAt: '2026-11-21T17:00:00.000Z',
    });
    expect(w.twilio.messages).toHaveLength(0);

    w.clock.set('2026-11-21T16:59:00.000Z');
    expect(await w.sender.release(w.scope, r.send.id)).toBeUndefined();
    w.clock.set('2026-11-21T17:00:00.000Z');
    expect((await w.sender.release(w.scope, r.send.id))?.status).toBe('sent');
    expect(w.twilio.messages).toHaveLength(1);
  });
});

describe('the send ledger', () => {
  it('a duplicate trigger delivery sends nothing new', async () => {
    await w.consent.set(w.scope, 'sms', PHONE, 'opted_in', 'checkout');
    const [first, second] = await Promise.all([w.sender.send(w.scope, ada()), w.sender.send(w.scope, ada())]);
    await w.twilio.settled();
    const third = await w.sender.send(w.scope, ada());
    expect([first.outcome, second.outcome].sort()).toEqual(['duplicate', 'recorded']);
    expect(third).toMatchObject({ outcome: 'duplicate', send: { status: 'delivered' } });
    expect(w.twilio.messages).toHaveLength(1);
  });

  it('a send Twilio throttled is retried by the next delivery, and only once', async () => {
    await w.consent.set(w.scope, 'sms', PHONE, 'opted_in', 'checkout');
    w.twilio.failNext(1, 429);
    await expect(w.sender.send(w.scope, ada())).rejects.toThrow(/Twilio send failed/);
    expect((await w.sender.send(w.scope, ada())).send.status).toBe('sent');
    expect((await w.sender.send(w.scope, ada())).outcome).toBe('duplicate');
    expect(w.twilio.messages).toHaveLength(1);
  });
});

describe('bounces', () => {
  it('an email address the server refuses is suppressed and never tried again', async () => {
    w.smtp.bounce.add('gone@example.com');
    await w.consent.set(w.scope, 'email', 'gone@example.com', 'opted_in', 'signup_form');
    const customer = { id: 'cus_gone', timeZone: 'Europe/London', addresses: { email: 'Gone@Example.com' } };
    const first = await w.sender.send(w.scope, ada({ channel: 'email', customer, subject: 'Hi' }));
    expect(first.send).toMatchObject({ status: 'failed', reason: 'invalid_recipient' });
    expect(await w.consent.suppression(w.scope, 'email', 'gone@example.com')).toMatchObject({
      reason: 'bounce',
    });
    const again = await w.sender.send(w.scope, ada({ channel: 'email', customer, step: 'other' }));
    expect(again.send).toMatchObject({ status: 'skipped', reason: 'suppressed' });
    const timeline = await w.timelineOf('message_status');
    expect(timeline.map((e) => e.properties?.status)).toEqual(['bounced']);
    expect(timeline[0]?.identifiers).toEqual([{ kind: 'email', value: 'gone@example.com' }]);
  });

  it('an SMS the carrier reports undeliverable (30005) suppresses the number', async () => {
    w.twilio.unreachable.add(PHONE);
    await w.consent.set(w.scope, 'sms', PHONE, 'opted_in', 'checkout');
    await w.sender.send(w.scope, ada());
    await w.twilio.settled();
    const send = await w.sender.get(w.scope, (await w.sender.send(w.scope, ada())).send.id);
    expect(send).toMatchObject({ status: 'undelivered', reason: 'twilio 30005' });
    expect(await w.consent.suppression(w.scope, 'sms', PHONE)).toMatchObject({ reason: 'bounce' });
    expect((await w.sender.send(w.scope, ada({ step: 'next' }))).send.reason).toBe('suppressed');
  });
});

describe('status callbacks', () => {
  it('a signed status callback is accepted and lands on the timeline; a forged one is refused', async () => {
    await w.consent.set(w.scope, 'sms', PHONE, 'opted_in', 'checkout');
    const { send } = await w.sender.send(w.scope, ada());
    await w.twilio.settled();
    expect(w.twilio.callbacks.map((c) => [c.params.MessageStatus, c.status])).toEqual([
      ['sent', 200],
      ['delivered', 200],
    ]);
    expect((await w.sender.get(w.scope, send.id))?.status).toBe('delivered');
    // Our own `sent` and Twilio's are one event (same provider id); then `delivered`.
    const timeline = await w.timelineOf('message_status');
    expect(timeline.map((e) => e.properties?.status).sort()).toEqual(['delivered', 'sent']);
    expect(timeline[0]?.identifiers).toEqual([{ kind: 'phone', value: PHONE }]);

    // Forged: the right shape, signed with another token, claiming the message was undelivered.
    const params = {
      ...STATUS_CALLBACK_DELIVERED,
      MessageSid: send.providerId ?? '',
      MessageStatus: 'undelivered',
    };
    const forged = await fetch(w.statusUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': twilioSignature('not-the-auth-token', w.statusUrl, params),
      },
      body: new URLSearchParams(params).toString(),
    });
    expect(forged.status).toBe(403);
    expect(await forged.json()).toMatchObject({ error: { code: 'forbidden' } });
    const unsigned = await fetch(w.statusUrl, { method: 'POST', body: new URLSearchParams(params) });
    expect(unsigned.status).toBe(403);
    expect((await w.sender.get(w.scope, send.id))?.status).toBe('delivered');
  });
});

describe('frequency cap', () => {
  it('a third SMS within the week is not sent; a week later the window has moved on', async () => {
    await w.consent.set(w.scope, 'sms', PHONE, 'opted_in', 'checkout');
    const from = (id: string) => ada({ source: { kind: 'campaign', id } });
    expect((await w.sender.send(w.scope, from('cmp_1'))).send.status).toBe('sent');
    w.clock.advance(3_600_000);
    expect((await w.sender.send(w.scope, from('cmp_2'))).send.status).toBe('sent');
    w.clock.advance(3_600_000);
    expect((await w.sender.send(w.scope, from('cmp_3'))).send).toMatchObject({
      status: 'skipped',
      reason: 'frequency_cap',
    });
    // Another address is not capped by this one's sends.
    await w.consent.set(w.scope, 'sms', '+15558675311', 'opted_in', 'checkout');
    const other = ada({
      source: { kind: 'campaign', id: 'cmp_3' },
      customer: { id: 'cus_bo', timeZone: 'Europe/London', addresses: { sms: '+15558675311' } },
    });
    expect((await w.sender.send(w.scope, other)).send.status).toBe('sent');

    w.clock.advance(7 * 24 * 3_600_000);
    expect((await w.sender.send(w.scope, from('cmp_4'))).send.status).toBe('sent');
    expect(w.twilio.messages.filter((m) => m.to === PHONE)).toHaveLength(3);
  });
});
