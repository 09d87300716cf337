import type { CollectEvent } from '../../../shared/domain/customers/events';
import { KATHERINE, type PlantedRecord, PRIYA, SAM } from '../planted-people';
import type { GeneratedStore } from '../shopify/generate';
import { STORE } from '../world';
import { type PixelEvent, pixelVariant, purchaseSession, session } from './shopper';

/** The planted people's storefront visits (PRIYA on three devices, SAM online, KATHERINE's checkout). */
export function plantedPixelEvents(store: GeneratedStore): PixelEvent[] {
  const nowMs = Date.parse(store.now);
  const at = (daysAgo: number) => nowMs - daysAgo * 86_400_000;
  const pick = (i: number) => store.variants[i % store.variants.length]!;
  const out: PixelEvent[] = [];
  PRIYA.purchases.forEach(([daysAgo, device, total], i) => {
    const clientId = PRIYA.devices[device]!;
    // An anonymous visit on the device a few days before buying on it.
    const s = session(clientId, `pp-demo-priya-browse-${i}`, at(daysAgo + 3));
    s.add('page_viewed', '/', {});
    s.add('product_viewed', `/products/${pick(i).sku.toLowerCase()}`, {
      productVariant: pixelVariant(pick(i)),
    });
    out.push(...s.events);
    out.push(
      ...purchaseSession(
        clientId,
        `pp-demo-priya-${i}`,
        at(daysAgo),
        [{ variant: pick(i), quantity: 1 }],
        total,
        `99000${i}`,
        {
          email: PRIYA.email,
          firstName: PRIYA.person.first_name,
          lastName: PRIYA.person.last_name,
          address1: PRIYA.person.address1,
          city: PRIYA.person.city,
          zip: PRIYA.person.postcode,
          countryCode: PRIYA.person.country,
        },
      ),
    );
  });
  out.push(
    ...purchaseSession(
      SAM.online.clientId,
      'pp-demo-sam-online',
      at(SAM.online.daysAgo),
      [{ variant: pick(7), quantity: 2 }],
      SAM.online.totalMinor,
      '990100',
      {
        email: SAM.email,
        phone: SAM.onlinePhone,
        firstName: SAM.person.first_name,
        lastName: SAM.person.last_name,
        address1: SAM.person.address1,
        city: SAM.person.city,
        zip: SAM.person.postcode,
        countryCode: SAM.person.country,
      },
    ),
  );
  const k = KATHERINE.records.find((r) => r.source === 'pixel')!;
  const kEvents = purchaseSession(
    k.clientId!,
    k.eventId,
    at(k.daysAgo),
    [{ variant: pick(11), quantity: 1 }],
    k.valueMinor!,
    '990200',
    {
      email: k.email!,
      firstName: k.person.first_name,
      lastName: k.person.last_name,
      address1: k.person.address1 ?? '',
      city: k.person.city ?? '',
      zip: k.person.postcode ?? '',
      countryCode: k.person.country ?? 'US',
    },
  );
  kEvents[kEvents.length - 1]!.id = k.eventId;
  out.push(...kEvents);
  return out;
}

/** The planted people's offline records (till, messaging, the merchant's own system), as events. */
export function plantedOfflineEvents(
  store: GeneratedStore,
): Array<{ source: 'pos' | 'messaging' | 'api'; event: CollectEvent }> {
  const nowMs = Date.parse(store.now);
  const iso = (daysAgo: number) => new Date(nowMs - daysAgo * 86_400_000).toISOString();
  const sam = {
    source: 'pos' as const,
    event: {
      id: `pos:${SAM.posReceipt.locationId}:${SAM.posReceipt.receiptId}`,
      type: 'pos_purchase',
      occurredAt: iso(SAM.posReceipt.daysAgo),
      identifiers: [{ kind: 'phone' as const, value: SAM.posPhone }],
      value: { amountMinor: SAM.posReceipt.totalMinor, currency: STORE.currency },
      data: { receipt_id: SAM.posReceipt.receiptId, location_id: SAM.posReceipt.locationId },
    },
  };
  const katherine = KATHERINE.records
    .filter((r): r is PlantedRecord & { source: 'pos' | 'messaging' | 'api' } => r.source !== 'pixel')
    .map((r) => ({
      source: r.source,
      event: {
        id: r.eventId,
        type: r.type,
        occurredAt: iso(r.daysAgo),
        identifiers: [
          ...(r.email ? [{ kind: 'email' as const, value: r.email }] : []),
          ...(r.phone ? [{ kind: 'phone' as const, value: r.phone }] : []),
          ...(r.whatsapp ? [{ kind: 'whatsapp' as const, value: r.whatsapp }] : []),
          ...(r.loyaltyId ? [{ kind: 'loyalty_id' as const, value: r.loyaltyId }] : []),
        ],
        person: r.person,
        ...(r.valueMinor ? { value: { amountMinor: r.valueMinor, currency: STORE.currency } } : {}),
        data:
          r.type === 'pos_purchase'
            ? { receipt_id: r.eventId, location_id: 'pearl-district' }
            : r.type === 'message_received'
              ? { channel: 'whatsapp', message_id: `wamid.${r.eventId}` }
              : {},
        ...(r.type.startsWith('custom:') ? { properties: { list: 'newsletter' } } : {}),
      },
    }));
  return [sam, ...katherine];
}
