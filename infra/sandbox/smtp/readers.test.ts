import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSmtpEmailChannel } from '../../../shared/adapters/smtp/email-channel';
import { isWorldPerson, readingOf, WORLD_READERS } from './readers';
import { type SmtpSandbox, startSmtpSandbox } from './server';

/**
 * The SMTP sandbox's readers over real SMTP (the product's email channel) and real HTTP (a plain
 * server standing in for the app): who opens and who clicks is the world's deterministic choice,
 * at the shares it documents; clicks never hit the unsubscribe link; strangers read nothing.
 */
const PEOPLE = 300;
const SUBJECT = 'We miss you: 15% off';
let app: Server;
let base: string;
const hits: string[] = [];
let smtp: SmtpSandbox;

beforeAll(async () => {
  app = createServer((req, res) => {
    hits.push(req.url ?? '');
    if (req.url?.startsWith('/img/')) {
      res.writeHead(200, { 'content-type': 'image/gif' }).end('GIF89a');
    } else res.writeHead(302, { location: 'https://shop.example.com/' }).end();
  });
  await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;
  // An hour of the world's time is 3.6 ms here.
  smtp = await startSmtpSandbox({ readers: { timeScale: 1e-6 } });
  const channel = createSmtpEmailChannel({
    host: smtp.host,
    port: smtp.port,
    from: 'hello@demo-brand.example',
  });
  const addresses = [
    ...Array.from({ length: PEOPLE }, (_, i) => `person.${i}@example.com`),
    'colleague@real-company.test',
  ];
  for (const [i, to] of addresses.entries()) {
    const outcome = await channel.send({
      channel: 'email',
      to,
      subject: SUBJECT,
      text: 'Come back for 15% off.',
      // Two links, the unsubscribe link among them, and the open image at the end.
      html: `<p>Come back: <a href="${base}/go/${i}/0?a=1&amp;b=2">shop</a> or <a href="${base}/go/${i}/1">see new</a>.</p><p><a href="${base}/unsub/${i}">Unsubscribe</a></p><img src="${base}/img/${i}" width="1" height="1" alt="">`,
      unsubscribeUrl: `${base}/unsub/${i}`,
      reference: `send-${i}`,
    });
    expect(outcome.ok).toBe(true);
  }
  await channel.close?.();
  expect(smtp.received.length).toBe(addresses.length);
  await smtp.readers!.settled();
}, 60_000);

afterAll(async () => {
  await smtp.close();
  await new Promise((resolve) => app.close(resolve));
});

const index = (path: string) => Number(path.split('/')[2]);

describe('the world’s people reading their mail', () => {
  it('loads the images of the people the world has open it, and of no one else', () => {
    const opened = hits.filter((h) => h.startsWith('/img/')).map(index);
    const expected = Array.from({ length: PEOPLE }, (_, i) => i).filter(
      (i) => readingOf(`person.${i}@example.com`, SUBJECT).opens,
    );
    expect([...opened].sort((a, b) => a - b)).toEqual(expected);
    // 40% open: 300 people give 120 ± 17 (two standard deviations).
    expect(opened.length).toBeGreaterThan(PEOPLE * WORLD_READERS.openShare - 17);
    expect(opened.length).toBeLessThan(PEOPLE * WORLD_READERS.openShare + 17);
  });

  it('follows one link of the chosen openers, after their open, never the unsubscribe link', () => {
    const clicks = hits.filter((h) => h.startsWith('/go/'));
    const clickers = clicks.map(index);
    const expected = Array.from({ length: PEOPLE }, (_, i) => i).filter(
      (i) => readingOf(`person.${i}@example.com`, SUBJECT).clicks,
    );
    expect(expected.length).toBeGreaterThan(0);
    expect([...clickers].sort((a, b) => a - b)).toEqual(expected);
    for (const i of clickers)
      expect(hits.indexOf(`/img/${i}`)).toBeLessThan(hits.findIndex((h) => h.startsWith(`/go/${i}/`)));
    // The link exactly as the HTML had it, entities decoded.
    expect(clicks.every((c) => /^\/go\/\d+\/(0\?a=1&b=2|1)$/.test(c))).toBe(true);
    expect(hits.some((h) => h.startsWith('/unsub/'))).toBe(false);
    // The reader stopped at the redirect: the log has the app's 302.
    expect(smtp.readers!.log.filter((a) => a.kind === 'click').every((a) => a.status === 302)).toBe(true);
  });

  it('leaves a stranger’s mail unread', () => {
    expect(isWorldPerson('colleague@real-company.test')).toBe(false);
    expect(smtp.readers!.log.some((a) => a.to === 'colleague@real-company.test')).toBe(false);
    expect(hits).not.toContain(`/img/${PEOPLE}`);
  });

  it('decides the same for the same person and message, and differently for another message', () => {
    const a = readingOf('person.1@example.com', SUBJECT);
    expect(readingOf('PERSON.1@example.com', SUBJECT)).toEqual(a);
    const others = Array.from(
      { length: 50 },
      (_, k) => readingOf('person.1@example.com', `subject ${k}`).opens,
    );
    expect(new Set(others).size).toBe(2);
  });
});
