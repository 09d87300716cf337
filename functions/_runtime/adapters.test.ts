import { createHmac } from 'node:crypto';
import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { http } from '@google-cloud/functions-framework';
import { getTestServer } from '@google-cloud/functions-framework/testing';
import { Hono } from 'hono';
import { afterEach, describe, expect, it } from 'vitest';
import type { Backend } from '../../infra/compose/backend';
import { functionSpec } from '../../infra/manifest';
import { NotFoundError, RetryableError } from '../../shared/kernel/errors';
import { createMemoryLogger } from '../../shared/kernel/logging/logger';
import type { TopicMessage } from '../../shared/ports/events';
import type { Handler } from '../../shared/ports/function-handler';
import { adaptHttp, adaptSchedule, adaptTask, adaptTopic } from './index';
import type { Instance } from './instance';

/**
 * The adapters run inside the real Functions Framework server, so what is tested is what Cloud
 * Run will do with a request: body parsing, Pub/Sub push conversion, status codes.
 */
let served: Server[] = [];
afterEach(async () => {
  for (const s of served) await new Promise((resolve) => s.close(resolve));
  served = [];
});

const logger = createMemoryLogger();
const instanceOf = (name: string, handler: Handler) => async (): Promise<Instance> => ({
  spec: functionSpec(name),
  backend: { logger } as unknown as Backend,
  handler,
});

let registered = 0;
async function serve(register: (name: string) => void): Promise<string> {
  const name = `fn-${++registered}`;
  register(name);
  const server = getTestServer(name).listen(0, '127.0.0.1');
  served.push(server);
  await once(server, 'listening');
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const pushBody = (body: unknown, attributes: Record<string, string> = {}) => ({
  subscription: 'projects/p/subscriptions/attribute',
  message: { data: Buffer.from(JSON.stringify(body)).toString('base64'), attributes, messageId: 'm-1' },
});
const synced = { tenantId: 'tenant_a', brandId: 'b1', idempotencyKey: 'k1', platform: 'shopify' };

describe('http functions', () => {
  it('hand the exact request bytes to the fetch handler, so webhook HMACs verify', async () => {
    const app = new Hono().post('/webhooks/shopify', async (c) => {
      const raw = await c.req.text();
      const hmac = createHmac('sha256', 'secret').update(raw).digest('base64');
      c.header('set-cookie', 'a=1');
      return c.json({ ok: hmac === c.req.header('x-shopify-hmac-sha256'), path: c.req.path }, 201);
    });
    const url = await serve((n) =>
      http(n, adaptHttp(instanceOf('shopify-webhooks', { kind: 'http', fetch: app.fetch }))),
    );
    const raw = '{"id": 1,  "note":"spacing kept"}';
    const res = await fetch(`${url}/webhooks/shopify`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-shopify-hmac-sha256': createHmac('sha256', 'secret').update(raw).digest('base64'),
      },
      body: raw,
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('set-cookie')).toBe('a=1');
    expect(await res.json()).toEqual({ ok: true, path: '/webhooks/shopify' });
  });
});

describe('topic functions', () => {
  const handled: Array<{ message: TopicMessage<'brand.synced'>; messageId: string; attempt: number }> = [];
  const topicHandler: Handler = {
    kind: 'topic',
    topic: 'brand.synced',
    handle: async (message, meta) =>
      void handled.push({
        message: message as TopicMessage<'brand.synced'>,
        messageId: meta.messageId,
        attempt: meta.attempt,
      }),
  };
  const post = (url: string, body: unknown) =>
    fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('decode a Pub/Sub push into the topic message, with the delivery attempt Pub/Sub counted', async () => {
    handled.length = 0;
    const url = await serve((n) => http(n, adaptTopic(instanceOf('attribute', topicHandler))));
    const res = await post(url, { ...pushBody(synced), deliveryAttempt: 3 });
    expect(res.status).toBe(204);
    expect(handled).toEqual([{ message: { ...synced }, messageId: 'm-1', attempt: 3 }]);
  });

  it('nack a request that is not a Pub/Sub push, handling nothing', async () => {
    handled.length = 0;
    const url = await serve((n) => http(n, adaptTopic(instanceOf('attribute', topicHandler))));
    const res = await post(url, { hello: 'world' });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: 'invalid_argument' } });
    expect(handled).toEqual([]);
  });

  it('refuse a message that does not fit its topic, so it is retried and dead-lettered', async () => {
    handled.length = 0;
    const url = await serve((n) => http(n, adaptTopic(instanceOf('attribute', topicHandler))));
    expect((await post(url, pushBody({ tenantId: 'tenant_a' }, { tenantId: 'tenant_a' }))).status).toBe(500);
    expect(handled).toEqual([]);
    const line = JSON.parse(logger.lines.at(-1)!) as Record<string, unknown>;
    expect(line).toMatchObject({ severity: 'WARNING', messageId: 'm-1', tenantId: 'tenant_a' });
  });

  it('hold a delayed message back until it is due', async () => {
    handled.length = 0;
    const now = new Date('2026-11-02T10:00:00Z');
    const url = await serve((n) =>
      http(
        n,
        adaptTopic(instanceOf('attribute', topicHandler), () => now),
      ),
    );
    expect((await post(url, pushBody(synced, { deliverAfter: '2026-11-02T10:00:30Z' }))).status).toBe(503);
    expect((await post(url, pushBody(synced, { deliverAfter: '2026-11-02T09:59:30Z' }))).status).toBe(204);
    expect(handled).toHaveLength(1);
  });
});

describe('task functions', () => {
  const taskUrl = (fail?: Error) => {
    const attempts: number[] = [];
    const handler: Handler = {
      kind: 'task',
      handle: async (_payload, meta) => {
        attempts.push(meta.attempt);
        if (fail) throw fail;
      },
    };
    return { attempts, url: serve((n) => http(n, adaptTask(instanceOf('sync-meta', handler)))) };
  };
  const enqueue = (url: string, retryCount: string) =>
    fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-cloudtasks-taskretrycount': retryCount },
      body: JSON.stringify({ brandId: 'b1' }),
    });

  it('count attempts from Cloud Tasks headers and acknowledge success', async () => {
    const t = taskUrl();
    expect((await enqueue(await t.url, '2')).status).toBe(204);
    expect(t.attempts).toEqual([3]);
  });

  it('answer a retryable failure with 503 and its Retry-After', async () => {
    const t = taskUrl(new RetryableError('throttled', 30_000));
    const res = await enqueue(await t.url, '0');
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('30');
  });

  it('treat unknown failures as retryable', async () => {
    const t = taskUrl(new Error('socket hang up'));
    expect((await enqueue(await t.url, '0')).status).toBe(503);
  });

  it('acknowledge a task that can never succeed instead of retrying it', async () => {
    const t = taskUrl(new NotFoundError('brand b1 not found'));
    const res = await enqueue(await t.url, '0');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'dropped', reason: 'not_found' });
  });
});

describe('schedule functions', () => {
  it('answer 204 when the run succeeds and 500 when it fails', async () => {
    let fail = false;
    const handler: Handler = {
      kind: 'schedule',
      run: async () => {
        if (fail) throw new Error('boom');
      },
    };
    const url = await serve((n) => http(n, adaptSchedule(instanceOf('schedule-syncs', handler))));
    expect((await fetch(url, { method: 'POST' })).status).toBe(204);
    fail = true;
    expect((await fetch(url, { method: 'POST' })).status).toBe(500);
  });

  it('refuse a handler whose kind does not match the manifest trigger', async () => {
    const url = await serve((n) =>
      http(n, adaptSchedule(instanceOf('api', { kind: 'schedule', run: async () => {} }))),
    );
    expect((await fetch(url, { method: 'POST' })).status).toBe(500);
  });
});
