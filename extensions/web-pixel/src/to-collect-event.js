/**
 * Maps one Shopify customer event (as `analytics.subscribe` delivers it,
 * https://shopify.dev/docs/api/web-pixels-api/standard-events) to Pulsepoint's collect schema
 * (shared/domain/customers/events.ts). Shopify's `data` is forwarded untouched: the server reads
 * it, so the pixel stays small and never needs a release when the server learns a new field.
 * `context.navigator.userAgent` goes along so the server can tell the device class (phone,
 * tablet, desktop, bot); the server keeps only that class, never the string.
 */
export function toCollectEvent(event) {
  const custom = event.type === 'custom';
  const name = String(event.name || '')
    .toLowerCase()
    .replace(/[^a-z0-9_.-]+/g, '_')
    .slice(0, 64);
  const href = event.context?.document?.location?.href ?? null;
  return {
    id: event.id,
    type: custom ? `custom:${name}` : event.name,
    occurredAt: event.timestamp,
    clientId: event.clientId || null,
    url: href,
    userAgent: event.context?.navigator?.userAgent ?? null,
    ...(custom ? { properties: event.customData || {} } : { data: event.data || {} }),
  };
}

/** Events that end a visit's most valuable step: sent at once instead of waiting for the batch. */
export const FLUSH_NOW = new Set(['checkout_completed', 'payment_info_submitted']);
