import { toCollectEvent } from '../../../extensions/web-pixel/src/to-collect-event.js';
import { createEventIngestion } from '../../../shared/customers/events/ingest';
import { generateWriteKey } from '../../../shared/customers/events/write-keys';
import { systemContext } from '../../../shared/domain/tenancy';
import type { Clock, Ids } from '../../../shared/ports/clock';
import type { EventBus } from '../../../shared/ports/events';
import type { OperationalStore } from '../../../shared/ports/operational-store';
import type { Warehouse } from '../../../shared/ports/warehouse';
import type { GeneratedStore } from '../shopify/generate';
import { STORE } from '../world';
import { demoPixelEvents, plantedOfflineEvents } from './sessions';

const DEMO_TENANT = 'demo';
const DEMO_BRAND = 'demo-brand';
const BATCH = 500;
/** Days of storefront browsing the demo replays (the store's orders of those days, and the planted people). */
export const DEMO_PIXEL_DAYS = 10;

/** The demo brand's write key: the first one not revoked, or a new one. */
async function demoWriteKey(deps: { store: OperationalStore; clock: Clock; ids: Ids }): Promise<string> {
  const ctx = systemContext(DEMO_TENANT, 'demo-pixel');
  const existing = (await deps.store.writeKeys.list(ctx, DEMO_BRAND)).find((k) => !k.revokedAt);
  if (existing) return existing.key;
  const key = generateWriteKey();
  await deps.store.writeKeys.create(ctx, {
    id: deps.ids.next(),
    brandId: DEMO_BRAND,
    name: 'demo storefront pixel',
    key,
    allowedOrigins: [],
    requestsPerMinute: 60_000,
    createdBy: 'system:demo',
    createdAt: deps.clock.now().toISOString(),
  });
  return key;
}

/**
 * Replays the demo store's browsing through the real path: the pixel's mapping, `POST /collect`
 * from the shop's origin under the brand's write key; the planted offline records (till,
 * WhatsApp, the merchant's own system) through the ingestion service, as the POS import and the
 * ingestion route do. Event ids are stable, so running it again at the next start changes nothing.
 */
export async function playDemoCustomerEvents(
  deps: {
    store: OperationalStore;
    warehouse: Warehouse;
    bus: EventBus;
    clock: Clock;
    ids: Ids;
    fetch: typeof fetch;
  },
  collectUrl: string,
  store: GeneratedStore,
  /** Aborted when the runtime closes: the replay stops between batches instead of holding it open. */
  signal?: AbortSignal,
): Promise<{ posted: number; stored: number; offline: number }> {
  const writeKey = await demoWriteKey(deps);
  const events = demoPixelEvents(store, DEMO_PIXEL_DAYS).map(toCollectEvent);
  let stored = 0;
  for (let i = 0; i < events.length; i += BATCH) {
    if (signal?.aborted) return { posted: i, stored, offline: 0 };
    const res = await deps.fetch(collectUrl, {
      method: 'POST',
      headers: { 'content-type': 'text/plain;charset=UTF-8', origin: `https://${STORE.shopDomain}` },
      body: JSON.stringify({ writeKey, events: events.slice(i, i + BATCH) }),
    });
    if (res.status !== 200)
      throw new Error(`demo pixel: collect answered ${res.status}: ${await res.text()}`);
    const body = (await res.json()) as { accepted: Array<{ status: string }>; rejected: unknown[] };
    if (body.rejected.length)
      throw new Error(`demo pixel: collect rejected ${JSON.stringify(body.rejected[0])}`);
    stored += body.accepted.filter((a) => a.status === 'stored').length;
  }
  const ingestion = createEventIngestion(deps);
  const target = {
    ctx: systemContext(DEMO_TENANT, 'demo-pixel'),
    brandId: DEMO_BRAND,
    timeZone: STORE.timezone,
  };
  let offline = 0;
  for (const { source, event } of plantedOfflineEvents(store)) {
    if (signal?.aborted) break;
    const r = await ingestion.ingest(target, [event], source);
    if (r.rejected.length) throw new Error(`demo offline event ${event.id}: ${r.rejected[0]!.message}`);
    offline += r.accepted.filter((a) => a.status === 'stored').length;
  }
  return { posted: events.length, stored, offline };
}
