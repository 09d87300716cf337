import { identifierKey, isLinking, parseIdentifierKey } from '../../domain/customers/identifiers';
import { resolveIdentityGraph } from '../../domain/customers/identity-graph';
import { matchPeople } from '../../domain/customers/matcher';
import { isMatchable, personKey } from '../../domain/customers/person';
import { defaultRegion } from '../../domain/customers/phone';
import { type CustomerProfile, customerProfileSchema } from '../../domain/customers/profile';
import { identifierIndexSchema } from '../../domain/customers/records';
import { AUTO_MERGE_LIMIT, type MergeProposal } from '../../domain/customers/resolution';
import { systemContext } from '../../domain/tenancy';
import type { Logger } from '../../kernel/logging/logger';
import type { Clock } from '../../ports/clock';
import type { DocumentDb } from '../../ports/document-db';
import type { TopicMessage } from '../../ports/events';
import type { BrandRepository } from '../../ports/operational-store';
import type { Warehouse } from '../../ports/warehouse';
import type { BrandScope } from '../../ports/warehouse-rows';
import { collectionPath } from '../profiles/paths';
import { readEventRecords, readOrderRecords, sortRecords, writeEventIdentifiers } from './records-source';
import { createIdentityResolver } from './resolver';

export interface ReresolveIdentitiesJobDeps {
  db: DocumentDb;
  warehouse: Warehouse;
  brands: Pick<BrandRepository, 'get'>;
  clock: Clock;
  logger: Pick<Logger, 'info' | 'warn'>;
}

/** Fewer person records than this are too few to estimate Fellegi–Sunter parameters from. */
export const MIN_RECORDS_FOR_MATCHING = 500;

export interface ReresolveReport {
  records: number;
  resolvedMissing: number;
  merges: number;
  reviews: number;
  probabilisticCandidates: number;
  graphProfiles: number;
}

/**
 * Batch re-resolution of one brand from the warehouse: every order (Shopify's customer id and
 * email, so the profiles exist from the first sync) and every event. Records whose identifiers
 * the index has never seen are resolved through the incremental path; then the identifier
 * graph's connected components are compared with the stored profiles, and profiles the graph
 * says are one person are merged (up to three) or sent to review. Last, the Fellegi–Sunter matcher
 * looks for people who share no identifier and files what it finds for review, never merging.
 */
export function createReresolveIdentitiesJob(deps: ReresolveIdentitiesJobDeps) {
  const resolver = createIdentityResolver(deps);

  async function reresolve(scope: BrandScope, region: string | undefined): Promise<ReresolveReport> {
    const orders = await readOrderRecords(deps.warehouse, scope, region);
    const events = await readEventRecords(deps.warehouse, scope, 'all', region);
    const records = sortRecords([...orders.records, ...events.records]);

    let held = await loadIndex(scope);
    let resolvedMissing = 0;
    const missingEvents = [];
    for (const record of records) {
      if (record.identifiers.every((i) => held.has(identifierKey(i)))) continue;
      await resolver.resolve(scope, record);
      resolvedMissing++;
      if (events.days.has(record.id)) missingEvents.push(record);
    }
    await writeEventIdentifiers(deps.warehouse, scope, missingEvents, events.days);
    if (resolvedMissing > 0) held = await loadIndex(scope);

    const graph = resolveIdentityGraph(records);
    let merges = 0;
    const proposals: MergeProposal[] = [];
    for (const person of graph.profiles) {
      const linking = person.identifiers.filter((key) => isLinking(parseIdentifierKey(key).kind));
      const profiles = [...new Set(linking.flatMap((key) => held.get(key) ?? []))].sort();
      if (profiles.length < 2) continue;
      const evidence = linking.map((detail) => ({
        kind: 'shared_identifier' as const,
        detail,
        confidence: 1,
      }));
      if (profiles.length <= AUTO_MERGE_LIMIT) {
        if (await resolver.merge(scope, profiles, { evidence })) merges++;
      } else proposals.push({ profileIds: profiles, reason: 'cluster_too_large', confidence: 1, evidence });
    }
    const probabilistic = await personMatches(scope);
    const reviews = await resolver.propose(scope, [...proposals, ...probabilistic]);
    return {
      records: records.length,
      resolvedMissing,
      merges,
      reviews: reviews.length,
      probabilisticCandidates: probabilistic.length,
      graphProfiles: graph.profiles.length,
    };
  }

  async function loadIndex(scope: BrandScope): Promise<Map<string, string[]>> {
    const docs = await deps.db.query(collectionPath(scope, 'identifiers'));
    return new Map(docs.map((d) => identifierIndexSchema.parse(d.data)).map((e) => [e.key, e.profileIds]));
  }

  async function personMatches(scope: BrandScope): Promise<MergeProposal[]> {
    const profiles = (await deps.db.query(collectionPath(scope, 'profiles')))
      .map((d) => customerProfileSchema.parse(d.data))
      .filter(
        (p): p is CustomerProfile & { person: NonNullable<CustomerProfile['person']> } =>
          p.status === 'active' && p.person !== null,
      );
    const keyed = profiles
      .map((p) => ({ profile: p, key: personKey(p.person) }))
      .filter((k) => isMatchable(k.key));
    if (keyed.length < MIN_RECORDS_FOR_MATCHING) return [];
    const { links, model } = matchPeople(keyed.map((k) => k.key));
    return links.map((link) => ({
      profileIds: [keyed[link.left]!.profile.id, keyed[link.right]!.profile.id].sort(),
      reason: 'probabilistic' as const,
      confidence: link.probability,
      evidence: [
        {
          kind: 'person_match' as const,
          detail: model.comparisons.map((c, k) => `${c.name}: ${c.levels[link.levels[k]!]}`).join('; '),
          confidence: link.probability,
        },
      ],
    }));
  }

  return {
    reresolve,
    /** On `brand.synced` from Shopify: new orders may carry new customers. */
    async onBrandSynced(message: TopicMessage<'brand.synced'>): Promise<ReresolveReport | null> {
      if (message.platform !== 'shopify') return null;
      const ctx = systemContext(message.tenantId, 'reresolve-identities', message.traceparent);
      const brand = await deps.brands.get(ctx, message.brandId);
      if (!brand) return null;
      const report = await reresolve({ ctx, brandId: brand.id }, defaultRegion(brand));
      deps.logger.info('reresolve-identities: done', { brandId: brand.id, ...report });
      return report;
    },
  };
}

export type ReresolveIdentitiesJob = ReturnType<typeof createReresolveIdentitiesJob>;
