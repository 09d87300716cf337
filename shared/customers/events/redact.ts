import type { Identifier } from '../../domain/customers/events';
import type { Warehouse } from '../../ports/warehouse';
import type { BrandScope } from '../../ports/warehouse-rows';
import { type StoredEvent, storedEventSchema } from './rows';

/**
 * Finding, exporting and erasing one customer's events (customers/data_request, customers/redact).
 * Identifiers are stored as received, so matching is tolerant of how they were typed: emails
 * ignore case and spaces, phone and WhatsApp numbers compare their digits (a national number
 * matches its international form: 07700 900123 ↔ +44 7700 900123), Shopify customer ids compare
 * their numeric id (gid or legacy). Anonymous events from a device the customer used (the same
 * pixel clientId or device id as one of their identified events) are theirs too.
 */
export interface EventRedactionDeps {
  warehouse: Warehouse;
}

const DEVICE_KINDS = new Set(['shopify_client_id', 'device_id']);
const PHONE_KINDS = new Set(['phone', 'whatsapp']);

const digits = (v: string) => v.replace(/\D/g, '').replace(/^0+/, '');
const numericTail = (v: string) => /(\d+)\s*$/.exec(v)?.[1] ?? v.trim();

/** Whether a stored identifier is the same as one we were asked about. */
export function sameIdentifier(stored: Identifier, wanted: Identifier): boolean {
  if (PHONE_KINDS.has(stored.kind) && PHONE_KINDS.has(wanted.kind)) {
    const a = digits(stored.value);
    const b = digits(wanted.value);
    return a === b || (Math.min(a.length, b.length) >= 8 && (a.endsWith(b) || b.endsWith(a)));
  }
  if (stored.kind !== wanted.kind) return false;
  if (stored.kind === 'email') return stored.value.trim().toLowerCase() === wanted.value.trim().toLowerCase();
  if (stored.kind === 'shopify_customer_id' || stored.kind === 'woocommerce_customer_id')
    return numericTail(stored.value) === numericTail(wanted.value);
  return stored.value.trim() === wanted.value.trim();
}

export function createEventRedaction(deps: EventRedactionDeps) {
  /** Every event of the brand that belongs to the customer the identifiers name. */
  async function findCustomerEvents(
    scope: BrandScope,
    identifiers: readonly Identifier[],
  ): Promise<StoredEvent[]> {
    if (identifiers.length === 0) return [];
    // Identifiers are raw JSON text that SQL cannot compare tolerantly: read the brand's
    // identifier columns (redaction is rare; this is one column scan) and match here.
    const index = await deps.warehouse.query<{
      event_id: string;
      client_id: string | null;
      identifiers: string;
    }>(scope.ctx, 'SELECT event_id, client_id, identifiers FROM {{events}} WHERE brand_id = @brand', {
      brand: scope.brandId,
    });
    const parsed = index.map((r) => ({
      id: r.event_id,
      clientId: r.client_id,
      identifiers: JSON.parse(r.identifiers) as Identifier[],
    }));
    const matched = new Set(
      parsed
        .filter((e) => e.identifiers.some((s) => identifiers.some((w) => sameIdentifier(s, w))))
        .map((e) => e.id),
    );
    const devices = new Set<string>();
    for (const e of parsed)
      if (matched.has(e.id)) {
        if (e.clientId) devices.add(e.clientId);
        for (const i of e.identifiers) if (DEVICE_KINDS.has(i.kind)) devices.add(i.value);
      }
    for (const e of parsed)
      if (
        (e.clientId && devices.has(e.clientId)) ||
        e.identifiers.some((i) => DEVICE_KINDS.has(i.kind) && devices.has(i.value))
      )
        matched.add(e.id);
    if (matched.size === 0) return [];
    const rows = await deps.warehouse.query(
      scope.ctx,
      'SELECT * FROM {{events}} WHERE brand_id = @brand AND event_id IN (SELECT * FROM UNNEST(@ids)) ORDER BY occurred_at, event_id',
      { brand: scope.brandId, ids: [...matched] },
    );
    return rows.map((r) => storedEventSchema.parse(r));
  }

  /**
   * Erases the customer's events: the rows are deleted outright (an event is personal data
   * through and through: who browsed what, when). Returns how many went.
   */
  async function redactCustomerEvents(
    scope: BrandScope,
    identifiers: readonly Identifier[],
  ): Promise<number> {
    const events = await findCustomerEvents(scope, identifiers);
    if (events.length === 0) return 0;
    await deps.warehouse.replaceKeys(
      scope.ctx,
      'events',
      { brandId: scope.brandId, keyColumn: 'event_id', keys: events.map((e) => e.event_id) },
      [],
    );
    return events.length;
  }

  /** shop/redact: every event of the brand. */
  function redactBrandEvents(scope: BrandScope): Promise<number> {
    return deps.warehouse.deleteWhere(scope.ctx, 'events', scope.brandId, {});
  }

  return { findCustomerEvents, redactCustomerEvents, redactBrandEvents };
}
export type EventRedaction = ReturnType<typeof createEventRedaction>;

/** The contract's entry point for identity resolution's profile redaction. */
export function redactCustomerEvents(
  deps: EventRedactionDeps,
  scope: BrandScope,
  identifiers: readonly Identifier[],
): Promise<number> {
  return createEventRedaction(deps).redactCustomerEvents(scope, identifiers);
}
