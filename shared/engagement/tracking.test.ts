import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type EngagementWorld, openEngagementWorld } from '../../test/support/engagement-world';
import type { SecretStore } from '../ports/secret-store';
import { createOpenReceiver } from './opens';
import { createEngagementTimeline } from './timeline';
import { createClickReceiver, createTrackingLinks, type TrackingLinks } from './tracking';

const ORIGIN = 'https://app.pulsepoint.example';
const PHONE = '+15558675310';
let w: EngagementWorld;
let links: TrackingLinks;
beforeEach(async () => {
  w = await openEngagementWorld({ now: '2026-11-21T12:00:00.000Z' });
  const values = new Map<string, string>();
  const secrets: SecretStore = {
    put: async (ctx, name, value) => {
      values.set(`${ctx.tenantId}/${name}`, value);
      return name;
    },
    get: async (ctx, name) => values.get(`${ctx.tenantId}/${name}`),
    delete: async (ctx, name) => {
      values.delete(`${ctx.tenantId}/${name}`);
    },
  };
  links = createTrackingLinks({ secrets, publicUrl: `${ORIGIN}/` });
});
afterEach(() => w.close());

async function sendSms(text: string) {
  await w.consent.set(w.scope, 'sms', PHONE, 'opted_in', 'checkout');
  const { send } = await w.sender.send(w.scope, {
    source: { kind: 'campaign', id: 'cmp_1' },
    step: 'message',
    customer: { id: 'cus_ada', timeZone: 'Europe/London', addresses: { sms: PHONE } },
    channel: 'sms',
    group: 'treated',
    variantId: 'a',
    text,
  });
  return send;
}

it('replaces every link of a message with its click link, except our own', async () => {
  const send = await sendSms(
    `New: https://shop.example/a?utm_source=pulsepoint. Also https://shop.example/b! Stop: ${ORIGIN}/unsubscribe/t/x.y`,
  );
  const tracked = await links.track(w.scope, send);
  const clicks = tracked.match(/https:\/\/app\.pulsepoint\.example\/click\/[^/]+\/[A-Za-z0-9_.-]+/g) ?? [];
  expect(clicks).toHaveLength(2);
  expect(tracked).not.toContain('shop.example');
  expect(tracked).toMatch(
    /^New: \S+\. Also \S+! Stop: https:\/\/app\.pulsepoint\.example\/unsubscribe\/t\/x\.y$/,
  );
  expect(new Set(clicks).size).toBe(2);
});

it('a click marks the send clicked and puts it on the timeline once, however often it is followed', async () => {
  const send = await sendSms('Shop https://shop.example/a and https://shop.example/b');
  const receive = createClickReceiver({
    links,
    db: w.db,
    clock: w.clock,
    timeline: createEngagementTimeline({
      warehouse: w.warehouse,
      bus: w.bus,
      clock: w.clock,
      timeZoneOf: async () => w.brand.timezone,
    }),
  });
  const follow = async (index: number) => {
    const url = new URL(await links.clickUrl(w.scope, send.id, index));
    return receive(new Request(`http://127.0.0.1${url.pathname}`));
  };
  const statuses = async () =>
    (await w.timelineOf('message_status')).map((e) => e.properties?.status).filter((s) => s === 'clicked');
  expect(await statuses()).toEqual([]);

  const second = await follow(1);
  expect(second.status).toBe(302);
  expect(second.headers.get('location')).toBe('https://shop.example/b');
  expect((await w.sender.get(w.scope, send.id))?.clicked).toBe(true);
  expect((await follow(0)).headers.get('location')).toBe('https://shop.example/a');
  expect(await statuses()).toEqual(['clicked']);

  // Signed, but the message has no third link: nothing to redirect to.
  const missing = await follow(2);
  expect(missing.status).toBe(404);
  expect(missing.headers.get('location')).toBeNull();
  expect((await receive(new Request('http://127.0.0.1/click/t/a.b', { method: 'POST' }))).status).toBe(405);
});

describe('open tracking', () => {
  async function sendEmail(text: string) {
    await w.consent.set(w.scope, 'email', 'ada@example.com', 'opted_in', 'checkout');
    const { send } = await w.sender.send(w.scope, {
      source: { kind: 'campaign', id: 'cmp_1' },
      step: 'message',
      customer: { id: 'cus_ada', timeZone: 'Europe/London', addresses: { email: 'ada@example.com' } },
      channel: 'email',
      group: 'treated',
      variantId: 'a',
      subject: 'Hello',
      text,
    });
    return send;
  }
  const receivers = () => {
    const timeline = createEngagementTimeline({
      warehouse: w.warehouse,
      bus: w.bus,
      clock: w.clock,
      timeZoneOf: async () => w.brand.timezone,
    });
    return {
      open: createOpenReceiver({ links, db: w.db, clock: w.clock, timeline }),
      click: createClickReceiver({ links, db: w.db, clock: w.clock, timeline }),
    };
  };
  const local = (url: string) => `http://127.0.0.1${new URL(url).pathname}`;
  const statuses = async (status: string) =>
    (await w.timelineOf('message_status')).map((e) => e.properties?.status).filter((s) => s === status);

  it('the HTML part links through the same click links as the text, and ends with the open pixel', async () => {
    const send = await sendEmail(`Shop https://shop.example/a\n\nStop: ${ORIGIN}/unsubscribe/t/x.y`);
    const html = await links.trackHtml(w.scope, send);
    const hrefs = [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]);
    expect(hrefs).toEqual([await links.clickUrl(w.scope, send.id, 0), `${ORIGIN}/unsubscribe/t/x.y`]);
    expect(html).toContain(`<img src="${await links.openUrl(w.scope, send.id)}" width="1" height="1"`);
    expect(html).not.toContain('shop.example/a"');
  });

  it('loading the pixel twice marks the send opened once and puts one opened event on the timeline', async () => {
    const send = await sendEmail('Hi https://shop.example/a');
    const { open } = receivers();
    const url = local(await links.openUrl(w.scope, send.id));
    const first = await open(new Request(url));
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toBe('image/gif');
    expect(first.headers.get('cache-control')).toMatch(/no-store/);
    expect(
      Buffer.from(await first.arrayBuffer())
        .subarray(0, 6)
        .toString('latin1'),
    ).toBe('GIF89a');
    const marked = await w.sender.get(w.scope, send.id);
    expect(marked?.opened).toBe(true);
    expect(marked?.clicked).toBe(false);

    const second = await open(new Request(url));
    expect(second.status).toBe(200);
    expect((await w.sender.get(w.scope, send.id))?.updatedAt).toBe(marked?.updatedAt);
    expect(await statuses('opened')).toEqual(['opened']);
  });

  it('a forged or altered open token, or another tenant in the path, gets 404 JSON and marks nothing', async () => {
    const send = await sendEmail('Hi');
    const { open } = receivers();
    const path = new URL(await links.openUrl(w.scope, send.id)).pathname;
    const [body = ''] = (path.split('/').at(-1) ?? '').split('.');
    const payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Record<string, unknown>;
    const altered = path.replace(
      body,
      Buffer.from(JSON.stringify({ ...payload, s: 'other' })).toString('base64url'),
    );
    const forged = path.replace(/\.[A-Za-z0-9_-]+$/, '.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    const otherTenant = path.replace(`/open/${w.scope.ctx.tenantId}/`, '/open/someone_else/');
    for (const bad of [forged, altered, otherTenant]) {
      const res = await open(new Request(`http://127.0.0.1${bad}`));
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ error: { code: 'not_found' } });
    }
    expect((await w.sender.get(w.scope, send.id))?.opened).toBe(false);
    expect(await statuses('opened')).toEqual([]);
  });

  it('an open token is refused as a click token, and a click token as an open token', async () => {
    const send = await sendEmail('Hi https://shop.example/a');
    const { open, click } = receivers();
    const openToken = new URL(await links.openUrl(w.scope, send.id)).pathname.split('/').at(-1);
    const clickToken = new URL(await links.clickUrl(w.scope, send.id, 0)).pathname.split('/').at(-1);
    const tenant = w.scope.ctx.tenantId;
    const asClick = await click(new Request(`http://127.0.0.1/click/${tenant}/${openToken}`));
    expect(asClick.status).toBe(404);
    expect(asClick.headers.get('location')).toBeNull();
    const asOpen = await open(new Request(`http://127.0.0.1/open/${tenant}/${clickToken}`));
    expect(asOpen.status).toBe(404);
    const after = await w.sender.get(w.scope, send.id);
    expect([after?.opened, after?.clicked]).toEqual([false, false]);
  });
});
