import { z } from 'zod';
import type { CollectEvent, Identifier } from '../../domain/customers/events';

/**
 * Shopify `customers/create` and `customers/update` webhooks as events. Payload: the REST
 * Customer resource, https://shopify.dev/docs/api/webhooks?reference=toml (topics
 * customers/create, customers/update; example payload) and
 * https://shopify.dev/docs/api/admin-rest/latest/resources/customer (properties). Timestamps
 * carry an offset; `id` is the legacy numeric id, `admin_graphql_api_id` the gid.
 */
const addressSchema = z
  .object({
    first_name: z.string().nullish(),
    last_name: z.string().nullish(),
    address1: z.string().nullish(),
    city: z.string().nullish(),
    zip: z.string().nullish(),
    country_code: z.string().nullish(),
    phone: z.string().nullish(),
  })
  .passthrough();
export const shopifyCustomerPayloadSchema = z
  .object({
    // Ids can exceed 2^53 (the documented example's does), so JSON.parse rounds `id`;
    // admin_graphql_api_id is a string and exact, and is preferred.
    id: z.union([z.number().refine(Number.isInteger, 'an integer id'), z.string().regex(/^\d+$/)]),
    admin_graphql_api_id: z
      .string()
      .regex(/^gid:\/\/shopify\/Customer\/\d+$/)
      .nullish(),
    email: z.string().nullish(),
    phone: z.string().nullish(),
    first_name: z.string().nullish(),
    last_name: z.string().nullish(),
    created_at: z.string(),
    updated_at: z.string(),
    default_address: addressSchema.nullish(),
  })
  .passthrough();

export function shopifyCustomerEvent(
  topic: 'customers/create' | 'customers/update',
  payload: unknown,
): CollectEvent {
  const c = shopifyCustomerPayloadSchema.parse(payload);
  const gid =
    c.admin_graphql_api_id ??
    `gid://shopify/Customer/${typeof c.id === 'number' ? BigInt(c.id).toString() : c.id}`;
  const legacyId = gid.slice(gid.lastIndexOf('/') + 1);
  const a = c.default_address;
  const identifiers: Identifier[] = [
    { kind: 'shopify_customer_id', value: gid },
    ...(c.email ? [{ kind: 'email' as const, value: c.email }] : []),
    ...(c.phone ? [{ kind: 'phone' as const, value: c.phone }] : []),
    ...(a?.phone && a.phone !== c.phone ? [{ kind: 'phone' as const, value: a.phone }] : []),
  ];
  const at = topic === 'customers/create' ? c.created_at : c.updated_at;
  return {
    // One event per version of the customer: a redelivery (same updated_at) dedupes.
    id: `shopify:customer:${legacyId}:${at}`,
    type: 'customer_updated',
    occurredAt: at,
    identifiers,
    person: {
      first_name: c.first_name ?? a?.first_name ?? null,
      last_name: c.last_name ?? a?.last_name ?? null,
      address1: a?.address1 ?? null,
      city: a?.city ?? null,
      postcode: a?.zip ?? null,
      country: a?.country_code ?? null,
    },
    data: { customer_id: gid },
    properties: { topic },
  };
}
