import { z } from 'zod';
import { identifierKey, normaliseIdentifier } from '../../domain/customers/identifiers';
import {
  type BehaviourEvent,
  categoryAffinity,
  categoryOfProperties,
  channelOf,
  channelPreference,
  type Purchase,
  productIntent,
} from '../../domain/customers/intent';
import { journey } from '../../domain/customers/journey';
import { cleanText } from '../../domain/customers/person';
import { type CustomerProfile, customerProfileSchema } from '../../domain/customers/profile';
import { identifierIndexSchema } from '../../domain/customers/records';
import { NotFoundError, ValidationError } from '../../kernel/errors';
import type { Clock } from '../../ports/clock';
import type { DocumentDb } from '../../ports/document-db';
import type { Warehouse } from '../../ports/warehouse';
import type { BrandScope } from '../../ports/warehouse-rows';
import { loadNameBook } from '../../reporting/names';
import { emailCustomerKey } from '../customer-key';
import { createCustomerReadModel } from '../read-model';
import { activeProfile } from './documents';
import { collectionPath, docPath } from './paths';

export interface Customer360Deps {
  db: DocumentDb;
  warehouse: Warehouse;
  clock: Clock;
}

const orderRowSchema = z.object({
  order_id: z.string(),
  order_number: z.string().nullable(),
  created_at: z.string(),
  total_minor: z.number(),
  currency: z.string(),
  source_name: z.string().nullable(),
  customer_id: z.string().nullable(),
});
/** One event on a customer's timeline, as the warehouse row holds it (the API returns it as is). */
export const timelineEventSchema = z.object({
  event_id: z.string(),
  type: z.string(),
  source: z.string(),
  occurred_at: z.string(),
  product_id: z.string().nullable(),
  value_minor: z.number().nullable(),
  currency: z.string().nullable(),
  url: z.string().nullable(),
  properties: z.string().nullable(),
});
export type TimelineEvent = z.infer<typeof timelineEventSchema>;

// Empty lists are passed as one impossible value so both engines type the parameter as strings.
const list = (values: readonly string[]) => (values.length > 0 ? [...values] : ['\u0000']);

/**
 * The Customer 360 read model: a profile from the store (following merges to the survivor),
 * its orders, refunds and revenue from the warehouse (matched by its Shopify customer ids and
 * emails), acquisition from the first order's attribution, its events (through the
 * event_identifiers index), and what the domain derives from them.
 */
export function createCustomer360(deps: Customer360Deps) {
  const analytics = createCustomerReadModel(deps.warehouse);
  async function profile(scope: BrandScope, id: string): Promise<CustomerProfile> {
    const found = await activeProfile(deps.db, scope, id);
    if (!found) throw new NotFoundError(`customer ${id} not found`);
    return found;
  }

  async function search(
    scope: BrandScope,
    query: {
      email?: string | undefined;
      phone?: string | undefined;
      name?: string | undefined;
      limit: number;
    },
    region: string | undefined,
  ): Promise<CustomerProfile[]> {
    const exact = [
      query.email ? normaliseIdentifier({ kind: 'email', value: query.email }, region) : null,
      query.phone ? normaliseIdentifier({ kind: 'phone', value: query.phone }, region) : null,
    ].filter((r) => r !== null);
    const invalid = exact.filter((r) => !r.ok);
    if (invalid.length > 0) throw new ValidationError(invalid.map((r) => (r.ok ? '' : r.reason)).join('; '));
    const ids = new Set<string>();
    for (const r of exact) {
      if (!r.ok) continue;
      const doc = await deps.db.get(docPath(scope, 'identifiers', identifierKey(r.value)));
      if (doc) for (const p of identifierIndexSchema.parse(doc.data).profileIds) ids.add(p);
    }
    const found: CustomerProfile[] = [];
    for (const id of ids) found.push(await profile(scope, id));
    if (query.name) {
      // Names are not indexed by the store's query subset; a brand's active profiles are scanned.
      const wanted = cleanText(query.name);
      const docs = await deps.db.query(collectionPath(scope, 'profiles'), {
        where: [['status', '==', 'active']],
      });
      for (const doc of docs) {
        const p = customerProfileSchema.parse(doc.data);
        const full = cleanText(`${p.person?.firstName ?? ''} ${p.person?.lastName ?? ''}`);
        if (full.includes(wanted) && !ids.has(p.id)) found.push(p);
        if (found.length >= query.limit) break;
      }
    }
    return found.slice(0, query.limit);
  }

  async function timeline(scope: BrandScope, p: CustomerProfile, limit: number): Promise<TimelineEvent[]> {
    const rows = await deps.warehouse.query(
      scope.ctx,
      `SELECT event_id, type, source, occurred_at, product_id, value_minor, currency, url, properties
         FROM {{events}}
        WHERE brand_id = @brand
          AND event_id IN (SELECT event_id FROM {{event_identifiers}}
                            WHERE brand_id = @brand AND identifier_key IN (SELECT * FROM UNNEST(@keys)))
        ORDER BY occurred_at DESC, event_id
        LIMIT @limit`,
      { brand: scope.brandId, keys: list(p.identifiers.map(identifierKey)), limit },
    );
    return rows.map((r) => timelineEventSchema.parse(r));
  }

  async function view(scope: BrandScope, id: string, currency: string) {
    const p = await profile(scope, id);
    const emails = p.identifiers.filter((i) => i.kind === 'email').map((i) => i.value);
    const customers = p.identifiers.filter((i) => i.kind === 'shopify_customer_id').map((i) => i.value);
    const orders = (
      await deps.warehouse.query(
        scope.ctx,
        `SELECT order_id, order_number, created_at, total_minor, currency, source_name, customer_id FROM {{orders}}
          WHERE brand_id = @brand AND cancelled_at IS NULL
            AND (customer_id IN (SELECT * FROM UNNEST(@customers)) OR LOWER(email) IN (SELECT * FROM UNNEST(@emails)))
          ORDER BY created_at`,
        { brand: scope.brandId, customers: list(customers), emails: list(emails) },
      )
    ).map((r) => orderRowSchema.parse(r));
    const orderIds = orders.map((o) => o.order_id);
    const refunds = z
      .array(
        z.object({
          refund_id: z.string(),
          order_id: z.string(),
          created_at: z.string(),
          amount_minor: z.number(),
          currency: z.string(),
        }),
      )
      .parse(
        await deps.warehouse.query(
          scope.ctx,
          `SELECT refund_id, order_id, created_at, amount_minor, currency FROM {{refunds}}
            WHERE brand_id = @brand AND order_id IN (SELECT * FROM UNNEST(@orders)) ORDER BY created_at`,
          { brand: scope.brandId, orders: list(orderIds) },
        ),
      );
    const lines = z
      .array(z.object({ order_id: z.string(), product_id: z.string().nullable() }))
      .parse(
        await deps.warehouse.query(
          scope.ctx,
          'SELECT order_id, product_id FROM {{order_lines}} WHERE brand_id = @brand AND order_id IN (SELECT * FROM UNNEST(@orders))',
          { brand: scope.brandId, orders: list(orderIds) },
        ),
      );
    const acquisition = orders[0]
      ? (z
          .array(
            z.object({
              channel: z.string(),
              platform: z.string().nullable(),
              campaign_id: z.string().nullable(),
              method: z.string(),
              confidence: z.number(),
            }),
          )
          .parse(
            await deps.warehouse.query(
              scope.ctx,
              `SELECT channel, platform, campaign_id, method, confidence FROM {{attributions}}
                WHERE brand_id = @brand AND order_id = @order ORDER BY credit_first_touch DESC, channel LIMIT 1`,
              { brand: scope.brandId, order: orders[0].order_id },
            ),
          )[0] ?? null)
      : null;
    // Predictions are per store customer (decision 1011): the profile's own ids, those of the
    // orders its emails found, and its emails' own keys (orders that name no Shopify customer).
    const storeCustomers = [
      ...new Set([
        ...customers,
        ...orders.flatMap((o) => (o.customer_id ? [o.customer_id] : [])),
        ...emails.flatMap((e) => emailCustomerKey(e) ?? []),
      ]),
    ];
    const [events, predictions] = await Promise.all([
      timeline(scope, p, 1000),
      analytics.predictionForProfile(scope.ctx, scope.brandId, storeCustomers),
    ]);

    const foreign = [...orders, ...refunds].find((o) => o.currency !== currency);
    if (foreign)
      throw new ValidationError(`order money in ${foreign.currency}, brand currency is ${currency}`);
    const gross = orders.reduce((s, o) => s + o.total_minor, 0);
    const refunded = refunds.reduce((s, r) => s + r.amount_minor, 0);
    const productsOf = new Map<string, string[]>();
    for (const l of lines)
      if (l.product_id) productsOf.set(l.order_id, [...(productsOf.get(l.order_id) ?? []), l.product_id]);
    const purchases: Purchase[] = orders.map((o) => ({
      at: o.created_at,
      productIds: productsOf.get(o.order_id) ?? [],
      channel: o.source_name === 'pos' ? 'store' : 'online',
    }));
    const behaviour: BehaviourEvent[] = events.map((e) => ({
      type: e.type,
      at: e.occurred_at,
      source: e.source,
      productId: e.product_id,
      category: categoryOfProperties(e.properties),
    }));
    const now = deps.clock.now().toISOString();
    const stage = journey(behaviour, purchases);
    return {
      profile: p,
      orders: orders.map((o) => ({
        orderId: o.order_id,
        orderNumber: o.order_number,
        createdAt: o.created_at,
        total: { amountMinor: o.total_minor, currency: o.currency },
        channel: o.source_name === 'pos' ? 'store' : 'online',
      })),
      refunds: refunds.map((r) => ({
        refundId: r.refund_id,
        orderId: r.order_id,
        createdAt: r.created_at,
        amount: { amountMinor: r.amount_minor, currency: r.currency },
      })),
      orderCount: orders.length,
      revenue: { amountMinor: gross - refunded, currency },
      firstOrderAt: orders[0]?.created_at ?? null,
      lastOrderAt: orders.at(-1)?.created_at ?? null,
      acquisition: acquisition
        ? {
            channel: acquisition.channel,
            platform: acquisition.platform,
            campaignId: acquisition.campaign_id,
            campaignName: acquisition.campaign_id
              ? (await loadNameBook(deps.warehouse, scope.ctx, scope.brandId)).campaign(
                  acquisition.campaign_id,
                )
              : null,
            method: acquisition.method,
            confidence: acquisition.confidence,
          }
        : null,
      productIntent: productIntent(behaviour, purchases, now).slice(0, 10),
      categoryAffinity: categoryAffinity(behaviour, now),
      channelPreference: channelPreference(behaviour, purchases),
      journey: stage,
      predictions,
      recentEvents: events.slice(0, 20).map((e) => ({ ...e, channel: channelOf(e.source) })),
    };
  }

  return { profile, search, timeline, view };
}
export type Customer360 = ReturnType<typeof createCustomer360>;
