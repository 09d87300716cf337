import { z } from 'zod';
import { systemContext } from '../domain/tenancy';
import type { Warehouse } from '../ports/warehouse';
import { type BrandScope, queryRows } from '../ports/warehouse-rows';
import type { AutomationService } from './automations';

const eventRow = z.object({
  event_id: z.string(),
  type: z.string(),
  occurred_at: z.string(),
  identifiers: z.string().nullable(),
  person: z.string().nullable(),
});
const identifiersSchema = z.array(z.object({ kind: z.string(), value: z.string() }));
const personSchema = z.object({ first_name: z.string().nullish() }).passthrough();
const customerRow = z.object({ customer_id: z.string(), email: z.string() });

const parse = <S extends z.ZodType>(schema: S, text: string | null): z.infer<S> | undefined => {
  if (!text) return undefined;
  try {
    const r = schema.safeParse(JSON.parse(text));
    return r.success ? r.data : undefined;
  } catch {
    return undefined;
  }
};

/**
 * `customer.events` → automations: each new event whose type an active automation is triggered by
 * starts a run for the person it names, with the event id as the run's occurrence (a redelivered
 * message names the same events, so the step task and the ledger keep it to one run). The
 * customer is the store's customer with that email (so "exit on order" can see their orders), or
 * the address itself for someone who never ordered. An event without an email or phone reaches
 * nobody and is skipped.
 */
export function createEngagementTriggers(deps: {
  warehouse: Pick<Warehouse, 'query'>;
  automations: Pick<AutomationService, 'list' | 'trigger'>;
  timeZoneOf: (scope: BrandScope) => Promise<string>;
}) {
  return async function onCustomerEvents(m: {
    tenantId: string;
    brandId: string;
    eventIds: readonly string[];
  }) {
    const scope: BrandScope = { ctx: systemContext(m.tenantId, 'engagement-triggers'), brandId: m.brandId };
    const active = (await deps.automations.list(scope)).filter((a) => a.status === 'active');
    const types = new Set(active.map((a) => a.triggerEvent));
    if (types.size === 0) return { triggered: 0 };
    const rows = (
      await queryRows(
        deps.warehouse,
        scope,
        eventRow,
        `SELECT event_id, type, CAST(occurred_at AS STRING) AS occurred_at, identifiers, person FROM {{events}}
         WHERE brand_id = @brand AND event_id IN (SELECT * FROM UNNEST(@ids))`,
        { ids: [...m.eventIds] },
      )
    ).filter((r) => types.has(r.type));
    if (rows.length === 0) return { triggered: 0 };
    const contacts = rows.map((r) => {
      const ids = parse(identifiersSchema, r.identifiers) ?? [];
      const email =
        ids
          .find((i) => i.kind === 'email')
          ?.value.trim()
          .toLowerCase() ?? null;
      const phone = ids.find((i) => i.kind === 'phone')?.value ?? null;
      return { row: r, email, phone, firstName: parse(personSchema, r.person)?.first_name ?? null };
    });
    const emails = [...new Set(contacts.flatMap((c) => (c.email ? [c.email] : [])))];
    const customerOf = new Map<string, string>();
    if (emails.length > 0)
      for (const c of await queryRows(
        deps.warehouse,
        scope,
        customerRow,
        `SELECT MAX(customer_id) AS customer_id, LOWER(email) AS email FROM {{orders}}
         WHERE brand_id = @brand AND customer_id IS NOT NULL AND LOWER(email) IN (SELECT * FROM UNNEST(@emails))
         GROUP BY LOWER(email)`,
        { emails },
      ))
        customerOf.set(c.email, c.customer_id);
    const timeZone = await deps.timeZoneOf(scope);
    let triggered = 0;
    for (const c of contacts) {
      if (!c.email && !c.phone) continue;
      const started = await deps.automations.trigger(scope, {
        type: c.row.type,
        occurrence: c.row.event_id,
        at: new Date(c.row.occurred_at.replace(' ', 'T').replace(/(\+00(:00)?)?$/, 'Z')).toISOString(),
        customer: {
          customerId: (c.email && customerOf.get(c.email)) || `contact:${c.email ?? c.phone}`,
          timeZone,
          addresses: { email: c.email, sms: c.phone },
          values: { first_name: c.firstName },
        },
      });
      if (started) triggered++;
    }
    return { triggered };
  };
}
