import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeJwt } from 'jose';
import { afterAll, describe, expect, it } from 'vitest';
import { createDuckdbWarehouse } from '../../shared/adapters/embedded/duckdb-warehouse';
import { createEncryptedFileSecretStore } from '../../shared/adapters/embedded/encrypted-file-secret-store';
import { createLocalIdentityVerifier } from '../../shared/adapters/embedded/local-identity';
import type { Role } from '../../shared/domain/tenancy';
import { ok } from '../../shared/kernel/result';
import type { Warehouse } from '../../shared/ports/warehouse';
import { type Breakage, createMemoryDocumentDb } from '../doubles/memory-document-db';
import { embeddedBusBackend, embeddedQueue, embeddedTaskBackend } from './embedded-queue';
import { type BusBackend, type BusFactory, eventBusChecks } from './event-bus.suite';
import { identityChecks } from './identity.suite';
import { identityBackendFor } from './identity.test-backend';
import { operationalStoreChecks } from './operational-store.suite';
import { secretStoreChecks } from './secret-store.suite';
import { taskQueueChecks } from './task-queue.suite';
import { warehouseChecks } from './warehouse.suite';

/**
 * The conformance suites are only worth something if they fail on a backend that breaks their
 * rules. Each case here runs one check against a double broken in exactly that way and expects
 * the check to fail; the correct in-memory double passes every check, so the failure is the rule's.
 */
const dir = mkdtempSync(join(tmpdir(), 'pp-broken-'));
let n = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the operational store suite catches', () => {
  it('nothing on a correct in-memory document db', async () => {
    for (const check of Object.values(operationalStoreChecks))
      await check(async () => createMemoryDocumentDb());
  });
  it.each<[string, Breakage]>([
    ['a transaction that throws rolls back every write', { noRollback: true }],
    ['queries never cross tenants', { leakyQueries: true }],
    ['upserting the same document twice leaves one, with the second value', { duplicateOnSet: true }],
    ['two concurrent writers do not lose updates', { noIsolation: true }],
  ])('a backend that breaks "%s"', async (name, breakage) => {
    await expect(
      operationalStoreChecks[name]!(async () => createMemoryDocumentDb(breakage)),
    ).rejects.toThrow();
  });
});

const duck = () => createDuckdbWarehouse(join(dir, `wh-${++n}.duckdb`));

/** Appends instead of replacing: re-runs double count. */
async function appendingWarehouse(): Promise<Warehouse> {
  const w = await duck();
  return {
    ...w,
    replaceRange: (ctx, table, r, rows) =>
      w.replaceKeys(ctx, table, { brandId: r.brandId, keyColumn: 'brand_id', keys: [] }, rows),
  };
}
/** Every tenant lands in one schema. */
async function sharedTenantWarehouse(): Promise<Warehouse> {
  const w = await duck();
  const shared = { tenantId: 'shared', uid: 'x', role: 'system' as const };
  return {
    ...w,
    query: (_ctx, sql, params) => w.query(shared, sql, params),
    replaceRange: (_ctx, t, r, rows) => w.replaceRange(shared, t, r, rows),
    ensureTenant: () => w.ensureTenant(shared),
  };
}
/** Deletes the old range, then inserts in a separate step: a failed insert loses the old rows. */
async function nonAtomicWarehouse(): Promise<Warehouse> {
  const w = await duck();
  return {
    ...w,
    replaceRange: async (ctx, t, r, rows) => {
      await w.replaceRange(ctx, t, r, []);
      await w.replaceKeys(ctx, t, { brandId: r.brandId, keyColumn: 'brand_id', keys: [] }, rows);
    },
  };
}

describe('the warehouse suite catches', () => {
  it.each([
    ['replacing a range twice with the same rows is idempotent', appendingWarehouse],
    ['queries never cross tenants', sharedTenantWarehouse],
    ['a failed replacement leaves the previous rows intact', nonAtomicWarehouse],
  ])('a backend that breaks "%s"', async (name, make) => {
    await expect(warehouseChecks[name]!(make)).rejects.toThrow();
  });
});

describe('the event bus suite catches', () => {
  /** The embedded bus with its subscribe wrapped: each double breaks one rule and only that. */
  const withSubscribe =
    (wrap: (subscribe: BusBackend['subscribe']) => BusBackend['subscribe']) => async () => {
      const b = await embeddedBusBackend();
      return { ...b, subscribe: wrap(b.subscribe) };
    };

  it.each<[string, string, BusFactory]>([
    [
      'delivers to the first subscription of a topic only',
      'every subscription receives each message',
      withSubscribe((subscribe) => {
        const taken = new Set<string>();
        return ((topic, sub, handler, options) => {
          if (!taken.has(topic)) subscribe(topic, sub, handler, options);
          taken.add(topic);
        }) as BusBackend['subscribe'];
      }),
    ],
    [
      'drops a message when its handler fails',
      'a failed handler gets the message again until it succeeds',
      withSubscribe(
        (subscribe) =>
          ((topic, sub, handler, options) =>
            subscribe(
              topic,
              sub,
              (m, meta) => handler(m, meta).catch(() => undefined),
              options,
            )) as BusBackend['subscribe'],
      ),
    ],
    [
      // What the Functions Framework does to a Pub/Sub push (docs/decisions/703).
      'tells every delivery it is the first',
      'the handler is told which delivery attempt it is on',
      withSubscribe(
        (subscribe) =>
          ((topic, sub, handler, options) =>
            subscribe(
              topic,
              sub,
              (m, meta) => handler(m, { ...meta, attempt: 1 }),
              options,
            )) as BusBackend['subscribe'],
      ),
    ],
    [
      'retries past maxAttempts instead of dead-lettering',
      'a message that keeps failing is dead-lettered after maxAttempts',
      withSubscribe(
        (subscribe) =>
          ((topic, sub, handler, options) =>
            subscribe(topic, sub, handler, {
              maxAttempts: options.maxAttempts + 2,
            })) as BusBackend['subscribe'],
      ),
    ],
    [
      'publishes whatever it is given',
      'a message that does not fit its topic is refused at publish',
      async () => ({ ...(await embeddedBusBackend()), bus: { publish: async () => 'm-1' } }),
    ],
  ])('a bus that %s', async (_double, rule, make) => {
    await expect(eventBusChecks[rule]!(make)).rejects.toThrow();
  });

  it('nothing on the embedded bus', async () => {
    for (const check of Object.values(eventBusChecks)) await check(embeddedBusBackend);
  });
});

describe('the task queue suite catches', () => {
  it('a queue that ignores task names', async () => {
    const forgetful = async () => {
      const b = await embeddedTaskBackend();
      return { ...b, tasks: { enqueue: (q: string, p: Record<string, unknown>) => b.tasks.enqueue(q, p) } };
    };
    await expect(taskQueueChecks['a named task is accepted once']!(forgetful)).rejects.toThrow();
  });
});

describe('the secret store suite catches', () => {
  const fileStore = () => {
    const d = mkdtempSync(join(dir, 'secrets-'));
    return createEncryptedFileSecretStore(join(d, 's.json'), randomBytes(32));
  };
  it('a store that ignores the tenant', async () => {
    const unscoped = async () => {
      const s = fileStore();
      const one = { tenantId: 'one', uid: 'x', role: 'system' as const };
      return {
        secrets: {
          put: (_c: unknown, k: string, v: string) => s.put(one, k, v),
          get: (_c: unknown, k: string) => s.get(one, k),
          delete: (_c: unknown, k: string) => s.delete(one, k),
        },
        close: async () => {},
      };
    };
    await expect(secretStoreChecks['another tenant cannot read it']!(unscoped)).rejects.toThrow();
  });
  it('a store that keeps values in plain text', async () => {
    const plain = async () => {
      const values = new Map<string, string>();
      return {
        secrets: {
          put: async (c: { tenantId: string }, k: string, v: string) => {
            values.set(`${c.tenantId}/${k}`, v);
            return `${k}@1`;
          },
          get: async (c: { tenantId: string }, k: string) => values.get(`${c.tenantId}/${k}`),
          delete: async (c: { tenantId: string }, k: string) => void values.delete(`${c.tenantId}/${k}`),
        },
        raw: async () => JSON.stringify([...values]),
        close: async () => {},
      };
    };
    await expect(secretStoreChecks['the value never lies at rest in plain text']!(plain)).rejects.toThrow();
  });
});

describe('the identity suite catches', () => {
  it('a verifier that reads claims without checking the signature', async () => {
    const gullible = async () => {
      const real = await identityBackendFor(randomBytes(32));
      return {
        ...real,
        verifier: {
          verify: async (token: string) => {
            const c = decodeJwt(token);
            return ok({ uid: String(c.sub), tenantId: String(c.tenantId), role: c.role as Role });
          },
        },
      };
    };
    await expect(identityChecks['a token signed by someone else is refused']!(gullible)).rejects.toThrow();
  });
  it('nothing on the real local verifier', async () => {
    const key = randomBytes(32);
    for (const check of Object.values(identityChecks)) await check(() => identityBackendFor(key));
    expect(createLocalIdentityVerifier).toBeTypeOf('function');
  });
});

describe('embedded queue durability', () => {
  it('a message in flight when the process stops is delivered again after restart', async () => {
    const first = embeddedQueue();
    let release!: () => void;
    const started = new Promise<void>((resolve) => {
      first.queue.consume('q', () => {
        resolve();
        return new Promise<void>((r) => {
          release = r;
        });
      });
    });
    first.queue.enqueue('q', 'm1', { n: 1 });
    await started;
    await first.queue.close(10); // stops before the handler finishes
    release();
    const { createSqliteQueue } = await import('../../shared/adapters/embedded/sqlite-queue');
    const { systemClock } = await import('../../shared/ports/clock');
    const { createMemoryLogger } = await import('../../shared/kernel/logging/logger');
    const second = createSqliteQueue({
      filename: join(first.dir, 'queue.sqlite'),
      clock: systemClock,
      logger: createMemoryLogger(),
      pollIntervalMs: 5,
    });
    const seen: unknown[] = [];
    second.consume('q', async (m) => void seen.push(m.payload));
    await second.drain(5_000);
    await second.close();
    rmSync(first.dir, { recursive: true, force: true });
    expect(seen).toEqual([{ n: 1 }]);
  });
});
