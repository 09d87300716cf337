import { sameIdentifier } from '../customers/events/redact';
import type { Identifier } from '../domain/customers/identifiers';
import type { ChannelKind } from '../domain/engagement/channel';
import {
  type Consent,
  consentSchema,
  type Suppression,
  suppressionSchema,
} from '../domain/engagement/consent';
import type { Clock } from '../ports/clock';
import type { DocumentDb, StoredDoc } from '../ports/document-db';
import type { BrandScope } from '../ports/warehouse-rows';
import { campaignRunSchema } from './campaign-runs';
import { type ErasedAddress, erasedAddressId } from './consent';
import {
  collectionPath,
  docPath,
  ENGAGEMENT_COLLECTIONS,
  type EngagementCollection,
  sendIdFor,
} from './paths';
import { providerLinkSchema, type SendRecord, sendRecordSchema } from './send-record';

/**
 * The engagement data held about one person, for customers/data_request and customers/redact
 * (decision 1019). Consent, suppressions and the frequency-cap memory are keyed by address; the
 * send ledger by the customer id the audience or trigger used (a Shopify gid, `email:<address>`,
 * `contact:<email or phone>`) and holds the address it went to. Addresses were stored as
 * received (an SMS trigger may have kept a national number), so documents are matched the way
 * event redaction matches identifiers (`sameIdentifier`): a scan of the brand's engagement
 * collections, which erasure requests are rare enough to afford.
 */
const PHONE_CHANNELS = new Set<ChannelKind>(['sms', 'whatsapp']);

function addressOf(channel: ChannelKind, address: string): Identifier {
  return PHONE_CHANNELS.has(channel) ? { kind: 'phone', value: address } : { kind: 'email', value: address };
}

const matchesAny = (stored: Identifier, wanted: readonly Identifier[]) =>
  wanted.some((w) => sameIdentifier(stored, w));

/** Whether an engagement customer id names the person these identifiers belong to. */
function ownsCustomerId(customerId: string, wanted: readonly Identifier[]): boolean {
  const at = customerId.indexOf(':');
  const prefix = customerId.slice(0, at);
  const rest = customerId.slice(at + 1);
  if (customerId.startsWith('gid://shopify/Customer/'))
    return matchesAny({ kind: 'shopify_customer_id', value: customerId }, wanted);
  if (prefix === 'email') return matchesAny({ kind: 'email', value: rest }, wanted);
  if (prefix === 'contact')
    return matchesAny(
      rest.includes('@') ? { kind: 'email', value: rest } : { kind: 'phone', value: rest },
      wanted,
    );
  return false;
}

const isSubjectSend = (send: SendRecord, wanted: readonly Identifier[]) =>
  ownsCustomerId(send.customerId, wanted) ||
  (send.to !== null && matchesAny(addressOf(send.channel, send.to), wanted));

/** `recentSends` ids are `channel:address`; so are consent's and suppressions'. */
function addressKeyMatches(id: string, wanted: readonly Identifier[]): boolean {
  const key = decodeURIComponent(id);
  const at = key.indexOf(':');
  const channel = key.slice(0, at) as ChannelKind;
  return at > 0 && matchesAny(addressOf(channel, key.slice(at + 1)), wanted);
}

async function all(db: DocumentDb, scope: BrandScope, name: EngagementCollection): Promise<StoredDoc[]> {
  return db.query(collectionPath(scope, name));
}

/** The subject's consent states, suppressions and send records (customers/data_request). */
export async function engagementDataAbout(
  db: DocumentDb,
  scope: BrandScope,
  identifiers: readonly Identifier[],
) {
  const consent = (await all(db, scope, 'consent'))
    .map((d) => consentSchema.parse(d.data))
    .filter((c) => matchesAny(addressOf(c.channel, c.address), identifiers));
  const suppressions = (await all(db, scope, 'suppressions'))
    .map((d) => suppressionSchema.parse(d.data))
    .filter((s) => matchesAny(addressOf(s.channel, s.address), identifiers));
  const sends = (await all(db, scope, 'sends'))
    .map((d) => sendRecordSchema.parse(d.data))
    .filter((s) => isSubjectSend(s, identifiers))
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  return { consent, suppressions, sends };
}
export type EngagementDataExport = Awaited<ReturnType<typeof engagementDataAbout>>;

/**
 * A send record kept for the campaign's or automation's totals, with nothing of the person: the
 * customer id becomes the erasure's pseudonym (the same one their orders now carry, so conversions
 * still count), and the address, subject, text (rendered with their name) and the provider's
 * message id (which finds the message, and its address, in Twilio's logs) are dropped. Its new id
 * hashes the pseudonym with the old one (itself a hash of the customer id): not linkable to the
 * person, and the same on a re-run, so nothing moves twice.
 */
export function anonymisedSend(send: SendRecord, pseudonym: string, at: string): SendRecord {
  return {
    ...send,
    // The old id too: two records of one step under two of the person's ids stay two.
    id: sendIdFor(send.source, `${pseudonym}#${send.id}`, send.step),
    customerId: pseudonym,
    to: null,
    subject: null,
    text: '',
    providerId: null,
    updatedAt: at,
  };
}

/**
 * A campaign run pages its audience by customer id after `after`, the last customer of its last
 * batch. When that is the subject, it becomes the id's kind alone (`gid://shopify/Customer/`,
 * `email:`), which sorts before every id of that kind: a resumed send walks those customers again
 * and the ledger sends none of them twice (its customer count may then count them twice).
 */
export const keysetFloor = (customerId: string) => customerId.replace(/[^:/]*$/, '');

/** Why an erased address stays blocked: an opt-out or a suppression the person had. */
function erasedReason(consent: Consent | undefined, suppression: Suppression | undefined) {
  if (suppression) return suppression.reason;
  return consent?.status === 'opted_out' ? ('opted_out' as const) : undefined;
}

export interface EngagementErasureDeps {
  db: DocumentDb;
  clock: Clock;
}

/**
 * customers/redact for engagement. Every write is one transaction per document it replaces, and
 * every step finds its work afresh, so a run that fails midway is finished by the next:
 * - consent and suppressions of the subject's addresses are deleted; an opt-out or suppression
 *   leaves an `engagementErasedSuppressions` document keyed by a keyed hash of the address
 *   (erasedAddressId), written in the same transaction, which the sender checks;
 * - send records are moved to their pseudonymised form (anonymisedSend);
 * - the provider-id links of those sends and the frequency-cap memory of the addresses go.
 */
export async function eraseEngagementData(
  deps: EngagementErasureDeps,
  scope: BrandScope,
  identifiers: readonly Identifier[],
  pseudonym: string,
) {
  const at = deps.clock.now().toISOString();
  const counts = {
    consent: 0,
    suppressions: 0,
    erasedSuppressions: 0,
    sends: 0,
    links: 0,
    recent: 0,
    runs: 0,
  };
  const addressDocs = new Map<string, { channel: ChannelKind; address: string }>();
  for (const d of await all(deps.db, scope, 'consent')) {
    const c = consentSchema.parse(d.data);
    if (matchesAny(addressOf(c.channel, c.address), identifiers)) addressDocs.set(d.id, c);
  }
  for (const d of await all(deps.db, scope, 'suppressions')) {
    const s = suppressionSchema.parse(d.data);
    if (matchesAny(addressOf(s.channel, s.address), identifiers)) addressDocs.set(d.id, s);
  }
  for (const [id, { channel, address }] of addressDocs) {
    const erased = await deps.db.runTransaction(async (tx) => {
      const consentDoc = await tx.get(docPath(scope, 'consent', decodeURIComponent(id)));
      const suppressionDoc = await tx.get(docPath(scope, 'suppressions', decodeURIComponent(id)));
      const consent = consentDoc ? consentSchema.parse(consentDoc.data) : undefined;
      const suppression = suppressionDoc ? suppressionSchema.parse(suppressionDoc.data) : undefined;
      const reason = erasedReason(consent, suppression);
      if (reason) {
        const hash = erasedAddressId(scope, channel, address);
        const doc: ErasedAddress = { channel, hash, reason, erasedAt: at };
        await tx.set(docPath(scope, 'erasedSuppressions', hash), doc);
      }
      if (consentDoc) await tx.delete(consentDoc.path);
      if (suppressionDoc) await tx.delete(suppressionDoc.path);
      return { consent: consentDoc ? 1 : 0, suppression: suppressionDoc ? 1 : 0, kept: reason ? 1 : 0 };
    });
    counts.consent += erased.consent;
    counts.suppressions += erased.suppression;
    counts.erasedSuppressions += erased.kept;
  }

  const sends = (await all(deps.db, scope, 'sends'))
    .map((d) => ({ path: d.path, send: sendRecordSchema.parse(d.data) }))
    // A record already anonymised carries the pseudonym and no address: it matches nothing.
    .filter(({ send }) => isSubjectSend(send, identifiers));
  const sendIds = new Set(sends.map(({ send }) => send.id));
  // Links first: a re-run after the sends moved would no longer know which links were theirs.
  for (const d of await all(deps.db, scope, 'providerIds')) {
    const link = providerLinkSchema.parse(d.data);
    if (link.sendId && sendIds.has(link.sendId)) {
      await deps.db.delete(d.path);
      counts.links++;
    }
  }
  for (const { path, send } of sends) {
    const next = anonymisedSend(send, pseudonym, at);
    await deps.db.runTransaction(async (tx) => {
      await tx.set(docPath(scope, 'sends', next.id), next);
      if (next.id !== send.id) await tx.delete(path);
    });
    counts.sends++;
  }
  for (const d of await all(deps.db, scope, 'recentSends'))
    if (addressKeyMatches(d.id, identifiers)) {
      await deps.db.delete(d.path);
      counts.recent++;
    }
  for (const d of await all(deps.db, scope, 'campaignRuns')) {
    const run = campaignRunSchema.parse(d.data);
    if (run.after !== null && ownsCustomerId(run.after, identifiers)) {
      await deps.db.set(d.path, { ...run, after: keysetFloor(run.after), updatedAt: at });
      counts.runs++;
    }
  }
  return counts;
}

/** shop/redact: every engagement document of the brand, campaigns and automations included. */
export async function eraseBrandEngagement(db: DocumentDb, scope: BrandScope): Promise<number> {
  let deleted = 0;
  for (const name of Object.keys(ENGAGEMENT_COLLECTIONS) as EngagementCollection[])
    for (const d of await all(db, scope, name)) {
      await db.delete(d.path);
      deleted++;
    }
  return deleted;
}
