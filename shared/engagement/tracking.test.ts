import { afterEach, beforeEach, expect, it } from 'vitest';
import { type EngagementWorld, openEngagementWorld } from '../../test/support/engagement-world';
import type { SecretStore } from '../ports/secret-store';
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
