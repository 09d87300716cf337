import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSmtpEmailChannel } from '../../../shared/adapters/smtp/email-channel';
import { isWorldPerson, readingOf, type ShopVisit, WORLD_READERS } from './readers';
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
const index = (path: string) => Number(path.split('/')[2]);

beforeAll(async () => {
  app = createServer((req, res) => {
    hits.push(req.url ?? '');
    if (req.url?.startsWith('/img/')) {
      res.writeHead(200, { 'content-type': 'image/gif' }).end('GIF89a');
    } else
      res
        .writeHead(302, {
          location: `https://shop.example.com/collections/all?utm_source=pulsepoint&utm_medium=email&utm_content=${index(req.url ?? '')}`,
        })
        .end();
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

describe('the world’s people going on to the shop', () => {
  it('buys after 3.34 % of the clicks (Monetate: email visits convert at 3.34 %), within two standard deviations', () => {
    let clicks = 0;
    let buys = 0;
    for (let i = 0; i < 200_000; i++) {
      const r = readingOf(`shopper.${i}@example.com`, SUBJECT);
      if (r.clicks) clicks++;
      if (r.buys) buys++;
      if (r.buys && !r.clicks) throw new Error('a buyer who never clicked');
    }
    const share = buys / clicks;
    const sd = Math.sqrt((WORLD_READERS.buyShareOfClicks * (1 - WORLD_READERS.buyShareOfClicks)) / clicks);
    expect(clicks).toBeGreaterThan(5_000);
    expect(Math.abs(share - WORLD_READERS.buyShareOfClicks)).toBeLessThan(2 * sd);
  });

  it("follows the redirect to the shop with the link's tags, in the world's time of the message, and buys as the world chose", async () => {
    const visits: ShopVisit[] = [];
    // Every opener clicks and half of them buy, so 60 people give enough of each.
    const habits = { ...WORLD_READERS, clickShareOfOpens: 1, buyShareOfClicks: 0.5 };
    const world = await startSmtpSandbox({
      readers: { timeScale: 1e-6, habits, shop: async (v) => void visits.push(v) },
    });
    const sentAt = Date.parse('2026-11-16T15:00:00Z');
    const channel = createSmtpEmailChannel({
      host: world.host,
      port: world.port,
      from: 'hello@demo-brand.example',
      clock: { now: () => new Date(sentAt) },
    });
    try {
      for (let i = 0; i < 60; i++)
        await channel.send({
          channel: 'email',
          to: `buyer.${i}@example.com`,
          subject: SUBJECT,
          text: 'Come back.',
          html: `<a href="${base}/go/${i}/0">shop</a><img src="${base}/img/${i}" alt="">`,
          reference: `buy-${i}`,
        });
      await world.readers!.settled();
    } finally {
      await channel.close?.();
      await world.close();
    }
    const readings = Array.from({ length: 60 }, (_, i) =>
      readingOf(`buyer.${i}@example.com`, SUBJECT, habits),
    );
    const clickers = readings.flatMap((r, i) => (r.clicks ? [i] : []));
    expect(
      visits
        .map((v) => index(`/x/${new URL(v.landingPage).searchParams.get('utm_content')}`))
        .sort((a, b) => a - b),
    ).toEqual(clickers);
    for (const v of visits) {
      const i = Number(new URL(v.landingPage).searchParams.get('utm_content'));
      const r = readings[i]!;
      expect(v.email).toBe(`buyer.${i}@example.com`);
      // The redirect's target as the app wrote it, tags included.
      expect(v.landingPage).toBe(
        `https://shop.example.com/collections/all?utm_source=pulsepoint&utm_medium=email&utm_content=${i}`,
      );
      // The message was dated three weeks back: the reader lives in that time, not the arrival's.
      expect(v.landedAt).toBe(new Date(sentAt + r.openAfterMs + r.clickAfterMs).toISOString());
      expect(v.buys).toBe(r.buys);
    }
    const buyers = visits.filter((v) => v.buys).length;
    expect(buyers).toBeGreaterThan(0);
    expect(buyers).toBeLessThan(visits.length);
  });
});
