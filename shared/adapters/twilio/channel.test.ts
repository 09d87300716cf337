import { afterEach, beforeEach, expect, it } from 'vitest';
import { startTwilioSandbox, type TwilioSandbox } from '../../../infra/sandbox/twilio/server';
import { RetryableError } from '../../kernel/errors';
import { createTwilioChannel } from './channel';
import { createTwilioClient } from './client';

let sandbox: TwilioSandbox;
beforeEach(async () => {
  sandbox = await startTwilioSandbox();
});
afterEach(() => sandbox.close());

function channel(kind: 'sms' | 'whatsapp' = 'sms') {
  const client = createTwilioClient({
    accountSid: sandbox.accountSid,
    authToken: sandbox.authToken,
    baseUrl: sandbox.url,
  });
  return createTwilioChannel({ client, kind, from: sandbox.number });
}
const base = { channel: 'sms' as const, text: 'Hello', reference: 'r1' };

it('sends an SMS through the twilio SDK and gets the message sid back', async () => {
  const out = await channel().send({ ...base, to: '+15558675310' });
  expect(out).toMatchObject({ ok: true, providerId: expect.stringMatching(/^SM[0-9a-f]{32}$/) });
  expect(sandbox.messages[0]).toMatchObject({ to: '+15558675310', from: sandbox.number, body: 'Hello' });
});

it('WhatsApp goes to whatsapp: addresses, with a template when one is given', async () => {
  await channel('whatsapp').send({
    ...base,
    channel: 'whatsapp',
    to: '+15558675310',
    template: { contentSid: 'HX123', variables: { '1': 'Ada' } },
  });
  expect(sandbox.messages[0]).toMatchObject({ to: 'whatsapp:+15558675310', contentSid: 'HX123', body: '' });
});

it.each([['an invalid number', '+1555', 'invalid_recipient']])(
  '%s is refused as %s',
  async (_name, to, reason) => {
    const out = await channel().send({ ...base, to });
    expect(out).toMatchObject({ ok: false, reason });
  },
);

it('a number that replied STOP is refused with 21610 as unsubscribed', async () => {
  await sandbox.inbound('http://127.0.0.1:9/unused', '+15558675310', 'STOP');
  const out = await channel().send({ ...base, to: '+15558675310' });
  expect(out).toMatchObject({ ok: false, reason: 'unsubscribed' });
});

it.each([429, 500] as const)('a %s from Twilio is thrown as retryable', async (status) => {
  sandbox.failNext(1, status);
  await expect(channel().send({ ...base, to: '+15558675310' })).rejects.toBeInstanceOf(RetryableError);
});
