import { AI_OVERAGE_METER_EVENT, type SandboxPrice, seedCatalog } from './catalog';

/**
 * The sandbox account's objects and their lifecycle, rendered as Stripe's API renders them:
 * customers (https://docs.stripe.com/api/customers/object), Checkout Sessions
 * (https://docs.stripe.com/api/checkout/sessions/object), subscriptions with their items carrying
 * the billing period (https://docs.stripe.com/api/subscriptions/object, API 2025-03-31 and later),
 * invoices (https://docs.stripe.com/api/invoices/object), meter events
 * (https://docs.stripe.com/api/billing/meter-event/object) and events
 * (https://docs.stripe.com/api/events/object).
 */
export class StripeApiError extends Error {
  constructor(
    readonly status: number,
    readonly type: 'invalid_request_error' | 'api_error',
    message: string,
    readonly code?: string,
    readonly param?: string,
  ) {
    super(message);
  }
}

type Obj = Record<string, unknown>;
export interface SandboxEvent {
  id: string;
  object: 'event';
  api_version: string;
  created: number;
  data: { object: Obj; previous_attributes?: Obj };
  livemode: false;
  pending_webhooks: number;
  request: { id: string | null; idempotency_key: string | null };
  type: string;
}

const DAY = 86_400;

export function createStripeState(options: { now: () => number; apiVersion: string; baseUrl: () => string }) {
  const nowS = () => Math.floor(options.now() / 1000);
  let seq = 0;
  const id = (prefix: string) =>
    `${prefix}_${(++seq).toString(36).padStart(8, '0')}${Math.random().toString(36).slice(2, 8)}`;
  const prices = seedCatalog(nowS());
  const customers = new Map<string, Obj>();
  const sessions = new Map<string, Obj>();
  const portals = new Map<string, Obj>();
  const subscriptions = new Map<string, Obj>();
  const invoices = new Map<string, Obj>();
  const meterEvents = new Map<string, Obj>();
  const events: SandboxEvent[] = [];
  const listeners: ((e: SandboxEvent) => void)[] = [];

  const emit = (type: string, object: Obj, previous?: Obj) => {
    const event: SandboxEvent = {
      id: id('evt'),
      object: 'event',
      api_version: options.apiVersion,
      created: nowS(),
      data: { object: structuredClone(object), ...(previous ? { previous_attributes: previous } : {}) },
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      type,
    };
    events.push(event);
    for (const l of listeners) l(event);
    return event;
  };

  const price = (priceId: unknown): SandboxPrice => {
    const p = prices.find((x) => x.id === priceId);
    if (!p)
      throw new StripeApiError(
        400,
        'invalid_request_error',
        `No such price: '${String(priceId)}'`,
        'resource_missing',
        'price',
      );
    return p;
  };
  const customer = (customerId: unknown): Obj => {
    const c = customers.get(String(customerId));
    if (!c)
      throw new StripeApiError(
        404,
        'invalid_request_error',
        `No such customer: '${String(customerId)}'`,
        'resource_missing',
        'customer',
      );
    return c;
  };
  const subscription = (subId: string): Obj => {
    const s = subscriptions.get(subId);
    if (!s)
      throw new StripeApiError(
        404,
        'invalid_request_error',
        `No such subscription: '${subId}'`,
        'resource_missing',
        'id',
      );
    return s;
  };

  function createInvoice(sub: Obj, status: 'paid' | 'open', billingReason: string): Obj {
    const items = (
      sub.items as {
        data: {
          price: SandboxPrice;
          quantity?: number;
          current_period_start: number;
          current_period_end: number;
        }[];
      }
    ).data;
    const lines = items
      .filter((i) => i.price.recurring.usage_type === 'licensed')
      .map((i) => ({
        id: id('il'),
        object: 'line_item',
        amount: (sub.status === 'trialing' ? 0 : (i.price.unit_amount ?? 0)) * (i.quantity ?? 1),
        currency: i.price.currency,
        description: `${i.quantity ?? 1} × ${i.price.nickname}`,
        period: { start: i.current_period_start, end: i.current_period_end },
        pricing: { type: 'price_details', price_details: { price: i.price.id, product: i.price.product } },
        quantity: i.quantity ?? 1,
      }));
    const total = lines.reduce((s, l) => s + l.amount, 0);
    const inv: Obj = {
      id: id('in'),
      object: 'invoice',
      customer: sub.customer,
      parent: {
        type: 'subscription_details',
        subscription_details: { subscription: sub.id, metadata: sub.metadata },
      },
      status,
      billing_reason: billingReason,
      currency: sub.currency,
      subtotal: total,
      total,
      amount_due: total,
      amount_paid: status === 'paid' ? total : 0,
      amount_remaining: status === 'paid' ? 0 : total,
      created: nowS(),
      period_start: items[0]?.current_period_start ?? nowS(),
      period_end: items[0]?.current_period_end ?? nowS(),
      number: `PP-${String(invoices.size + 1).padStart(4, '0')}`,
      hosted_invoice_url: `${options.baseUrl()}/invoices/${invoices.size + 1}`,
      lines: { object: 'list', data: lines, has_more: false, url: '/v1/invoices/lines' },
      livemode: false,
    };
    invoices.set(String(inv.id), inv);
    sub.latest_invoice = inv.id;
    emit('invoice.created', inv);
    emit(status === 'paid' ? 'invoice.paid' : 'invoice.payment_failed', inv);
    return inv;
  }

  function createSubscription(input: {
    customer: string;
    prices: { price: string; quantity?: number }[];
    trialDays?: number;
    metadata?: Obj;
  }): Obj {
    const cust = customer(input.customer);
    const lines = input.prices.map((p) => ({ ...p, price: price(p.price) }));
    const currencies = new Set(lines.map((l) => l.price.currency));
    if (currencies.size !== 1)
      throw new StripeApiError(
        400,
        'invalid_request_error',
        'All prices on a subscription must have the same currency.',
        'currency_mismatch',
        'items',
      );
    const start = nowS();
    const trialEnd = input.trialDays ? start + input.trialDays * DAY : null;
    const periodEnd = trialEnd ?? start + 30 * DAY;
    const subId = id('sub');
    const sub: Obj = {
      id: subId,
      object: 'subscription',
      customer: cust.id,
      status: trialEnd ? 'trialing' : 'active',
      currency: [...currencies][0],
      created: start,
      start_date: start,
      billing_cycle_anchor: periodEnd,
      cancel_at_period_end: false,
      cancel_at: null,
      canceled_at: null,
      ended_at: null,
      trial_start: trialEnd ? start : null,
      trial_end: trialEnd,
      collection_method: 'charge_automatically',
      latest_invoice: null,
      metadata: input.metadata ?? {},
      livemode: false,
      items: {
        object: 'list',
        has_more: false,
        url: `/v1/subscription_items?subscription=${subId}`,
        data: lines.map((l) => ({
          id: id('si'),
          object: 'subscription_item',
          created: start,
          price: l.price,
          ...(l.price.recurring.usage_type === 'licensed' ? { quantity: l.quantity ?? 1 } : {}),
          current_period_start: start,
          current_period_end: periodEnd,
          subscription: subId,
          metadata: {},
        })),
      },
    };
    subscriptions.set(subId, sub);
    emit('customer.subscription.created', sub);
    createInvoice(sub, 'paid', 'subscription_create');
    return sub;
  }

  /** Moves a subscription to a new status the way Stripe's billing engine would, with its events. */
  function transition(subId: string, status: string): Obj {
    const sub = subscription(subId);
    const previous = { status: sub.status };
    if (sub.status === status) return sub;
    if (sub.status === 'canceled')
      throw new StripeApiError(
        400,
        'invalid_request_error',
        'A canceled subscription can only update its cancellation_details and metadata.',
      );
    if (status === 'past_due' || status === 'unpaid') createInvoice(sub, 'open', 'subscription_cycle');
    if (status === 'active' && sub.status === 'past_due') {
      const open = [...invoices.values()].find(
        (i) =>
          i.status === 'open' &&
          (i.parent as Obj & { subscription_details: Obj }).subscription_details.subscription === subId,
      );
      if (open) {
        Object.assign(open, { status: 'paid', amount_paid: open.total, amount_remaining: 0 });
        emit('invoice.paid', open);
      }
    }
    sub.status = status;
    if (status === 'canceled') {
      sub.canceled_at = nowS();
      sub.ended_at = nowS();
      emit('customer.subscription.deleted', sub, previous);
    } else emit('customer.subscription.updated', sub, previous);
    return sub;
  }

  function createCustomer(params: Obj): Obj {
    const c: Obj = {
      id: id('cus'),
      object: 'customer',
      created: nowS(),
      email: params.email ?? null,
      name: params.name ?? null,
      metadata: params.metadata ?? {},
      livemode: false,
    };
    customers.set(String(c.id), c);
    emit('customer.created', c);
    return c;
  }

  return {
    prices,
    customers,
    sessions,
    portals,
    subscriptions,
    invoices,
    meterEvents,
    events,
    onEvent: (l: (e: SandboxEvent) => void) => listeners.push(l),
    emit,
    customer,
    subscription,
    transition,

    createCustomer,

    createCheckoutSession(params: Obj): Obj {
      if (params.mode !== 'subscription')
        throw new StripeApiError(
          400,
          'invalid_request_error',
          'The sandbox serves subscription mode only.',
          undefined,
          'mode',
        );
      if (typeof params.success_url !== 'string')
        throw new StripeApiError(
          400,
          'invalid_request_error',
          'Missing required param: success_url.',
          'parameter_missing',
          'success_url',
        );
      const lineItems = (params.line_items ?? []) as { price: string; quantity?: string }[];
      if (!Array.isArray(lineItems) || lineItems.length === 0)
        throw new StripeApiError(
          400,
          'invalid_request_error',
          'Missing required param: line_items.',
          'parameter_missing',
          'line_items',
        );
      for (const l of lineItems) price(l.price);
      const cust = params.customer ? customer(params.customer) : undefined;
      const sessionId = id('cs_test');
      const session: Obj = {
        id: sessionId,
        object: 'checkout.session',
        mode: 'subscription',
        status: 'open',
        payment_status: 'unpaid',
        customer: cust?.id ?? null,
        client_reference_id: params.client_reference_id ?? null,
        success_url: params.success_url,
        cancel_url: params.cancel_url ?? null,
        url: `${options.baseUrl()}/checkout/${sessionId}`,
        subscription: null,
        metadata: params.metadata ?? {},
        created: nowS(),
        expires_at: nowS() + DAY,
        livemode: false,
        // Kept to create the subscription on completion; not part of Stripe's rendered object.
        _line_items: lineItems,
        _subscription_data: params.subscription_data ?? {},
      };
      sessions.set(sessionId, session);
      return session;
    },

    /** What the hosted Checkout page does when the customer pays. */
    completeCheckout(sessionId: string): Obj {
      const session = sessions.get(sessionId);
      if (session?.status !== 'open')
        throw new StripeApiError(404, 'invalid_request_error', `No open checkout session: '${sessionId}'`);
      const data = session._subscription_data as { trial_period_days?: string; metadata?: Obj };
      const cust = session.customer ? customer(session.customer) : createCustomer({});
      const sub = createSubscription({
        customer: String(cust.id),
        prices: (session._line_items as { price: string; quantity?: string }[]).map((l) => ({
          price: l.price,
          ...(l.quantity ? { quantity: Number(l.quantity) } : {}),
        })),
        ...(data.trial_period_days ? { trialDays: Number(data.trial_period_days) } : {}),
        ...(data.metadata ? { metadata: data.metadata } : {}),
      });
      Object.assign(session, {
        status: 'complete',
        payment_status: 'paid',
        subscription: sub.id,
        customer: cust.id,
      });
      emit('checkout.session.completed', render(session));
      return session;
    },

    createPortalSession(params: Obj): Obj {
      const cust = customer(params.customer);
      const portalId = id('bps');
      const portal: Obj = {
        id: portalId,
        object: 'billing_portal.session',
        customer: cust.id,
        return_url: params.return_url ?? null,
        url: `${options.baseUrl()}/portal/${portalId}`,
        created: nowS(),
        livemode: false,
      };
      portals.set(portalId, portal);
      return portal;
    },

    createSubscription,

    updateSubscription(subId: string, params: Obj): Obj {
      const sub = subscription(subId);
      if (sub.status === 'canceled')
        throw new StripeApiError(
          400,
          'invalid_request_error',
          'A canceled subscription can only update its cancellation_details and metadata.',
        );
      const previous: Obj = {};
      if (params.cancel_at_period_end !== undefined) {
        previous.cancel_at_period_end = sub.cancel_at_period_end;
        sub.cancel_at_period_end = params.cancel_at_period_end === 'true';
      }
      if (Array.isArray(params.items)) {
        const data = (sub.items as { data: Obj[] }).data;
        previous.items = structuredClone(sub.items);
        for (const change of params.items as Obj[]) {
          const item = data.find((i) => i.id === change.id);
          if (!item)
            throw new StripeApiError(
              400,
              'invalid_request_error',
              `No such subscription item: '${String(change.id)}'`,
            );
          if (change.price) item.price = price(change.price);
        }
      }
      if (params.metadata) sub.metadata = { ...(sub.metadata as Obj), ...(params.metadata as Obj) };
      emit('customer.subscription.updated', sub, previous);
      return sub;
    },

    cancelSubscription: (subId: string) => transition(subId, 'canceled'),

    createMeterEvent(params: Obj): Obj {
      if (params.event_name !== AI_OVERAGE_METER_EVENT)
        throw new StripeApiError(
          400,
          'invalid_request_error',
          `No active meter found for event_name ${String(params.event_name)}.`,
          undefined,
          'event_name',
        );
      const payload = (params.payload ?? {}) as Obj;
      customer(payload.stripe_customer_id);
      if (typeof payload.value !== 'string' || !/^\d+$/.test(payload.value))
        throw new StripeApiError(
          400,
          'invalid_request_error',
          'payload[value] must be a whole number.',
          undefined,
          'payload[value]',
        );
      const identifier = typeof params.identifier === 'string' ? params.identifier : id('mev');
      // Stripe enforces identifier uniqueness over a rolling 24 hours and rejects a repeat with a
      // 400 (observed in langfuse/langfuse#16292: "An event already exists with identifier …").
      if (meterEvents.has(identifier))
        throw new StripeApiError(
          400,
          'invalid_request_error',
          `An event already exists with identifier ${identifier}.`,
        );
      const event: Obj = {
        object: 'billing.meter_event',
        created: nowS(),
        event_name: params.event_name,
        identifier,
        livemode: false,
        payload,
        timestamp: params.timestamp ? Number(params.timestamp) : nowS(),
      };
      meterEvents.set(identifier, event);
      return event;
    },
  };
}
export type StripeState = ReturnType<typeof createStripeState>;

/** Drops the sandbox's private `_fields` before an object leaves the server. */
export function render(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([k]) => !k.startsWith('_')));
}
