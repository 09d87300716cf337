import { createHmac, randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import type { LocalDate } from '../../../shared/domain/time';
import { DEV_SHOPIFY_API_KEY, DEV_SHOPIFY_API_SECRET } from '../../../shared/kernel/config';
import { STORE } from '../world';
import { approveAppSubscription } from './billing';
import { placeWebOrder, type WebCheckout } from './checkout';
import type { FaultPlan } from './faults';
import { generateShopifyStore } from './generate';
import { answer, type SandboxState } from './graphql';
import type { SandboxCustomer } from './model';
import { orderJsonl, orderWebhookPayload } from './serialize';
import { storefrontHtml } from './storefront';

/**
 * A loopback Shopify: Admin GraphQL with Shopify's cost-based leaky bucket, bulk operations with
 * JSONL results, the OAuth authorize/token exchange, and signed webhook delivery. Data comes from
 * generate.ts. Faults are injected per request by a FaultPlan.
 */
export interface ShopifySandboxOptions {
  port?: number;
  endDate: LocalDate;
  seedOrdersScale?: number;
  faults?: FaultPlan;
  /** Leaky bucket (Shopify's standard plan: 1000 points, 50/s restore). */
  throttle?: { maximumAvailable: number; restoreRate: number };
  /** Seconds announced in Retry-After on an injected 429. */
  retryAfterSeconds?: number;
  /** How long an injected timeout holds the response. */
  timeoutFaultMs?: number;
  bulkDelayMs?: number;
  apiKey?: string;
  apiSecret?: string;
  /**
   * The sandbox's clock (epoch ms). Default: an hour after the store's last instant, running in
   * real time (tests); the demo, whose endDate is yesterday, passes Date.now.
   */
  clock?: () => number;
  /**
   * The instant deliveries are stamped with (X-Shopify-Triggered-At), epoch ms. Defaults to the
   * sandbox's clock, which test beds share with Pulsepoint; `npm start` runs Pulsepoint on the
   * real clock while the store's clock sits in its generated day, so it passes the real one.
   */
  webhookClock?: () => number;
}

/** The token `connectDemoBrandToShopify` stores; OAuth installs get fresh ones. */
export const SANDBOX_ACCESS_TOKEN = 'shpat_sandbox_demo_token';

export async function startShopifySandbox(options: ShopifySandboxOptions) {
  const apiKey = options.apiKey ?? DEV_SHOPIFY_API_KEY;
  const apiSecret = options.apiSecret ?? DEV_SHOPIFY_API_SECRET;
  const bucketSpec = options.throttle ?? { maximumAvailable: 1000, restoreRate: 50 };
  const tokens = new Set([SANDBOX_ACCESS_TOKEN]);
  const codes = new Map<string, string>();
  let url = '';
  const store = generateShopifyStore({ endDate: options.endDate, scale: options.seedOrdersScale ?? 1 });
  // The sandbox's clock starts an hour after the generated store's last instant (01:00 local on
  // the day after endDate) and runs in real time: bulk operations and later changes are stamped
  // after every generated order, and "today" stays the same day for the length of a session.
  const startedAt = Date.now();
  const now = options.clock ?? (() => Date.parse(store.now) + 3_600_000 + (Date.now() - startedAt));
  /** Deliveries are stamped with the sandbox's own clock, as Shopify stamps them with its. */
  const stamped = (headers: WebhookHeaders = {}): WebhookHeaders => ({
    triggeredAt: new Date((options.webhookClock ?? now)()).toISOString(),
    ...headers,
  });
  const state: SandboxState = {
    store,
    bulk: [],
    webhooks: [],
    appBilling: { subscriptions: [], usageRecords: [] },
    baseUrl: () => url,
    bulkDelayMs: options.bulkDelayMs ?? 50,
    now,
  };
  const stats = { requests: 0, faults: 0, throttled: 0, log: [] as string[] };
  const timers = new Set<NodeJS.Timeout>();
  // Shopify announces a finished bulk operation to BULK_OPERATIONS_FINISH subscribers.
  state.onBulkStarted = (op) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      const targets = state.webhooks.filter((w) => w.topic === 'BULK_OPERATIONS_FINISH');
      const payload = {
        admin_graphql_api_id: op.id,
        created_at: op.createdAt,
        completed_at: new Date(op.readyAt).toISOString(),
        error_code: null,
        status: 'completed',
        type: 'query',
      };
      for (const w of targets)
        fetch(webhookRequest(apiSecret, w.uri, 'bulk_operations/finish', payload, stamped())).catch(
          () => undefined,
        );
    }, state.bulkDelayMs);
    timers.add(timer);
  };
  const bucket = { available: bucketSpec.maximumAvailable, at: Date.now() };
  let faults = options.faults;
  const extraCustomers: SandboxCustomer[] = [];

  const throttleStatus = () => {
    const now = Date.now();
    bucket.available = Math.min(
      bucketSpec.maximumAvailable,
      bucket.available + ((now - bucket.at) / 1000) * bucketSpec.restoreRate,
    );
    bucket.at = now;
    return { ...bucketSpec, currentlyAvailable: Math.floor(bucket.available) };
  };
  const cost = (requested: number, actual: number | null) => ({
    requestedQueryCost: requested,
    actualQueryCost: actual,
    throttleStatus: throttleStatus(),
  });

  const app = new Hono();
  app.get('/', (c) => c.html(storefrontHtml(url)));
  app.post('/admin/api/:version/graphql.json', async (c) => {
    if (!tokens.has(c.req.header('x-shopify-access-token') ?? ''))
      return c.json(
        { errors: '[API] Invalid API key or access token (unrecognized login or wrong password)' },
        401,
      );
    const body = (await c.req.json()) as { operationName?: string; variables?: Record<string, unknown> };
    const operationName = body.operationName ?? '';
    const fault = faults?.({ operationName, requestNo: ++stats.requests });
    if (fault) stats.faults++;
    stats.log.push(`${operationName}:${fault ?? 'ok'}:${Math.floor(bucket.available)}`);
    if (fault === '500') return c.json({ errors: 'Internal Server Error' }, 500);
    if (fault === '429') {
      c.header('Retry-After', String(options.retryAfterSeconds ?? 0.02));
      return c.json({ errors: 'Throttled', extensions: { cost: cost(0, null) } }, 429);
    }
    if (fault === 'timeout') await new Promise((r) => setTimeout(r, options.timeoutFaultMs ?? 3_000));
    const result = answer(state, operationName, body.variables ?? {});
    const status = throttleStatus();
    if (fault === 'throttled' || result.requestedCost > status.currentlyAvailable) {
      stats.throttled++;
      return c.json({
        errors: [
          {
            message: 'Throttled',
            extensions: { code: 'THROTTLED', documentation: 'https://shopify.dev/api/usage/rate-limits' },
          },
        ],
        extensions: { cost: cost(result.requestedCost, null) },
      });
    }
    bucket.available -= result.actualCost;
    const payload = JSON.stringify({
      data: result.data,
      errors: result.errors,
      extensions: { cost: cost(result.requestedCost, result.actualCost) },
    });
    if (fault === 'truncated')
      return c.body(payload.slice(0, Math.floor(payload.length / 2)), 200, {
        'content-type': 'application/json',
      });
    return c.body(payload, 200, { 'content-type': 'application/json' });
  });

  app.get('/bulk/:file', (c) => {
    const op = state.bulk.find((b) => `${b.id.split('/').pop()}.jsonl` === c.req.param('file'));
    if (op?.status !== 'COMPLETED') return c.text('not found', 404);
    const orders = [...state.store.orders];
    let i = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (i >= orders.length) return controller.close();
        const chunk = orders
          .slice(i, i + 500)
          .map(orderJsonl)
          .join('');
        i += 500;
        controller.enqueue(new TextEncoder().encode(chunk));
      },
    });
    return c.body(stream, 200, { 'content-type': 'application/jsonl' });
  });

  // The page where the merchant approves an app subscription (appSubscriptionCreate's confirmationUrl).
  app.get('/admin/charges/:n/confirm', (c) =>
    c.html(
      `<!doctype html><title>Approve subscription</title><form method="post"><button>Approve</button></form>`,
    ),
  );
  app.post('/admin/charges/:n/confirm', (c) => {
    const sub = approveAppSubscription(state.appBilling, Number(c.req.param('n')), now());
    const back = new URL(sub.returnUrl);
    back.searchParams.set('charge_id', sub.id.split('/').pop() ?? '');
    return c.redirect(back.toString(), 303);
  });

  // OAuth: the merchant "approves" at once and is sent back with a signed query, as Shopify does.
  app.get('/admin/oauth/authorize', (c) => {
    const q = c.req.query();
    if (q.client_id !== apiKey || !q.redirect_uri || !q.state) return c.text('bad authorize request', 400);
    const code = randomBytes(12).toString('hex');
    const shop = new URL(c.req.url).searchParams.get('shop') ?? STORE.shopDomain;
    codes.set(code, shop);
    return c.redirect(
      `${q.redirect_uri}?${signedQuery({ code, shop, state: q.state, timestamp: String(Math.floor(now() / 1000)) }, apiSecret)}`,
    );
  });
  app.post('/admin/oauth/access_token', async (c) => {
    const body = (await c.req.json()) as { client_id?: string; client_secret?: string; code?: string };
    if (
      body.client_id !== apiKey ||
      body.client_secret !== apiSecret ||
      !body.code ||
      !codes.delete(body.code)
    )
      return c.json(
        {
          error: 'invalid_request',
          error_description: 'The authorization code was not found or was already used',
        },
        400,
      );
    const token = `shpat_${randomBytes(16).toString('hex')}`;
    tokens.add(token);
    return c.json({ access_token: token, scope: 'read_products,read_inventory,read_orders' });
  });

  const server = serve({ fetch: app.fetch, port: options.port ?? 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    state,
    stats,
    store: state.store,
    /** The sandbox's current instant (ISO): stamp test changes with it. */
    now: () => new Date(now()).toISOString(),
    setFaults(plan: FaultPlan | undefined) {
      faults = plan;
    },
    /** A webhook delivery exactly as Shopify makes it (signed raw body, X-Shopify-* headers). */
    webhookRequest: (target: string, topic: string, payload: unknown, headers: WebhookHeaders = {}) =>
      webhookRequest(apiSecret, target, topic, payload, stamped(headers)),
    /**
     * Delivers `topic` (e.g. `orders/updated`) to every subscription registered for it through
     * webhookSubscriptionCreate, as Shopify does after a change; returns the response statuses.
     */
    async notify(topic: string, payload: unknown): Promise<number[]> {
      const enumName = topic.toUpperCase().replace('/', '_');
      const targets = state.webhooks.filter((w) => w.topic === enumName);
      return Promise.all(
        targets.map(
          async (w) => (await fetch(webhookRequest(apiSecret, w.uri, topic, payload, stamped()))).status,
        ),
      );
    },
    /** Customers the store has without a generated order (a test's own people). */
    addCustomers(customers: readonly SandboxCustomer[]) {
      extraCustomers.push(...customers);
    },
    /**
     * A shopper's checkout on the online store (checkout.ts): the order is added to the store, where
     * the Admin API finds it (its updatedAt is the sandbox's now), and orders/create goes to its
     * subscribers as Shopify sends it.
     */
    async checkout(visit: WebCheckout) {
      const order = placeWebOrder(state.store, visit, {
        now: new Date(now()).toISOString(),
        extraCustomers,
      });
      const targets = state.webhooks.filter((w) => w.topic === 'ORDERS_CREATE');
      await Promise.all(
        targets.map((w) =>
          fetch(
            webhookRequest(apiSecret, w.uri, 'orders/create', orderWebhookPayload(order), stamped()),
          ).catch(() => undefined),
        ),
      );
      return order;
    },
    /** Delivers a webhook to a running receiver. */
    sendWebhook: (target: string, topic: string, payload: unknown, headers: WebhookHeaders = {}) =>
      fetch(webhookRequest(apiSecret, target, topic, payload, stamped(headers))),
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of timers) clearTimeout(t);
        server.close(() => resolve());
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
      }),
  };
}
export type ShopifySandbox = Awaited<ReturnType<typeof startShopifySandbox>>;

export interface WebhookHeaders {
  webhookId?: string;
  shop?: string;
  /** Override the signature (tests of forged deliveries). */
  hmac?: string;
  /** X-Shopify-Triggered-At (ISO 8601): when the event happened; retries keep it. null leaves it out. */
  triggeredAt?: string | null;
}

export function webhookRequest(
  secret: string,
  target: string,
  topic: string,
  payload: unknown,
  headers: WebhookHeaders = {},
): Request {
  const body = JSON.stringify(payload);
  return new Request(target, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-shopify-topic': topic,
      'x-shopify-hmac-sha256':
        headers.hmac ?? createHmac('sha256', secret).update(body, 'utf8').digest('base64'),
      'x-shopify-shop-domain': headers.shop ?? STORE.shopDomain,
      'x-shopify-webhook-id': headers.webhookId ?? randomBytes(8).toString('hex'),
      'x-shopify-api-version': '2025-10',
      ...(headers.triggeredAt === null
        ? {}
        : { 'x-shopify-triggered-at': headers.triggeredAt ?? new Date().toISOString() }),
    },
    body,
  });
}

/** Query string signed like Shopify's OAuth redirects: hex HMAC-SHA256 of the sorted pairs. */
export function signedQuery(params: Record<string, string>, secret: string): string {
  const message = Object.keys(params)
    .sort()
    .map((k) => `${k}=${params[k]}`)
    .join('&');
  const hmac = createHmac('sha256', secret).update(message).digest('hex');
  return new URLSearchParams({ ...params, hmac }).toString();
}

/**
 * A fetch that sends `https://<shop>.myshopify.com/...` to the sandbox, so the real OAuth code
 * path (which must talk to the shop's own domain) runs against it in tests and the demo.
 */
export function sandboxFetch(sandboxUrl: string, base: typeof fetch = fetch): typeof fetch {
  return (input, init) => {
    const raw = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const target = new URL(raw);
    if (!target.hostname.endsWith('.myshopify.com')) return base(input, init);
    const rewritten = new URL(`${target.pathname}${target.search}`, sandboxUrl);
    rewritten.searchParams.set('shop', target.hostname);
    return base(rewritten, init);
  };
}
