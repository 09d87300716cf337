import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WORLD, worldBrand } from '../../test/support/world';
import { openWorld, type World } from '../../test/support/world-harness';
import { createEncryptedFileSecretStore } from '../adapters/embedded/encrypted-file-secret-store';
import type { Alert } from '../domain/entities';
import { loadConfig } from '../kernel/config';
import { RetryableError } from '../kernel/errors';
import type { SecretStore } from '../ports/secret-store';
import {
  createNotifyJob,
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
  verifyWebhook,
  WEBHOOK_SIGNING_SECRET,
} from './notify-job';

const received: Array<{ headers: Record<string, string | string[] | undefined>; body: string }> = [];
const statuses: number[] = [];
const receiver = createServer((req, res) => {
  let body = '';
  req.on('data', (c) => {
    body += c;
  });
  req.on('end', () => {
    received.push({ headers: req.headers, body });
    res.writeHead(statuses.shift() ?? 200).end('ok');
  });
});

let w: World;
let secrets: SecretStore;
let url: string;
const anAlert = (over: Partial<Alert> = {}): Alert => ({
  id: 'alert_1',
  brandId: WORLD.brandId,
  dedupeKey: 'spending_on_stockout:p',
  type: 'spending_on_stockout',
  severity: 'critical',
  title: 'Ads are still running for Trail Bottle, which is out of stock',
  explanation: 'Trail Bottle has 0 units available.',
  recommendedAction: 'Pause it.',
  evidence: { stock_available: 0 },
  status: 'open',
  createdAt: '2026-11-21T12:00:00.000Z',
  updatedAt: '2026-11-21T12:00:00.000Z',
  ...over,
});
const message = {
  tenantId: WORLD.tenantId,
  brandId: WORLD.brandId,
  alertId: 'alert_1',
  idempotencyKey: 'alert.raised:alert_1:1',
};

beforeAll(async () => {
  w = await openWorld();
  secrets = createEncryptedFileSecretStore(join(w.dir, 'secrets.json'), randomBytes(32));
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  await w.store.brands.upsert(w.ctx, { ...worldBrand(), notificationWebhookUrl: url });
  await w.store.alerts.upsert(w.ctx, WORLD.brandId, anAlert());
});
afterAll(async () => {
  await new Promise<void>((r) => receiver.close(() => r()));
  await w.close();
});

const job = (env: Record<string, string> = {}) =>
  createNotifyJob({ ...w, config: loadConfig(env), secrets, fetch });

describe('notify', () => {
  it('posts a Slack- and n8n-friendly body signed with the tenant key from the secret store', async () => {
    expect(await job()(message)).toBe('sent');
    const [req] = received.splice(0);
    const body = JSON.parse(req!.body);
    expect(body).toMatchObject({
      event: 'alert.raised',
      alert_type: 'spending_on_stockout',
      severity: 'critical',
      brand_id: WORLD.brandId,
      idempotency_key: message.idempotencyKey,
    });
    expect(body.text).toContain('*World Brand* — Ads are still running for Trail Bottle');
    const secret = (await secrets.get(w.ctx, WEBHOOK_SIGNING_SECRET))!;
    const ts = String(req!.headers[TIMESTAMP_HEADER]);
    expect(verifyWebhook(secret, ts, req!.body, String(req!.headers[SIGNATURE_HEADER]))).toBe(true);
    expect(
      verifyWebhook(
        secret,
        ts,
        req!.body.replace('critical', 'info'),
        String(req!.headers[SIGNATURE_HEADER]),
      ),
    ).toBe(false);
  });

  it('names what the alert is about and links to its page in the app', async () => {
    await w.store.alerts.upsert(
      w.ctx,
      WORLD.brandId,
      anAlert({
        dedupeKey: 'spending_on_stockout:gid://shopify/ProductVariant/7',
        evidence: { product: 'Trail Bottle — OS', stock_available: 0 },
      }),
    );
    expect(await job({ PUBLIC_URL: 'https://app.pulsepoint.example/' })(message)).toBe('sent');
    const body = JSON.parse(received.splice(0)[0]!.body);
    const link = `https://app.pulsepoint.example/brands/${WORLD.brandId}/drilldown/product/gid%3A%2F%2Fshopify%2FProductVariant%2F7`;
    expect(body).toMatchObject({ subject: 'Trail Bottle — OS', link });
    // Stored without a declaration: the payload carries the rule's current units and labels.
    expect(body.evidence_units).toEqual({ product: 'text', stock_available: 'count' });
    expect(body.evidence_labels).toEqual({
      product: 'Out-of-stock product',
      stock_available: 'Units in stock',
    });
    expect(body.text).toContain(`*About:* <${link}|Trail Bottle — OS>`);
    await w.store.alerts.upsert(w.ctx, WORLD.brandId, anAlert());
  });

  it('throws RetryableError on a 5xx so the bus redelivers, and gives up quietly on a 4xx', async () => {
    statuses.push(503);
    await expect(job()(message)).rejects.toThrow(RetryableError);
    statuses.push(410);
    expect(await job()(message)).toBe('skipped');
    expect(received.splice(0)).toHaveLength(2);
  });

  it('refuses a plain-http loopback target in production', async () => {
    expect(await job({ NODE_ENV: 'production', GOOGLE_CLOUD_PROJECT: 'p' })(message)).toBe('skipped');
    expect(received).toHaveLength(0);
  });

  it('does not follow a redirect from an allowed target to a loopback metadata path', async () => {
    // The receiver's own port stands in for a public host; the bounce goes to another loopback path.
    const bouncer = createServer((req, res) => {
      res.writeHead(307, { location: `${url.replace('/hook', '')}/computeMetadata/v1/token` }).end();
      req.resume();
    });
    await new Promise<void>((r) => bouncer.listen(0, '127.0.0.1', r));
    const port = (bouncer.address() as AddressInfo).port;
    await w.store.brands.upsert(w.ctx, {
      ...worldBrand(),
      notificationWebhookUrl: `http://127.0.0.1:${port}/hook`,
    });
    try {
      const guarded = createNotifyJob(
        { ...w, config: loadConfig({}), secrets, fetch },
        { outbound: { requireHttps: false, allow: (_address, target) => target.port === String(port) } },
      );
      expect(await guarded(message)).toBe('skipped');
      expect(received).toHaveLength(0);
    } finally {
      await w.store.brands.upsert(w.ctx, { ...worldBrand(), notificationWebhookUrl: url });
      await new Promise<void>((r) => bouncer.close(() => r()));
    }
  });

  it('does not send an alert that was resolved before delivery', async () => {
    await w.store.alerts.upsert(w.ctx, WORLD.brandId, anAlert({ status: 'resolved' }));
    expect(await job()(message)).toBe('skipped');
    expect(received).toHaveLength(0);
  });
});
