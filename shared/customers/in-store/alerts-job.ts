import { createHash } from 'node:crypto';
import { z } from 'zod';
import {
  identifierKey,
  isLinking,
  normaliseIdentifiers,
  type RawIdentifier,
} from '../../domain/customers/identifiers';
import {
  type CustomerValueFacts,
  IN_STORE_EVENT_TYPES,
  type InStoreEventType,
  inStoreAlert,
  isFresh,
  isInStoreEvent,
  isTrustedInStoreSource,
  significance,
} from '../../domain/customers/in-store-alert';
import { defaultRegion } from '../../domain/customers/phone';
import type { CustomerProfile } from '../../domain/customers/profile';
import { identifierIndexSchema } from '../../domain/customers/records';
import type { Alert, Brand } from '../../domain/entities';
import { systemContext } from '../../domain/tenancy';
import { NotFoundError, ValidationError } from '../../kernel/errors';
import type { Logger } from '../../kernel/logging/logger';
import type { Clock } from '../../ports/clock';
import type { DocumentDb } from '../../ports/document-db';
import type { EventBus, TopicMessage } from '../../ports/events';
import type { OperationalStore } from '../../ports/operational-store';
import type { Warehouse } from '../../ports/warehouse';
import type { BrandScope } from '../../ports/warehouse-rows';
import { storedEventSchema } from '../events/rows';
import { createCustomer360 } from '../profiles/customer-360';
import { docPath } from '../profiles/paths';

export interface InStoreAlertsJobDeps {
  db: DocumentDb;
  warehouse: Warehouse;
  store: Pick<OperationalStore, 'brands' | 'alerts' | 'products' | 'transaction'>;
  bus: EventBus;
  clock: Clock;
  logger: Pick<Logger, 'info' | 'warn'>;
}

const countsRow = z.object({
  customers: z.coerce.number().default(0),
  above: z.coerce
    .number()
    .nullable()
    .default(0)
    .transform((n) => n ?? 0),
});
const textOf = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);

/**
 * Alert ids derive from the dedupe key (as the recommend job's do), so two deliveries of the same
 * visit, even concurrent ones, write one document.
 */
export const inStoreAlertId = (brandId: string, dedupeKey: string) =>
  `alert_${createHash('sha256').update(`${brandId}\n${dedupeKey}`).digest('hex').slice(0, 24)}`;

/** The customer as staff know them: a name, else an email or phone (all erased with the profile). */
export function displayName(p: CustomerProfile): string {
  const name = [p.person?.firstName, p.person?.lastName].map(textOf).filter(Boolean).join(' ');
  if (name) return name;
  const contact =
    p.identifiers.find((i) => i.kind === 'email') ?? p.identifiers.find((i) => i.kind === 'phone');
  return contact?.value ?? 'A customer with no name on file';
}

/**
 * The `in-store-alerts` function: on `customer.events`, each new store visit or QR scan whose
 * person the identity index already knows (by a linking identifier: a shared poster's QR code or
 * a device names nobody) is checked against the rule in shared/domain/customers/in-store-alert.ts,
 * from the same Customer 360 the app shows; a customer who qualifies gets one alert per location
 * and brand-local day, announced on `alert.raised` for the staff channel (notify). Decision 932.
 */
export function createInStoreAlertsJob(deps: InStoreAlertsJobDeps) {
  const c360 = createCustomer360(deps);

  async function profileOf(
    scope: BrandScope,
    raw: readonly RawIdentifier[],
    brand: Brand,
  ): Promise<CustomerProfile | null> {
    // Only identifiers that name one person: a poster's QR code or a shared device names nobody.
    const { identifiers } = normaliseIdentifiers(
      raw.filter((i) => isLinking(i.kind)),
      defaultRegion(brand),
    );
    const found = new Map<string, CustomerProfile>();
    for (const id of identifiers) {
      const doc = await deps.db.get(docPath(scope, 'identifiers', identifierKey(id)));
      if (!doc) continue;
      for (const pid of identifierIndexSchema.parse(doc.data).profileIds) {
        const p = await c360.profile(scope, pid).catch((err: unknown) => {
          if (err instanceof NotFoundError) return null; // erased meanwhile
          throw err;
        });
        if (p) found.set(p.id, p);
      }
    }
    // Two people behind one visit's identifiers is for identity resolution to settle, not a guess.
    return found.size === 1 ? [...found.values()][0]! : null;
  }

  /** The customer's predicted value against the brand's: how many customers are above it. */
  async function valueFacts(scope: BrandScope, segment: string, value365Minor: number) {
    const rows = await deps.warehouse.query(
      scope.ctx,
      `SELECT COUNT(*) AS customers, SUM(CASE WHEN value_365_minor > @value THEN 1 ELSE 0 END) AS above
         FROM {{customer_predictions}} WHERE brand_id = @brand`,
      { brand: scope.brandId, value: value365Minor },
    );
    // COUNT and SUM come back as BigInt from DuckDB and as numbers or strings from BigQuery.
    const row = countsRow.parse(rows[0] ?? {});
    return { segment, value365Minor, customers: row.customers, above: row.above };
  }

  async function productTitles(scope: BrandScope, productIds: readonly string[]) {
    const titles = new Map<string, string>();
    if (productIds.length === 0) return titles;
    const wanted = new Set(productIds);
    for (const p of await deps.store.products.list(scope.ctx, scope.brandId))
      if (wanted.has(p.productId) && !titles.has(p.productId)) titles.set(p.productId, p.title);
    return titles;
  }

  /** Writes the alert unless this customer already has one here today; true when it is new. */
  async function raise(scope: BrandScope, alert: Alert): Promise<boolean> {
    return deps.store.transaction(scope.ctx, async (tx) => {
      if (await tx.alerts.get(scope.ctx, scope.brandId, alert.id)) return false;
      await tx.alerts.upsert(scope.ctx, scope.brandId, alert);
      return true;
    });
  }

  return async function inStoreAlerts(message: TopicMessage<'customer.events'>) {
    const ctx = systemContext(message.tenantId, 'in-store-alerts', message.traceparent);
    const brand = await deps.store.brands.get(ctx, message.brandId);
    if (!brand) return { raised: 0 };
    const scope: BrandScope = { ctx, brandId: brand.id };
    const rows = (
      await deps.warehouse.query(
        ctx,
        `SELECT * FROM {{events}}
          WHERE brand_id = @brand AND event_id IN (SELECT * FROM UNNEST(@ids)) AND type IN (SELECT * FROM UNNEST(@types))
          ORDER BY occurred_at, event_id`,
        { brand: brand.id, ids: [...message.eventIds], types: [...IN_STORE_EVENT_TYPES] },
      )
    ).map((r) => storedEventSchema.parse(r));
    let raised = 0;
    for (const row of rows) {
      if (!isInStoreEvent(row.type) || !isTrustedInStoreSource(row.source)) continue;
      if (!isFresh(row.occurred_at, deps.clock.now())) continue;
      const profile = await profileOf(scope, row.identifiers, brand);
      if (!profile) continue;
      const view = await c360.view(scope, profile.id, brand.currency).catch((err: unknown) => {
        // Orders in another currency make the 360 refuse; the visit is still not worth a retry loop.
        if (err instanceof ValidationError) return null;
        throw err;
      });
      if (!view) continue;
      const p = view.predictions;
      const value: CustomerValueFacts | null =
        p.status === 'computed' ? await valueFacts(scope, p.segment, p.value365Minor) : null;
      const s = significance(value, view.productIntent);
      if (!s.significant) continue;
      const props = row.properties ?? {};
      const draft = inStoreAlert({
        brandId: brand.id,
        currency: brand.currency,
        timeZone: brand.timezone,
        profileId: profile.id,
        customerName: displayName(view.profile),
        event: {
          id: row.event_id,
          type: row.type as InStoreEventType,
          day: row.day.slice(0, 10),
          location: textOf(props.location_name) ?? textOf(props.location_id),
          placement: textOf(props.placement),
        },
        value,
        significance: s,
        productTitles: await productTitles(
          scope,
          s.intents.map((i) => i.productId),
        ),
      });
      const now = deps.clock.now().toISOString();
      const alert: Alert = {
        ...draft,
        id: inStoreAlertId(brand.id, draft.dedupeKey),
        status: 'open',
        createdAt: now,
        updatedAt: now,
      };
      if (!(await raise(scope, alert))) continue;
      // After the write: notify reads the alert. A crash between the two loses the announcement,
      // not the alert (decision 932); a redelivery finds the alert and stays quiet.
      await deps.bus.publish('alert.raised', {
        tenantId: ctx.tenantId,
        brandId: brand.id,
        alertId: alert.id,
        idempotencyKey: `alert.raised:${alert.id}`,
        ...(message.traceparent ? { traceparent: message.traceparent } : {}),
      });
      raised++;
    }
    if (raised > 0) deps.logger.info('in-store-alerts: raised', { brandId: brand.id, raised });
    return { raised };
  };
}
export type InStoreAlertsJob = ReturnType<typeof createInStoreAlertsJob>;
