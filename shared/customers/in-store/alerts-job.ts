import { createHash } from 'node:crypto';
import { z } from 'zod';
import { IDENTIFIER_KINDS, type IdentifierKind } from '../../domain/customers/events';
import { identifierKey, isLinking, normaliseIdentifiers } from '../../domain/customers/identifiers';
import {
  type CustomerValueFacts,
  IN_STORE_EVENT_TYPES,
  type InStoreEventType,
  inStoreAlert,
  isFresh,
  isInStoreEvent,
  significance,
} from '../../domain/customers/in-store-alert';
import { defaultRegion } from '../../domain/customers/phone';
import type { CustomerProfile } from '../../domain/customers/profile';
import { identifierIndexSchema } from '../../domain/customers/records';
import type { Alert, Brand } from '../../domain/entities';
import { systemContext } from '../../domain/tenancy';
import { ValidationError } from '../../kernel/errors';
import type { Logger } from '../../kernel/logging/logger';
import type { Clock } from '../../ports/clock';
import type { DocumentDb } from '../../ports/document-db';
import type { EventBus, TopicMessage } from '../../ports/events';
import type { OperationalStore } from '../../ports/operational-store';
import type { Warehouse } from '../../ports/warehouse';
import { type BrandScope, queryRows } from '../../ports/warehouse-rows';
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

const eventRow = z.object({
  event_id: z.string(),
  type: z.string(),
  occurred_at: z.string(),
  day: z.string(),
  identifiers: z.string().nullable(),
  properties: z.string().nullable(),
});
const identifiersJson = z.array(z.object({ kind: z.string(), value: z.string() }));
const propertiesJson = z.record(z.string(), z.unknown());

const parseJson = <S extends z.ZodType>(schema: S, text: string | null): z.infer<S> | undefined => {
  if (!text) return undefined;
  try {
    const r = schema.safeParse(JSON.parse(text));
    return r.success ? r.data : undefined;
  } catch {
    return undefined;
  }
};
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

  async function profileOf(scope: BrandScope, raw: unknown, brand: Brand): Promise<CustomerProfile | null> {
    const parsed = identifiersJson.safeParse(raw);
    if (!parsed.success) return null;
    const { identifiers } = normaliseIdentifiers(
      parsed.data.flatMap((i) => (isLinkingKind(i.kind) ? [{ kind: i.kind, value: i.value }] : [])),
      defaultRegion(brand),
    );
    const found = new Map<string, CustomerProfile>();
    for (const id of identifiers) {
      const doc = await deps.db.get(docPath(scope, 'identifiers', identifierKey(id)));
      if (!doc) continue;
      for (const pid of identifierIndexSchema.parse(doc.data).profileIds) {
        const p = await c360.profile(scope, pid).catch(() => null);
        if (p) found.set(p.id, p);
      }
    }
    // Two people behind one visit's identifiers is for identity resolution to settle, not a guess.
    return found.size === 1 ? [...found.values()][0]! : null;
  }

  async function valueFacts(scope: BrandScope, segment: string, value365Minor: number) {
    const [row] = await queryRows(
      deps.warehouse,
      scope,
      z.object({ customers: z.coerce.number(), above: z.coerce.number().nullable() }),
      `SELECT COUNT(*) AS customers, SUM(CASE WHEN value_365_minor > @value THEN 1 ELSE 0 END) AS above
         FROM {{customer_predictions}} WHERE brand_id = @brand`,
      { value: value365Minor },
    );
    return { segment, value365Minor, customers: row?.customers ?? 0, above: row?.above ?? 0 };
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
    const rows = await queryRows(
      deps.warehouse,
      scope,
      eventRow,
      `SELECT event_id, type, occurred_at, CAST(day AS STRING) AS day, identifiers, properties FROM {{events}}
        WHERE brand_id = @brand AND event_id IN (SELECT * FROM UNNEST(@ids)) AND type IN (SELECT * FROM UNNEST(@types))
        ORDER BY occurred_at, event_id`,
      { ids: [...message.eventIds], types: [...IN_STORE_EVENT_TYPES] },
    );
    let raised = 0;
    for (const row of rows) {
      if (!isInStoreEvent(row.type) || !isFresh(row.occurred_at, deps.clock.now())) continue;
      const profile = await profileOf(scope, parseJson(z.unknown(), row.identifiers), brand);
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
      const props = parseJson(propertiesJson, row.properties) ?? {};
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

/** Only identifiers that name one person find the customer (a shared QR code or device does not). */
function isLinkingKind(kind: string): kind is IdentifierKind {
  return (IDENTIFIER_KINDS as readonly string[]).includes(kind) && isLinking(kind as IdentifierKind);
}
