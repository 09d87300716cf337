import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { type Context, Hono } from 'hono';
import { parseStripeForm } from './form';
import { checkoutPage, portalPage } from './hosted';
import { stripeSignatureHeader } from './signing';
import { createStripeState, render, type SandboxEvent, StripeApiError } from './state';

/**
 * A loopback Stripe speaking the subset of the REST API Pulsepoint uses, for the `stripe` SDK
 * pointed at it with `host`/`port`/`protocol`: customers, prices (by lookup key), Checkout
 * Sessions, Customer Portal sessions, subscriptions, invoices and billing meter events — plus
 * stand-ins for the hosted Checkout and Portal pages, and webhook delivery signed as Stripe signs
 * (signing.ts). Errors use Stripe's shape: `{error: {type, message, code?, param?}}` with its
 * status codes (https://docs.stripe.com/api/errors).
 */
export const SANDBOX_STRIPE_SECRET_KEY = 'sk_test_pulsepoint_sandbox';
export const SANDBOX_STRIPE_WEBHOOK_SECRET = 'whsec_pulsepoint_sandbox';
/** The API version the sandbox stamps on events (the pinned version of the installed SDK). */
export const SANDBOX_API_VERSION = '2026-11-18.endive';

export interface StripeSandboxOptions {
  port?: number;
  secretKey?: string;
  webhookSecret?: string;
  /** Where events are delivered (Stripe's webhook endpoint); more can be added later. */
  webhookUrls?: string[];
  /** Epoch ms; default Date.now. */
  now?: () => number;
  /** Delivery attempts per event before giving up (Stripe retries for days; the sandbox briefly). */
  deliveryAttempts?: number;
  /** Fail the next n meter-event requests with a 500 after storing them (a lost response). */
  faults?: { meterEventsLostResponses?: number };
}

export async function startStripeSandbox(options: StripeSandboxOptions = {}) {
  const secretKey = options.secretKey ?? SANDBOX_STRIPE_SECRET_KEY;
  const webhookSecret = options.webhookSecret ?? SANDBOX_STRIPE_WEBHOOK_SECRET;
  const now = options.now ?? Date.now;
  const webhookUrls = [...(options.webhookUrls ?? [])];
  const faults = { meterEventsLostResponses: options.faults?.meterEventsLostResponses ?? 0 };
  let url = '';
  const state = createStripeState({ now, apiVersion: SANDBOX_API_VERSION, baseUrl: () => url });
  const deliveries: { eventId: string; type: string; url: string; status: number | 'error' }[] = [];
  const pending = new Set<Promise<void>>();
  let paused = false;

  async function deliver(event: SandboxEvent, target: string): Promise<void> {
    const payload = JSON.stringify(event, null, 2);
    for (let attempt = 1; attempt <= (options.deliveryAttempts ?? 3); attempt++) {
      try {
        const res = await fetch(target, {
          method: 'POST',
          headers: {
            'content-type': 'application/json; charset=utf-8',
            'stripe-signature': stripeSignatureHeader(webhookSecret, payload, Math.floor(now() / 1000)),
            'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
          },
          body: payload,
        });
        await res.arrayBuffer();
        deliveries.push({ eventId: event.id, type: event.type, url: target, status: res.status });
        if (res.ok) return;
      } catch {
        deliveries.push({ eventId: event.id, type: event.type, url: target, status: 'error' });
      }
      await new Promise((r) => setTimeout(r, 20 * attempt));
    }
  }
  const send = (event: SandboxEvent, targets = webhookUrls) => {
    for (const target of targets) {
      const p = deliver(event, target).finally(() => pending.delete(p));
      pending.add(p);
    }
  };
  state.onEvent((e) => {
    if (!paused) send(e);
  });

  const app = new Hono();
  const stripeError = (c: Context, err: StripeApiError) =>
    c.json(
      {
        error: {
          type: err.type,
          message: err.message,
          ...(err.code ? { code: err.code } : {}),
          ...(err.param ? { param: err.param } : {}),
        },
      },
      err.status as 400,
    );
  app.onError((err, c) =>
    err instanceof StripeApiError
      ? stripeError(c, err)
      : stripeError(c, new StripeApiError(500, 'api_error', err.message)),
  );
  // https://docs.stripe.com/api/authentication: the secret key as a bearer token (or basic user).
  app.use('/v1/*', async (c, next) => {
    const auth = c.req.header('authorization') ?? '';
    const key = auth.startsWith('Bearer ')
      ? auth.slice(7)
      : auth.startsWith('Basic ')
        ? Buffer.from(auth.slice(6), 'base64').toString().split(':')[0]
        : '';
    if (key !== secretKey)
      throw new StripeApiError(
        401,
        'invalid_request_error',
        `Invalid API Key provided: ${(key ?? '').slice(0, 8)}***`,
      );
    await next();
  });
  const form = async (c: Context) => parseStripeForm(new URLSearchParams(await c.req.text()));
  const query = (c: Context) => parseStripeForm(new URL(c.req.url).searchParams);
  const list = (data: unknown[], path: string) => ({ object: 'list', data, has_more: false, url: path });
  const limitOf = (q: Record<string, unknown>) => Math.min(100, Number(q.limit ?? 10));

  app.post('/v1/customers', async (c) => c.json(state.createCustomer(await form(c))));
  app.get('/v1/customers/:id', (c) => c.json(state.customer(c.req.param('id'))));
  app.get('/v1/prices', (c) => {
    const q = query(c);
    const keys = Array.isArray(q.lookup_keys) ? q.lookup_keys : [];
    const found = state.prices.filter((p) => keys.length === 0 || keys.includes(p.lookup_key));
    return c.json(list(found.slice(0, limitOf(q)), '/v1/prices'));
  });
  app.post('/v1/checkout/sessions', async (c) => c.json(render(state.createCheckoutSession(await form(c)))));
  app.get('/v1/checkout/sessions/:id', (c) => {
    const s = state.sessions.get(c.req.param('id'));
    if (!s)
      throw new StripeApiError(
        404,
        'invalid_request_error',
        `No such checkout.session: '${c.req.param('id')}'`,
      );
    return c.json(render(s));
  });
  app.post('/v1/billing_portal/sessions', async (c) => c.json(state.createPortalSession(await form(c))));
  app.post('/v1/subscriptions', async (c) => {
    const p = await form(c);
    const items = (Array.isArray(p.items) ? p.items : []) as { price: string; quantity?: string }[];
    return c.json(
      state.createSubscription({
        customer: String(p.customer),
        prices: items.map((i) => ({
          price: i.price,
          ...(i.quantity ? { quantity: Number(i.quantity) } : {}),
        })),
        ...(p.trial_period_days ? { trialDays: Number(p.trial_period_days) } : {}),
        ...(p.metadata && typeof p.metadata === 'object'
          ? { metadata: p.metadata as Record<string, unknown> }
          : {}),
      }),
    );
  });
  app.get('/v1/subscriptions', (c) => {
    const q = query(c);
    const all = [...state.subscriptions.values()]
      .filter((s) => !q.customer || s.customer === q.customer)
      // Without `status`, Stripe lists every subscription that is not canceled.
      .filter((s) => q.status === 'all' || (q.status ? s.status === q.status : s.status !== 'canceled'))
      .sort((a, b) => Number(b.created) - Number(a.created));
    return c.json(list(all.slice(0, limitOf(q)), '/v1/subscriptions'));
  });
  app.get('/v1/subscriptions/:id', (c) => c.json(state.subscription(c.req.param('id'))));
  app.post('/v1/subscriptions/:id', async (c) =>
    c.json(state.updateSubscription(c.req.param('id'), await form(c))),
  );
  app.delete('/v1/subscriptions/:id', (c) => c.json(state.cancelSubscription(c.req.param('id'))));
  app.get('/v1/invoices', (c) => {
    const q = query(c);
    const all = [...state.invoices.values()]
      .filter((i) => !q.customer || i.customer === q.customer)
      .sort((a, b) => Number(b.created) - Number(a.created));
    return c.json(list(all.slice(0, limitOf(q)), '/v1/invoices'));
  });
  app.post('/v1/billing/meter_events', async (c) => {
    const event = state.createMeterEvent(await form(c));
    if (faults.meterEventsLostResponses > 0) {
      faults.meterEventsLostResponses--;
      throw new StripeApiError(500, 'api_error', 'The sandbox stored the event and lost the response.');
    }
    return c.json(event);
  });

  // Stand-ins for Stripe's hosted pages: pay (or back out of) a Checkout, cancel in the Portal.
  app.get('/favicon.ico', (c) => c.body(null, 204));
  app.get('/checkout/:id', (c) => c.html(checkoutPage(state.sessions.get(c.req.param('id')))));
  app.post('/checkout/:id/pay', (c) => {
    const session = state.completeCheckout(c.req.param('id'));
    return c.redirect(String(session.success_url).replace('{CHECKOUT_SESSION_ID}', String(session.id)), 303);
  });
  app.get('/portal/:id', (c) => {
    const portal = state.portals.get(c.req.param('id'));
    const subs = [...state.subscriptions.values()].filter((s) => portal && s.customer === portal.customer);
    return c.html(portalPage(portal, subs));
  });
  app.post('/portal/:id/cancel/:sub', (c) => {
    const portal = state.portals.get(c.req.param('id'));
    if (!portal) throw new StripeApiError(404, 'invalid_request_error', 'No such portal session');
    state.updateSubscription(c.req.param('sub'), { cancel_at_period_end: 'true' });
    return c.redirect(String(portal.return_url ?? '/'), 303);
  });

  const server = serve({ fetch: app.fetch, port: options.port ?? 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve, reject) => {
    server.once('listening', () => resolve());
    server.once('error', reject);
  });
  const port = (server.address() as AddressInfo).port;
  url = `http://127.0.0.1:${port}`;

  return {
    url,
    host: '127.0.0.1',
    port,
    secretKey,
    webhookSecret,
    state,
    deliveries,
    faults,
    addWebhookUrl: (u: string) => void webhookUrls.push(u),
    /** Holds automatic delivery back (events are still recorded and can be resent in any order). */
    pauseDelivery: () => {
      paused = true;
    },
    resumeDelivery: () => {
      paused = false;
    },
    /** Delivers an already-sent event again (Stripe's "resend"), signed afresh. */
    resend(eventId: string, targets = webhookUrls) {
      const event = state.events.find((e) => e.id === eventId);
      if (!event) throw new Error(`no event ${eventId}`);
      send(event, targets);
    },
    /** Waits until every delivery in flight has finished. */
    async settle() {
      while (pending.size) await Promise.all([...pending]);
    },
    async close() {
      await Promise.allSettled([...pending]);
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
export type StripeSandbox = Awaited<ReturnType<typeof startStripeSandbox>>;
