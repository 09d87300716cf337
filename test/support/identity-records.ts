import type { Identifier } from '../../shared/domain/customers/identifiers';
import type { IdentityRecord } from '../../shared/domain/customers/resolution';
import { seededRandom } from '../../shared/kernel/util/random';

/**
 * A generated brand's identity records, for tests and the benchmark: people who come back on
 * several devices, browse anonymously before giving an email, buy in store with only a phone and
 * later online with the same phone, share a family tablet, and a planted cluster of four profiles
 * that one support ticket ties together. Deterministic for a seed.
 */
export interface GeneratedBrand {
  records: IdentityRecord[];
  people: number;
  identifiers: number;
}

export function generateIdentityRecords(
  people: number,
  seed = 7,
  options: { start?: number; extraDevices?: number } = {},
): GeneratedBrand {
  const start = options.start ?? Date.UTC(2026, 0, 1);
  const extraDevices = options.extraDevices ?? 0;
  const random = seededRandom(seed);
  const pick = (n: number) => Math.floor(random() * n);
  const records: IdentityRecord[] = [];
  const distinct = new Set<string>();
  let t = 0;
  const at = () => {
    t += 1 + pick(60);
    return new Date(start + t * 1000).toISOString();
  };
  const push = (id: string, identifiers: Identifier[], source: string) => {
    for (const i of identifiers) distinct.add(`${i.kind}:${i.value}`);
    records.push({ id, at: at(), identifiers, source });
  };
  for (let p = 0; p < people; p++) {
    const email: Identifier = { kind: 'email', value: `person${p}@example.com` };
    const phone: Identifier = { kind: 'phone', value: `+1555${String(p).padStart(7, '0')}` };
    const devices: Identifier[] = [{ kind: 'shopify_client_id', value: `cid-${p}-a` }];
    if (p % 3 === 0) devices.push({ kind: 'device_id', value: `dev-${p}-b` });
    for (let d = 0; d < extraDevices; d++) devices.push({ kind: 'device_id', value: `dev-${p}-x${d}` });
    switch (p % 5) {
      case 0: // browses anonymously, then signs up, then buys on a second device
        push(`ev-${p}-1`, [devices[0]!], 'pixel');
        push(`ev-${p}-2`, [devices[0]!, email], 'pixel');
        push(`ev-${p}-3`, [...devices.slice(1), email, phone], 'shopify');
        break;
      case 1: // phone-only buyer at the till, later online with the same phone
        push(`ev-${p}-1`, [phone, { kind: 'card_last4', value: String(1000 + (p % 9000)) }], 'pos');
        push(`ev-${p}-2`, [phone, email, ...devices], 'shopify');
        break;
      case 2: // two separate profiles (email, then phone) joined later by a loyalty sign-up
        push(`ev-${p}-1`, [email, ...devices], 'pixel');
        push(`ev-${p}-2`, [phone], 'messaging');
        push(`ev-${p}-3`, [email, phone, { kind: 'loyalty_id', value: `L${p}` }], 'pos');
        break;
      default:
        push(`ev-${p}-1`, [email, ...devices], 'shopify');
        if (p % 2 === 0) push(`ev-${p}-2`, [{ kind: 'whatsapp', value: phone.value }, email], 'messaging');
    }
  }
  // A family tablet seen with two different people: never a merge on its own.
  if (people >= 10) {
    const tablet: Identifier = { kind: 'device_id', value: 'family-tablet' };
    push('ev-tablet-1', [tablet, { kind: 'email', value: 'person3@example.com' }], 'pixel');
    push('ev-tablet-2', [tablet, { kind: 'email', value: 'person4@example.com' }], 'pixel');
  }
  return { records, people, identifiers: distinct.size };
}

/** The planted cluster of four: four separate profiles, then one record naming all of them. */
export function plantedClusterOfFour(start = Date.UTC(2026, 5, 1)): IdentityRecord[] {
  const emails = ['ana@example.com', 'ana.w@example.com', 'ana.work@example.com', 'a.wong@example.com'];
  const at = (n: number) => new Date(start + n * 60_000).toISOString();
  return [
    ...emails.map((value, n) => ({
      id: `four-${n}`,
      at: at(n),
      identifiers: [{ kind: 'email' as const, value }],
      source: 'shopify',
    })),
    {
      id: 'four-ticket',
      at: at(10),
      identifiers: emails.map((value) => ({ kind: 'email' as const, value })),
      source: 'messaging',
    },
  ];
}

/** An `events` warehouse row as the customers contract defines it (identifiers and person as received). */
export function anEventRow(
  brandId: string,
  eventId: string,
  occurredAt: string,
  over: {
    type?: string;
    source?: string;
    identifiers?: Array<{ kind: string; value: string }>;
    person?: Record<string, string | null> | null;
    clientId?: string | null;
    productId?: string | null;
    valueMinor?: number | null;
    properties?: Record<string, unknown>;
  } = {},
) {
  return {
    brand_id: brandId,
    event_id: eventId,
    type: over.type ?? 'page_viewed',
    source: over.source ?? 'pixel',
    occurred_at: occurredAt,
    received_at: occurredAt,
    day: occurredAt.slice(0, 10),
    client_id: over.clientId ?? null,
    identifiers: JSON.stringify(over.identifiers ?? []),
    person: over.person ? JSON.stringify(over.person) : null,
    product_id: over.productId ?? null,
    variant_id: null,
    value_minor: over.valueMinor ?? null,
    currency: over.valueMinor ? 'USD' : null,
    url: null,
    properties: JSON.stringify(over.properties ?? {}),
  };
}
