import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSqliteDocumentDb } from '../../shared/adapters/embedded/sqlite-document-db';
import { createIdentityResolver } from '../../shared/customers/identity/resolver';
import { identifierKey } from '../../shared/domain/customers/identifiers';
import { resolveIdentityGraph } from '../../shared/domain/customers/identity-graph';
import { matchPeople, pairKey, pairMetrics } from '../../shared/domain/customers/matcher';
import { components, createUnionFind } from '../../shared/domain/customers/union-find';
import type { TenantContext } from '../../shared/domain/tenancy';
import { systemClock } from '../../shared/ports/clock';
import { loadFebrl } from '../support/febrl';
import { generateIdentityRecords } from '../support/identity-records';
import type { BenchLine, Benchmark } from './run';

/**
 * `npm run bench identity`: the probabilistic matcher on Febrl (precision, recall, F1 over true
 * pairs), a batch pass over a generated brand of PP_BENCH_PROFILES people (default 1M, about
 * 5M identifiers) and the incremental resolver's per-event p95 on the embedded store.
 */
const PROFILES = Number(process.env.PP_BENCH_PROFILES ?? 1_000_000);
const INCREMENTAL_EVENTS = 3_000;

function febrl(name: 'dataset1' | 'dataset2'): BenchLine[] {
  const { records, truePairs } = loadFebrl(name);
  const started = performance.now();
  const { links, candidates } = matchPeople(records);
  const uf = createUnionFind(records.length);
  for (const link of links) uf.union(link.left, link.right);
  const predicted = new Set<string>();
  for (const group of components(uf))
    for (let x = 0; x < group.length; x++)
      for (let y = x + 1; y < group.length; y++) predicted.add(pairKey(group[x]!, group[y]!));
  const ms = performance.now() - started;
  const m = pairMetrics(predicted, truePairs);
  return [
    { name: `febrl ${name} precision`, value: m.precision * 100, unit: '%' },
    { name: `febrl ${name} recall`, value: m.recall * 100, unit: '%' },
    { name: `febrl ${name} F1`, value: m.f1 * 100, unit: '%', target: '≥ 95 %' },
    { name: `febrl ${name} candidate pairs`, value: candidates, unit: 'pairs' },
    { name: `febrl ${name} train + match`, value: ms, unit: 'ms' },
  ];
}

function batch(): BenchLine[] {
  const brand = generateIdentityRecords(PROFILES, 3, { extraDevices: 2 });
  // Baseline: one pass that only reads every identifier of every record into a key table.
  const baselineStart = performance.now();
  const keys = new Map<string, number>();
  for (const record of brand.records)
    for (const id of record.identifiers) keys.set(identifierKey(id), keys.size);
  const baselineMs = performance.now() - baselineStart;
  keys.clear();
  const started = performance.now();
  const result = resolveIdentityGraph(brand.records);
  const ms = performance.now() - started;
  return [
    { name: 'batch records', value: brand.records.length, unit: 'records' },
    { name: 'batch identifiers', value: brand.identifiers, unit: 'identifiers' },
    { name: 'batch profiles found', value: result.profiles.length, unit: 'profiles' },
    {
      name: 'batch re-resolution pass',
      value: ms / 1000,
      unit: 's',
      ratio: ms / baselineMs,
      baseline: 'reading every identifier once',
      target: '< 60 s',
    },
  ];
}

async function incremental(): Promise<BenchLine[]> {
  const dir = mkdtempSync(join(tmpdir(), 'pp-bench-identity-'));
  const db = createSqliteDocumentDb(join(dir, 'db.sqlite'));
  try {
    const ctx: TenantContext = { tenantId: 'bench', uid: 'system:bench', role: 'system' };
    const scope = { ctx, brandId: 'b1' };
    const resolver = createIdentityResolver({ db, clock: systemClock });
    const { records } = generateIdentityRecords(INCREMENTAL_EVENTS, 5);
    const times: number[] = [];
    for (const record of records) {
      const started = performance.now();
      await resolver.resolve(scope, record);
      times.push(performance.now() - started);
    }
    // Baseline: a transaction that reads one document and writes one, the least an event costs.
    const baseline: number[] = [];
    for (let i = 0; i < 500; i++) {
      const started = performance.now();
      await db.runTransaction(async (tx) => {
        await tx.get(`tenants/bench/brands/b1/baseline/d${i}`);
        await tx.set(`tenants/bench/brands/b1/baseline/d${i}`, { i });
      });
      baseline.push(performance.now() - started);
    }
    const p95 = percentile(times, 0.95);
    return [
      { name: 'incremental events', value: times.length, unit: 'events' },
      {
        name: 'incremental per-event p95',
        value: p95,
        unit: 'ms',
        ratio: p95 / percentile(baseline, 0.95),
        baseline: 'one read + one write transaction',
        target: '< 20 ms',
      },
    ];
  } finally {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function percentile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

export const bench: Benchmark = {
  name: 'identity',
  async run(): Promise<BenchLine[]> {
    return [...febrl('dataset1'), ...febrl('dataset2'), ...(await incremental()), ...batch()];
  },
};
