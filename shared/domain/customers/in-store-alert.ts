import type { AlertDraft } from '../alerts/types';
import { declareEvidence, type EvidenceDeclaration } from '../evidence';
import { createFormat } from '../format';
import { share } from '../phrasing';
import type { ProductIntent } from './intent';
import { SEGMENT_LABELS, type Segment } from './segments/rfm';

/**
 * Who is worth telling the store's staff about when they walk in (docs/decisions/932): a
 * high-value customer, or one with open product intent. Pure: the job brings the numbers.
 */

/** The own events that mean "this person is at the store now". */
export const IN_STORE_EVENT_TYPES = ['store_visit', 'qr_scan'] as const;
export type InStoreEventType = (typeof IN_STORE_EVENT_TYPES)[number];
export const isInStoreEvent = (type: string): type is InStoreEventType =>
  (IN_STORE_EVENT_TYPES as readonly string[]).includes(type);

/** RFM segments that are high value by themselves: recent, frequent and big spenders. */
export const HIGH_VALUE_SEGMENTS: readonly Segment[] = ['champions', 'loyal'];
/** Or: fewer than this share of the brand's customers have a higher predicted 365-day value. */
export const TOP_VALUE_SHARE = 0.1;
/**
 * Product intent (0–100, decayed, expired by a purchase) at which it counts as open: an
 * add-to-cart in the last two days (49 the same day, 42 two days on) or four views of the product
 * today; three views (39) is still browsing.
 */
export const OPEN_INTENT_SCORE = 40;
/**
 * Whose word a visit is taken on. The public `collect` endpoint's write key is in the storefront's
 * JavaScript, so anyone can send a store visit "from" any email through it; a visit counts only
 * from the authenticated senders (the ingestion API, POS imports, messaging, platform webhooks).
 * A storefront QR landing page knows the visitor by a client id, which names nobody anyway.
 */
export const isTrustedInStoreSource = (source: string): boolean => source !== 'pixel';

/**
 * Staff can greet someone only while they are there: a visit that reaches us later than this
 * (a POS history import, a batch replayed after an outage) is history, not an alert.
 */
export const MAX_EVENT_AGE_MS = 60 * 60_000;
export const isFresh = (occurredAt: string, now: Date): boolean =>
  now.getTime() - Date.parse(occurredAt) <= MAX_EVENT_AGE_MS;
/** How many products the alert names. */
/** What an in-store alert's evidence measures (shared/domain/evidence.ts); ids are for the audit trail. */
export const IN_STORE_EVIDENCE = {
  customer: { unit: 'text', label: 'Customer in store' },
  profile_id: { unit: 'internal', label: 'Customer profile (id)' },
  event_id: { unit: 'internal', label: 'Visit event (id)' },
  event_type: { unit: 'text', label: 'How the visit was recorded' },
  location: { unit: 'text', label: 'Store visited' },
  day: { unit: 'date', label: 'Day of the visit' },
  segment: { unit: 'text', label: 'Customer segment' },
  value_365_minor: { unit: 'money-minor', label: 'Predicted value, next 365 days' },
  currency: { unit: 'currency', label: 'Currency of the value' },
  customers_above: { unit: 'count', label: 'Customers predicted to be worth more' },
  customers: { unit: 'count', label: 'Customers with a prediction' },
  products: { unit: 'text', label: 'Products looked at recently' },
  intent_scores: { unit: 'text', label: 'Interest scores (out of 100)' },
} as const satisfies EvidenceDeclaration;

const NAMED_PRODUCTS = 3;

export interface CustomerValueFacts {
  segment: string | null;
  value365Minor: number | null;
  /** Customers of the brand with a strictly higher predicted 365-day value, and how many in all. */
  above: number;
  customers: number;
}

export type Significance =
  | {
      significant: true;
      highValue: { bySegment: boolean; byValue: boolean } | null;
      /** Open intents, strongest first, at most NAMED_PRODUCTS. */
      intents: ProductIntent[];
    }
  | { significant: false; reason: 'not_high_value_and_no_open_intent' };

/** Whether the predicted value is in the brand's top decile; a zero value never is. */
export function inTopValueShare(v: CustomerValueFacts): boolean {
  if (v.value365Minor === null || v.value365Minor <= 0 || v.customers <= 0) return false;
  return v.above / v.customers < TOP_VALUE_SHARE;
}

export function significance(
  value: CustomerValueFacts | null,
  intents: readonly ProductIntent[],
): Significance {
  const bySegment = value?.segment ? HIGH_VALUE_SEGMENTS.includes(value.segment as Segment) : false;
  const byValue = value ? inTopValueShare(value) : false;
  const open = intents
    .filter((p) => p.score >= OPEN_INTENT_SCORE)
    .sort((a, b) => b.score - a.score || a.productId.localeCompare(b.productId))
    .slice(0, NAMED_PRODUCTS);
  if (!bySegment && !byValue && open.length === 0)
    return { significant: false, reason: 'not_high_value_and_no_open_intent' };
  return {
    significant: true,
    highValue: bySegment || byValue ? { bySegment, byValue } : null,
    intents: open,
  };
}

export interface InStoreAlertInput {
  brandId: string;
  currency: string;
  timeZone: string;
  profileId: string;
  /** The customer as staff know them: their name, else their email or phone. */
  customerName: string;
  event: {
    id: string;
    type: InStoreEventType;
    day: string;
    location: string | null;
    placement: string | null;
  };
  value: CustomerValueFacts | null;
  significance: Extract<Significance, { significant: true }>;
  /** Product id → its title in the catalog. */
  productTitles: ReadonlyMap<string, string>;
}

/** One alert per customer, location and brand-local day, whatever the number of events. */
export const inStoreDedupeKey = (profileId: string, location: string | null, day: string) =>
  `customer_in_store:${profileId}:${location ?? '-'}:${day}`;

function valuePhrase(input: InStoreAlertInput, money: (minor: number) => string): string | null {
  const { value, significance: s } = input;
  if (!s.highValue || !value) return null;
  const parts: string[] = [];
  if (s.highValue.bySegment && value.segment)
    parts.push(`a ${SEGMENT_LABELS[value.segment as Segment] ?? value.segment} customer`);
  if (value.value365Minor !== null && value.value365Minor > 0) {
    const top = s.highValue.byValue ? ` (top ${share(TOP_VALUE_SHARE)} of customers)` : '';
    parts.push(`predicted to spend ${money(value.value365Minor)} in the next 365 days${top}`);
  }
  return parts.length > 0 ? parts.join(', ') : null;
}

export function inStoreAlert(input: InStoreAlertInput): AlertDraft {
  const fmt = createFormat({ locale: 'en-US', currency: input.currency, timeZone: input.timeZone });
  const { event, customerName: name } = input;
  const at = event.location ? ` at ${event.location}` : '';
  const title =
    event.type === 'store_visit'
      ? `${name} is in the store${at}`
      : `${name} scanned a QR code${event.placement ? ` (${event.placement})` : ''}${at}`;
  const products = input.significance.intents.map((p) => ({
    ...p,
    title: input.productTitles.get(p.productId) ?? 'a product no longer in the catalog',
  }));
  const why = valuePhrase(input, fmt.money);
  const lookedAt =
    products.length > 0
      ? `Recently looked at ${products.map((p) => `${p.title} (intent ${p.score}/100)`).join(', ')}.`
      : null;
  const explanation = [why ? `${name} is ${why}.` : null, lookedAt].filter(Boolean).join(' ');
  const show = products.map((p) => p.title).join(', ');
  return {
    brandId: input.brandId,
    dedupeKey: inStoreDedupeKey(input.profileId, event.location, event.day),
    type: 'customer_in_store',
    severity: 'info',
    title,
    explanation,
    recommendedAction: show
      ? `Greet ${name} by name and have ${show} ready to show.`
      : `Greet ${name} by name and offer a personal welcome.`,
    ...declareEvidence(IN_STORE_EVIDENCE, {
      customer: name,
      profile_id: input.profileId,
      event_id: event.id,
      // In words, as the merchant reads them (the audit trail has the event itself).
      event_type: event.type === 'store_visit' ? 'Store visit' : 'QR scan',
      location: event.location,
      day: event.day,
      segment: input.value?.segment
        ? (SEGMENT_LABELS[input.value.segment as Segment] ?? input.value.segment)
        : null,
      value_365_minor: input.value?.value365Minor ?? null,
      currency: input.currency,
      customers_above: input.value?.above ?? null,
      customers: input.value?.customers ?? null,
      products: products.map((p) => p.title).join(', ') || null,
      intent_scores: products.map((p) => p.score).join(', ') || null,
    }),
  };
}
