import { afterEach, beforeEach, expect, it } from 'vitest';
import { type SmtpSandbox, startSmtpSandbox } from '../../../infra/sandbox/smtp/server';
import { mimeHeaders, mimeParts } from '../../../test/support/mime';
import type { MessageChannel } from '../../ports/message-channel';
import { createSmtpEmailChannel } from './email-channel';

let smtp: SmtpSandbox;
let opened: MessageChannel[] = [];
beforeEach(async () => {
  smtp = await startSmtpSandbox();
});
afterEach(async () => {
  for (const c of opened) await c.close?.();
  opened = [];
  await smtp.close();
});

function channel() {
  const c = createSmtpEmailChannel({ host: smtp.host, port: smtp.port, from: 'Shop <shop@example.com>' });
  opened.push(c);
  return c;
}
const message = { channel: 'email' as const, subject: 'Your cart', text: 'Come back', reference: 'r1' };

it('delivers over SMTP with RFC 8058 one-click unsubscribe headers', async () => {
  const out = await channel().send({
    ...message,
    to: 'ada@example.com',
    unsubscribeUrl: 'https://x.test/u/abc',
  });
  expect(out.ok).toBe(true);
  expect(smtp.received).toHaveLength(1);
  const raw = smtp.received[0]?.raw ?? '';
  expect(smtp.received[0]?.to).toEqual(['ada@example.com']);
  expect(raw).toMatch(/^List-Unsubscribe: <https:\/\/x\.test\/u\/abc>\r?$/m);
  expect(raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r?$/m);
  expect(raw).toContain('Come back');
});

it('a mailbox the server refuses with 550 is an invalid recipient, not a retry', async () => {
  smtp.bounce.add('gone@example.com');
  const out = await channel().send({ ...message, to: 'gone@example.com' });
  expect(out).toMatchObject({ ok: false, reason: 'invalid_recipient' });
  expect(smtp.received).toHaveLength(0);
});

it('a 4xx answer is thrown as retryable', async () => {
  smtp.failNext(1);
  await expect(channel().send({ ...message, to: 'ada@example.com' })).rejects.toThrow(/SMTP send failed/);
});

it('sends multipart/alternative: the text as written and an HTML part saying the same, headers kept', async () => {
  await channel().send({
    ...message,
    to: 'ada@example.com',
    text: 'Hi Ada & co,\n\nYour cart: https://shop.example/cart?x=1&y=2 — still there.',
    unsubscribeUrl: 'https://x.test/u/abc',
  });
  const raw = smtp.received[0]?.raw ?? '';
  expect(mimeHeaders(raw)['content-type']).toMatch(/^multipart\/alternative;/);
  expect(mimeHeaders(raw)['list-unsubscribe']).toBe('<https://x.test/u/abc>');
  expect(mimeHeaders(raw)['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
  const parts = mimeParts(raw);
  expect(parts.map((p) => p.contentType)).toEqual(['text/plain', 'text/html']);
  expect(parts[0]?.body).toBe('Hi Ada & co,\n\nYour cart: https://shop.example/cart?x=1&y=2 — still there.');
  const html = parts[1]?.body ?? '';
  expect(html).toContain('<p style="margin:0 0 16px">Hi Ada &amp; co,</p>');
  expect(html).toContain(
    '<a href="https://shop.example/cart?x=1&amp;y=2" style="color:#1a56db">shop.example/cart</a> — still there.',
  );
  expect(html).toContain('<title>Your cart</title>');
});

it('sends the HTML it is given (tracked links, open pixel) instead of rendering one', async () => {
  await channel().send({
    ...message,
    to: 'ada@example.com',
    html: '<p>Tracked <img src="https://x.test/open/t/a.b"></p>',
  });
  const parts = mimeParts(smtp.received[0]?.raw ?? '');
  expect(parts.map((p) => [p.contentType, p.body])).toEqual([
    ['text/plain', 'Come back'],
    ['text/html', '<p>Tracked <img src="https://x.test/open/t/a.b"></p>'],
  ]);
});

it("dates the message by the sender's clock (RFC 5322 Date), so a send on a shifted clock is dated then", async () => {
  const c = createSmtpEmailChannel({
    host: smtp.host,
    port: smtp.port,
    from: 'Shop <shop@example.com>',
    clock: { now: () => new Date('2026-03-02T15:04:05Z') },
  });
  opened.push(c);
  await c.send({ ...message, to: 'ada@example.com' });
  const date = mimeHeaders(smtp.received[0]?.raw ?? '').date ?? '';
  expect(Date.parse(date)).toBe(Date.parse('2026-03-02T15:04:05Z'));
});
