import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toCollectEvent } from '../../../extensions/web-pixel/src/to-collect-event.js';
import { createTestApi, type TestApi } from '../../../test/support/api';
import { SHOPIFY_PIXEL_EVENTS } from '../../../test/support/customer-events/shopify-pixel-events';
import { createMemoryRateLimiter } from '../../api/rate-limit/token-bucket';
import { systemContext } from '../../domain/tenancy';
import { createCollectFunction } from './collect-function';

let api: TestApi;
let owner: string;
let collect: ReturnType<typeof createCollectFunction>;
const SHOP = 'https://acme.myshopify.com';
const ctx = systemContext('t_collect', 'test');

beforeAll(async () => {
  api = await createTestApi({ now: '2026-11-22T12:00:00Z' });
  await api.seedTenant('t_collect', [
    { id: 'acme', shopDomain: 'acme.myshopify.com', timezone: 'Europe/London' },
  ]);
  await api.seedTenant('t_other', [{ id: 'other' }]);
  owner = await api.token({ tenantId: 't_collect', role: 'owner' });
  collect = createCollectFunction({ ...api.deps, limiter: createMemoryRateLimiter({ clock: api.clock }) });
});
afterAll(async () => api?.close());

async function newKey(body: Record<string, unknown> = {}) {
  const res = await api.request('/api/brands/acme/write-keys', {
    method: 'POST',
    token: owner,
    json: { name: 'pixel', ...body },
  });
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string; key: string };
}

/** What the pixel sends: text/plain JSON, the key in the body, from the storefront's origin. */
function post(body: unknown, origin: string | null = SHOP, path = '/collect', userAgent?: string) {
  return collect(
    new Request(`https://app.example${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'text/plain;charset=UTF-8',
        ...(origin ? { origin } : {}),
        ...(userAgent ? { 'user-agent': userAgent } : {}),
      },
      body: JSON.stringify(body),
    }),
  );
}
const events = (prefix: string) =>
  SHOPIFY_PIXEL_EVENTS.slice(0, 3).map((e) => ({ ...toCollectEvent(e), id: `${prefix}-${e.id}` }));

async function storedIds(prefix: string) {
  const rows = await api.deps.warehouse.query<{ event_id: string }>(
    ctx,
    'SELECT event_id FROM {{events}} WHERE brand_id = @brand ORDER BY event_id',
    { brand: 'acme' },
  );
  return rows.map((r) => r.event_id).filter((id) => id.startsWith(prefix));
}

describe('collect', () => {
  it('takes a pixel batch from the store origin under a write key and answers with CORS for that origin', async () => {
    const { key } = await newKey();
    expect(key).toMatch(/^pp_wk_[A-Za-z0-9_-]{32}$/);
    const res = await post({ writeKey: key, events: events('a') });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe(SHOP);
    const body = (await res.json()) as { accepted: unknown[]; rejected: unknown[] };
    expect(body.accepted).toHaveLength(3);
    expect(body.rejected).toEqual([]);
    expect(await storedIds('a-')).toHaveLength(3);
  });

  it("refuses browsers on any origin but the brand's store domains, and accepts listed custom domains", async () => {
    const { key } = await newKey({ allowedOrigins: ['https://shop.acme.example'] });
    const evil = await post({ writeKey: key, events: events('b') }, 'https://evil.example');
    expect(evil.status).toBe(403);
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
    expect(((await evil.json()) as { error: { code: string } }).error.code).toBe('origin_not_allowed');
    expect(await storedIds('b-')).toEqual([]);
    const custom = await post({ writeKey: key, events: events('b') }, 'https://shop.acme.example');
    expect(custom.status).toBe(200);
  });

  it('answers a preflight only for an allowed origin of the key in the query string', async () => {
    const { key } = await newKey();
    const preflight = (origin: string) =>
      collect(
        new Request(`https://app.example/collect?key=${key}`, { method: 'OPTIONS', headers: { origin } }),
      );
    const ok = await preflight(SHOP);
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-origin')).toBe(SHOP);
    expect(ok.headers.get('access-control-allow-headers')).toContain('content-type');
    expect((await preflight('https://evil.example')).headers.get('access-control-allow-origin')).toBeNull();
  });

  it('stops accepting a key the moment it is revoked', async () => {
    const { id, key } = await newKey();
    expect((await post({ writeKey: key, events: events('c') })).status).toBe(200);
    const revoke = await api.request(`/api/brands/acme/write-keys/${id}`, { method: 'DELETE', token: owner });
    expect(revoke.status).toBe(204);
    const after = await post({ writeKey: key, events: events('c2') });
    expect(after.status).toBe(401);
    expect(await storedIds('c2-')).toEqual([]);
    const list = (await (await api.request('/api/brands/acme/write-keys', { token: owner })).json()) as {
      keys: Array<{ id: string; revokedAt?: string }>;
    };
    expect(list.keys.find((k) => k.id === id)?.revokedAt).toBe(api.clock.now().toISOString());
  });

  it('rate-limits each key on its own, with Retry-After', async () => {
    const slow = await newKey({ requestsPerMinute: 10 });
    const other = await newKey();
    const statuses = [];
    for (let i = 0; i < 11; i++)
      statuses.push((await post({ writeKey: slow.key, events: events(`d${i}`) })).status);
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(200));
    const limited = await post({ writeKey: slow.key, events: events('d-late') });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await post({ writeKey: other.key, events: events('d-other') })).status).toBe(200);
    api.clock.advance(60_000);
    expect((await post({ writeKey: slow.key, events: events('d-next') })).status).toBe(200);
  });

  it('answers 400 with every rejection when no event of the batch is valid', async () => {
    const { key } = await newKey();
    const res = await post({ writeKey: key, events: [{ id: 'x', type: 'nope' }, 42] });
    expect(res.status).toBe(400);
    const body = (await res.json()) as {
      error: { code: string };
      rejected: Array<{ index: number; reason: string }>;
    };
    expect(body.error.code).toBe('invalid_events');
    expect(body.rejected.map((r) => [r.index, r.reason])).toEqual([
      [0, 'invalid_event'],
      [1, 'invalid_event'],
    ]);
  });

  it('answers on the function URL itself as behind Hosting, and 404 elsewhere', async () => {
    const { key } = await newKey();
    expect((await post({ writeKey: key, events: events('f') }, SHOP, '/')).status).toBe(200);
    const other = await post({ writeKey: key, events: events('g') }, SHOP, '/collect/elsewhere');
    expect(other.status).toBe(404);
  });

  it("reads the device from a browser request's User-Agent when the events carry none, never from a server's", async () => {
    const { key } = await newKey();
    const tablet =
      'Mozilla/5.0 (iPad; CPU OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.6 Mobile/15E148 Safari/604.1';
    const bare = (prefix: string) => events(prefix).map((e) => ({ ...e, userAgent: null }));
    expect((await post({ writeKey: key, events: bare('ua-browser') }, SHOP, '/collect', tablet)).status).toBe(
      200,
    );
    expect((await post({ writeKey: key, events: bare('ua-server') }, null, '/collect', tablet)).status).toBe(
      200,
    );
    expect((await post({ writeKey: key, events: events('ua-own') }, SHOP, '/collect', tablet)).status).toBe(
      200,
    );
    const rows = await api.deps.warehouse.query<{ event_id: string; device: string }>(
      ctx,
      "SELECT event_id, device FROM {{events}} WHERE brand_id = @brand AND STRPOS(event_id, 'ua-') = 1",
      { brand: 'acme' },
    );
    const byPrefix = (p: string) => [
      ...new Set(rows.filter((r) => r.event_id.startsWith(p)).map((r) => r.device)),
    ];
    expect(byPrefix('ua-browser-')).toEqual(['tablet']);
    expect(byPrefix('ua-server-')).toEqual(['unknown']);
    // The pixel's own context.navigator.userAgent (an iPhone) wins over the request's.
    expect(byPrefix('ua-own-')).toEqual(['mobile']);
  });

  it('refuses a missing or unknown key and a body that is not a batch', async () => {
    expect((await post({ events: events('e') })).status).toBe(401);
    expect(
      (await post({ writeKey: 'pp_wk_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', events: events('e') })).status,
    ).toBe(401);
    const { key } = await newKey();
    const res = await post({ writeKey: key, events: [] });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/^events: /);
  });
});

describe('write keys and the ingestion route', () => {
  it('only owners and admins manage write keys', async () => {
    const analyst = await api.token({ tenantId: 't_collect', role: 'analyst' });
    const res = await api.request('/api/brands/acme/write-keys', {
      method: 'POST',
      token: analyst,
      json: { name: 'x' },
    });
    expect(res.status).toBe(403);
    const foreign = await api.token({ tenantId: 't_other', role: 'owner' });
    expect((await api.request('/api/brands/acme/write-keys', { token: foreign })).status).toBe(404);
  });

  it('ingests JSON events from an authenticated caller, per event, with the source it names', async () => {
    const admin = await api.token({ tenantId: 't_collect', role: 'admin' });
    const res = await api.request('/api/brands/acme/events', {
      method: 'POST',
      token: admin,
      json: {
        source: 'messaging',
        events: [
          {
            id: 'msg-1',
            type: 'message_received',
            occurredAt: '2026-11-19T09:00:00+05:30',
            identifiers: [{ kind: 'whatsapp', value: '+91 98765 43210' }],
            data: { channel: 'whatsapp', message_id: 'wamid.1' },
          },
          {
            id: 'msg-2',
            type: 'message_received',
            occurredAt: '2026-11-19T09:00:00Z',
            data: { channel: 'pigeon' },
          },
        ],
      },
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      accepted: Array<{ id: string }>;
      rejected: Array<{ id: string; message: string }>;
    };
    expect(body.accepted.map((a) => a.id)).toEqual(['msg-1']);
    expect(body.rejected[0]).toMatchObject({
      id: 'msg-2',
      message: expect.stringMatching(/^data\.channel: /),
    });
    const [row] = await api.deps.warehouse.query<Record<string, unknown>>(
      ctx,
      "SELECT source, day, identifiers FROM {{events}} WHERE brand_id = 'acme' AND event_id = 'msg-1'",
    );
    expect(row).toEqual({
      source: 'messaging',
      day: '2026-11-19',
      identifiers: JSON.stringify([{ kind: 'whatsapp', value: '+91 98765 43210' }]),
    });
    const viewer = await api.token({ tenantId: 't_collect', role: 'viewer' });
    const denied = await api.request('/api/brands/acme/events', {
      method: 'POST',
      token: viewer,
      json: { events: [{}] },
    });
    expect(denied.status).toBe(403);
  });

  it('documents the event schema and the collect endpoint in the OpenAPI document', async () => {
    const doc = (await (await api.request('/openapi.json')).json()) as {
      paths: Record<string, unknown>;
      components: { schemas: Record<string, unknown> };
    };
    expect(doc.components.schemas).toHaveProperty('CollectEvent');
    expect(doc.paths).toHaveProperty('/collect');
    expect(doc.paths).toHaveProperty('/api/brands/{brandId}/events');
  });
});
