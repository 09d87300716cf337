import { createEventRedaction } from '../../../customers/events/redact';
import { eraseInStoreAlerts } from '../../../customers/in-store/personal-data';
import {
  beginErasure,
  exportCustomerProfiles,
  redactCustomerProfiles,
  redactIndexedEvents,
} from '../../../customers/profiles/privacy';
import type { Identifier } from '../../../domain/customers/events';
import { defaultRegion } from '../../../domain/customers/phone';
import type { Brand } from '../../../domain/entities';
import type { TenantContext } from '../../../domain/tenancy';
import {
  engagementDataAbout,
  eraseBrandEngagement,
  eraseEngagementData,
} from '../../../engagement/personal-data';
import { ValidationError } from '../../../kernel/errors';
import type { Clock, Ids } from '../../../ports/clock';
import type { DocumentDb } from '../../../ports/document-db';
import type { OperationalStore } from '../../../ports/operational-store';
import type { ResidualDataPurge } from '../../../ports/residual-purge';
import type { Warehouse, WarehouseRow } from '../../../ports/warehouse';
import { TENANT_TABLES, type TenantTable } from '../../../ports/warehouse-tables';
import {
  customerGidOf,
  customersDataRequestSchema,
  customersRedactSchema,
  orderGidOf,
  shopRedactSchema,
} from './payloads';
import type { TopicHandler } from './topics';

/**
 * Shopify's mandatory compliance topics, done for real in both stores:
 * - customers/data_request: the customer's rows (orders, lines, refunds, touchpoints), profiles,
 *   events and engagement data (consent, suppressions, sends) are exported into an audit event
 *   the merchant can read (`shopify.customer_data_export`);
 * - customers/redact: every column marked `pii: true` in warehouse-tables.ts is nulled on that
 *   customer's rows and their customer id becomes the erasure's pseudonym, earlier exports of
 *   their data in the audit log are emptied, and profiles, events and engagement copies are erased
 *   (decisions 813, 1019);
 * - shop/redact: the same for every row of the brand, and every engagement document.
 * Which columns are personal comes only from the table definitions, so a new PII column is covered.
 */
type Deps_ = {
  warehouse: Warehouse;
  store: OperationalStore;
  documents: DocumentDb;
  ids: Ids;
  clock: Clock;
  residualPurge?: ResidualDataPurge;
};

export const EXPORT_ACTION = 'shopify.customer_data_export';
/** Customer events carry no order id: shared/customers/events/redact.ts erases them by identifier. */
const ERASED_BY_IDENTIFIERS: readonly TenantTable[] = ['events'];
const PII_TABLES = (Object.keys(TENANT_TABLES) as TenantTable[]).filter(
  (t) => TENANT_TABLES[t].columns.some((c) => c.pii) && !ERASED_BY_IDENTIFIERS.includes(t),
);
// Personal rows are found through their order; a PII table without order_id would escape erasure.
for (const t of PII_TABLES)
  if (!TENANT_TABLES[t].columns.some((c) => c.name === 'order_id'))
    throw new Error(`warehouse table ${t} has PII columns but no order_id to find them by`);

/** The customer and their orders: by customer id, by email, or named by Shopify in the request. */
async function customerOrders(
  deps: Deps_,
  ctx: TenantContext,
  brandId: string,
  customer: { id: string; email?: string | null | undefined },
  named: readonly string[],
): Promise<{ customerId: string; orderIds: string[] }> {
  const customerId = customerGidOf(customer.id);
  const requested = named.map(orderGidOf);
  const rows = await deps.warehouse.query<{ order_id: string }>(
    ctx,
    // Emails as the store customer key reads them (decision 1011): an imported export's `Email`
    // may differ in case or spacing from the address Shopify sends.
    `SELECT order_id FROM {{orders}} WHERE brand_id = @brand AND (customer_id = @customer
       OR (@email <> '' AND LOWER(TRIM(email)) = @email) OR order_id IN (SELECT * FROM UNNEST(@orders)))`,
    {
      brand: brandId,
      customer: customerId,
      email: (customer.email ?? '').trim().toLowerCase(),
      orders: requested,
    },
  );
  return { customerId, orderIds: [...new Set([...rows.map((r) => r.order_id), ...requested])] };
}

function rowsOf(deps: Deps_, ctx: TenantContext, table: TenantTable, brandId: string, orderIds: string[]) {
  return deps.warehouse.query<WarehouseRow>(
    ctx,
    `SELECT * FROM {{${table}}} WHERE brand_id = @brand AND order_id IN (SELECT * FROM UNNEST(@orders))`,
    { brand: brandId, orders: orderIds },
  );
}

/**
 * The receiver already refuses a body whose shop differs from its header; this holds for any
 * message that reaches the bus, so a compliance request only ever acts on the shop it names.
 */
function assertSameShop(brand: Brand, shopDomain: string): void {
  if (shopDomain.toLowerCase() !== brand.shopDomain.toLowerCase())
    throw new ValidationError(
      `compliance request for ${shopDomain} delivered to brand ${brand.id} (${brand.shopDomain})`,
    );
}

export const exportCustomerData: TopicHandler = async (deps, ctx, brand, payload) => {
  const brandId = brand.id;
  const p = customersDataRequestSchema.parse(payload);
  assertSameShop(brand, p.shop_domain);
  const { customerId, orderIds } = await customerOrders(deps, ctx, brandId, p.customer, p.orders_requested);
  const data: Record<string, unknown> = Object.fromEntries(
    await Promise.all(
      (['orders', 'order_lines', 'refunds', 'touchpoints'] as const).map(
        async (t) => [t, orderIds.length ? await rowsOf(deps, ctx, t, brandId, orderIds) : []] as const,
      ),
    ),
  );
  // Customer profiles, their identifiers, merge history, in-store alerts and events (issue #18, 932).
  const customers = await exportCustomerProfiles(
    { db: deps.documents, warehouse: deps.warehouse, alerts: deps.store.alerts },
    { ctx, brandId },
    { shopifyCustomerId: p.customer.id, email: p.customer.email, phone: p.customer.phone },
    defaultRegion(brand),
  );
  const events = customers.eventIds.length
    ? await deps.warehouse.query<WarehouseRow>(
        ctx,
        'SELECT * FROM {{events}} WHERE brand_id = @brand AND event_id IN (SELECT * FROM UNNEST(@ids))',
        { brand: brandId, ids: customers.eventIds },
      )
    : [];
  const loose = await createEventRedaction(deps).findCustomerEvents(
    { ctx, brandId },
    customerIdentifiers(customerId, p.customer),
  );
  const byId = new Map([...events, ...loose].map((e) => [String(e.event_id), e]));
  const engagement = await engagementDataAbout(deps.documents, { ctx, brandId }, customers.identifiers);
  Object.assign(data, { customers, events: [...byId.values()], engagement });
  await deps.store.auditEvents.append(ctx, {
    id: deps.ids.next(),
    brandId,
    actor: 'shopify:customers/data_request',
    action: EXPORT_ACTION,
    target: customerId,
    details: { dataRequestId: p.data_request?.id ?? null, data },
    at: deps.clock.now().toISOString(),
  });
  return { orders: orderIds.length };
};

/**
 * Nulls the PII columns of the given orders' rows (or of every row of the brand); a customer's
 * rows also take the erasure's pseudonym as their customer id, guest orders included, so they
 * still count as one customer's (decision 1019).
 */
async function erase(
  deps: Deps_,
  ctx: TenantContext,
  brandId: string,
  orderIds: string[] | 'all',
  pseudonym?: string,
) {
  let rows = 0;
  for (const table of PII_TABLES) {
    const def = TENANT_TABLES[table];
    const pii = def.columns.filter((c) => c.pii).map((c) => c.name);
    const found =
      orderIds === 'all'
        ? await deps.warehouse.query<WarehouseRow>(
            ctx,
            `SELECT * FROM {{${table}}} WHERE brand_id = @brand AND (${pii.map((c) => `${c} IS NOT NULL`).join(' OR ')})`,
            { brand: brandId },
          )
        : await rowsOf(deps, ctx, table, brandId, orderIds);
    if (found.length === 0) continue;
    const rekey = pseudonym && def.columns.some((c) => c.name === 'customer_id');
    const scrubbed = found.map(
      (r): WarehouseRow => ({
        ...r,
        ...Object.fromEntries(pii.map((c) => [c, null])),
        ...(rekey ? { customer_id: pseudonym } : {}),
      }),
    );
    const keys = [...new Set(scrubbed.map((r) => String(r.order_id)))];
    await deps.warehouse.replaceKeys(ctx, table, { brandId, keyColumn: 'order_id', keys }, scrubbed);
    rows += scrubbed.length;
  }
  return rows;
}

/**
 * Earlier data exports hold the same personal data: keep the event, drop its contents, and name
 * the customer by the erasure's pseudonym (or no one, for a shop).
 */
async function emptyExports(
  deps: Deps_,
  ctx: TenantContext,
  brandId: string,
  customer: { id: string; pseudonym: string } | undefined,
) {
  const events = await deps.store.auditEvents.list(ctx, { brandId });
  const exports = events.filter((e) => e.action === EXPORT_ACTION && (!customer || e.target === customer.id));
  for (const e of exports)
    await deps.store.auditEvents.append(ctx, {
      ...e,
      target: customer?.pseudonym ?? 'erased',
      details: { redacted: true },
    });
  return exports.length;
}

/**
 * Questions to the assistant that named the customer (asked by their email or name, or answered
 * from their profile by the customer tools): the record stays for its tokens and cost, which the
 * usage views and billing read; its text, answer and tool calls go. Matched case-insensitively on
 * the request's identifiers and the profiles' names (phones by their digits); a question naming
 * another person of the same full or last name is emptied too — a lost answer, not a leak.
 */
async function eraseQuestionsNaming(deps: Deps_, ctx: TenantContext, brandId: string, needles: string[]) {
  const words = needles.map((n) => n.trim().toLowerCase()).filter((n) => n.length >= 3);
  const phones = needles.map((n) => n.replace(/\D/g, '').replace(/^0+/, '')).filter((d) => d.length >= 8);
  let erased = 0;
  for (const q of await deps.store.questions.list(ctx, brandId)) {
    const text = JSON.stringify([q.question, q.answer, q.toolCalls, q.feedback ?? null]).toLowerCase();
    const digits = text.replace(/\D/g, '');
    if (!words.some((w) => text.includes(w)) && !phones.some((d) => digits.includes(d))) continue;
    const { feedback, ...rest } = q;
    await deps.store.questions.upsert(ctx, brandId, {
      ...rest,
      question: '(erased: it named a customer whose data was erased)',
      answer: '',
      toolCalls: [],
      ungroundedNumbers: [],
      ...(feedback ? { feedback: { rating: feedback.rating } } : {}),
    });
    erased++;
  }
  return erased;
}

export const redactCustomer: TopicHandler = async (deps, ctx, brand, payload) => {
  const brandId = brand.id;
  const scope = { ctx, brandId };
  const p = customersRedactSchema.parse(payload);
  assertSameShop(brand, p.shop_domain);
  const subject = { shopifyCustomerId: p.customer.id, email: p.customer.email, phone: p.customer.phone };
  const region = defaultRegion(brand);
  // Every step below finds what is left to do, so a redelivery after a failure finishes the job
  // under the same pseudonym.
  const erasure = await beginErasure({ db: deps.documents, ids: deps.ids }, scope, subject, region);
  const { customerId, orderIds } = await customerOrders(deps, ctx, brandId, p.customer, p.orders_to_redact);
  const rows = orderIds.length ? await erase(deps, ctx, brandId, orderIds, erasure.pseudonym) : 0;
  const looseEvents = await createEventRedaction(deps).redactCustomerEvents(
    scope,
    customerIdentifiers(customerId, p.customer),
  );
  const exports = await emptyExports(deps, ctx, brandId, { id: customerId, pseudonym: erasure.pseudonym });
  const identity = { db: deps.documents, warehouse: deps.warehouse };
  let engagement = 0;
  const customers = await redactCustomerProfiles(
    {
      ...identity,
      redactEvents: redactIndexedEvents(identity),
      alerts: deps.store.alerts,
      eraseLinked: async (s, identifiers) => {
        const erased = await eraseEngagementData(
          { db: deps.documents, clock: deps.clock },
          s,
          identifiers,
          erasure.pseudonym,
        );
        engagement = erased.consent + erased.suppressions + erased.sends;
      },
    },
    scope,
    subject,
    region,
    erasure.pseudonym,
  );
  const questions = await eraseQuestionsNaming(deps, ctx, brandId, [
    customerId,
    String(p.customer.id),
    p.customer.email ?? '',
    p.customer.phone ?? '',
    ...customers.names,
  ]);
  // The record that the request was carried out names the customer by the pseudonym alone.
  await audit(deps, ctx, brandId, 'shopify.customer_redacted', erasure.pseudonym, {
    rows,
    exports,
    profiles: customers.profiles,
    events: customers.events + looseEvents,
    alerts: customers.alerts,
    engagement,
    questions,
  });
  await erasure.finish();
  // Copies below the records (free pages, old blocks, retained messages) go last.
  const mentions = [customerId, p.customer.email ?? '', ...customers.mentions, ...orderIds];
  await deps.residualPurge?.purge(ctx, { brandId, mentions: mentions.filter(Boolean) });
  return { rows, exports, profiles: customers.profiles, events: customers.events + looseEvents, engagement };
};

export const redactShop: TopicHandler = async (deps, ctx, brand, payload) => {
  const brandId = brand.id;
  const p = shopRedactSchema.parse(payload);
  assertSameShop(brand, p.shop_domain);
  const rows = await erase(deps, ctx, brandId, 'all');
  const events = await createEventRedaction(deps).redactBrandEvents({ ctx, brandId });
  const exports = await emptyExports(deps, ctx, brandId, undefined);
  const alerts = await eraseInStoreAlerts(deps.store.alerts, { ctx, brandId }, 'all');
  const engagement = await eraseBrandEngagement(deps.documents, { ctx, brandId });
  await audit(deps, ctx, brandId, 'shopify.shop_redacted', p.shop_domain, {
    rows,
    events,
    exports,
    alerts,
    engagement,
  });
  await deps.residualPurge?.purge(ctx, { brandId });
  return { rows, events, exports };
};

/** Who the compliance request names, as event identifiers: the Shopify customer, their email and phone. */
function customerIdentifiers(
  customerId: string,
  customer: { email?: string | null | undefined; phone?: string | null | undefined },
): Identifier[] {
  return [
    { kind: 'shopify_customer_id', value: customerId },
    ...(customer.email ? [{ kind: 'email' as const, value: customer.email }] : []),
    ...(customer.phone ? [{ kind: 'phone' as const, value: customer.phone }] : []),
  ];
}

function audit(
  deps: Deps_,
  ctx: TenantContext,
  brandId: string,
  action: string,
  target: string,
  details: Record<string, number>,
) {
  return deps.store.auditEvents.append(ctx, {
    id: deps.ids.next(),
    brandId,
    actor: 'shopify:compliance',
    action,
    target,
    details,
    at: deps.clock.now().toISOString(),
  });
}
