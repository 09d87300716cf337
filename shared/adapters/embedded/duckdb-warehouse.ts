import { renameSync, rmSync } from 'node:fs';
import { type DuckDBConnection, DuckDBInstance, LIST, listValue, VARCHAR } from '@duckdb/node-api';
import type { TenantContext } from '../../domain/tenancy';
import { createMutex } from '../../kernel/util/mutex';
import type {
  ReplaceKeys,
  ReplaceRange,
  VersionedReplace,
  Warehouse,
  WarehouseBatch,
  WarehouseParam,
  WarehouseRow,
} from '../../ports/warehouse';
import {
  type ColumnFill,
  OPS_DATASET,
  OPS_TABLES,
  type OpsTable,
  type TableDef,
  TENANT_TABLES,
  type TenantTable,
  tenantDatasetName,
} from '../../ports/warehouse-tables';
import {
  assertRowsInRange,
  columnOf,
  type ExistingColumn,
  fillStatement,
  fillsOfAdded,
  schemaPlan,
} from '../warehouse-rows';

import { append } from './duckdb-append';
import {
  createTableSql,
  DUCK_TYPES,
  ident,
  resolveTables,
  runQuery,
  streamColumns,
  streamQuery,
} from './duckdb-sql';

const quote = (text: string) => `'${text.replace(/'/g, "''")}'`;
const qualified = (schema: string, name: string) => `${ident(schema)}.${ident(name)}`;

/**
 * The embedded Warehouse: one DuckDB file, one schema per tenant (`pp_<tenant>`), `pp_ops` shared.
 * Writes are serialized by a mutex (DuckDB's optimistic concurrency would otherwise abort one of
 * two overlapping writers); reads run concurrently on their own connections.
 */
export type DuckdbWarehouse = Warehouse & {
  /**
   * Rewrites the database into a fresh file and swaps it in: DuckDB leaves deleted and replaced
   * rows in unreferenced blocks of the file, which a checkpoint does not overwrite. Run after an
   * erasure (docs/decisions/813); reads and writes wait while it runs.
   */
  compact(): Promise<void>;
};

/** BigQuery functions and type names the shared SQL subset uses, defined for DuckDB. */
async function prepare(instance: DuckDBInstance): Promise<void> {
  const setup = await instance.connect();
  // DuckDB's allocator keeps what a big query freed (hundreds of MiB after a million-customer
  // aggregation) until something purges it; its background thread does, so the process gives the
  // memory back while Node works on the result (decision 933).
  await setup.run('SET GLOBAL allocator_background_threads = true');
  await setup.run(
    `CREATE OR REPLACE MACRO safe_divide(a, b) AS CASE WHEN b = 0 OR b IS NULL THEN NULL ELSE a / b END`,
  );
  await setup.run(`CREATE OR REPLACE MACRO unix_millis(ts) AS epoch_ms(ts)`);
  await setup.run(`CREATE TYPE IF NOT EXISTS FLOAT64 AS DOUBLE`).catch(async () => {
    // Older DuckDB has no IF NOT EXISTS for types; the alias may already be there.
    await setup.run(`CREATE TYPE FLOAT64 AS DOUBLE`).catch(() => undefined);
  });
  await setup.run(`CREATE SCHEMA IF NOT EXISTS ${ident(OPS_DATASET)}`);
  for (const def of Object.values(OPS_TABLES)) await setup.run(createTableSql(OPS_DATASET, def));
  setup.closeSync();
}

export async function createDuckdbWarehouse(filename: string): Promise<DuckdbWarehouse> {
  let instance = await DuckDBInstance.create(filename);
  await prepare(instance);

  const writes = createMutex();
  const ensured = new Set<string>();
  let closed = false;
  /** Connections open now, and the gate new ones wait at while the file is being swapped. */
  let active = 0;
  let gate: Promise<void> | undefined;

  /** A connection, counted as active, once the file is not being swapped. */
  async function acquire(): Promise<DuckDBConnection> {
    while (gate) await gate;
    if (closed) throw new Error('warehouse is closed');
    active++;
    try {
      return await instance.connect();
    } catch (err) {
      active--;
      throw err;
    }
  }

  function release(c: DuckDBConnection): void {
    try {
      c.closeSync();
    } finally {
      active--;
    }
  }

  async function withConnection<T>(fn: (c: DuckDBConnection) => Promise<T>): Promise<T> {
    const c = await acquire();
    try {
      return await fn(c);
    } finally {
      release(c);
    }
  }

  /** `withConnection` for a generator: the connection stays open (and counted) until it returns. */
  async function* withStreamingConnection<T>(
    fn: (c: DuckDBConnection) => AsyncGenerator<T>,
  ): AsyncGenerator<T> {
    const c = await acquire();
    try {
      yield* fn(c);
    } finally {
      release(c);
    }
  }

  async function rewrite(): Promise<void> {
    if (filename === ':memory:' || closed) return;
    let open!: () => void;
    gate = new Promise<void>((resolve) => {
      open = resolve;
    });
    try {
      while (active > 0) await new Promise((r) => setTimeout(r, 2));
      const fresh = `${filename}.compact`;
      rmSync(fresh, { force: true });
      const c = await instance.connect();
      try {
        const [[current]] = (await c.runAndReadAll('SELECT current_database()')).getRows() as [[string]];
        await c.run(`ATTACH ${quote(fresh)} AS pp_compact`);
        await c.run(`COPY FROM DATABASE ${ident(current)} TO pp_compact`);
        await c.run('DETACH pp_compact');
      } finally {
        c.closeSync();
      }
      instance.closeSync();
      renameSync(fresh, filename);
      rmSync(`${filename}.wal`, { force: true });
      instance = await DuckDBInstance.create(filename);
      await prepare(instance);
    } finally {
      gate = undefined;
      open();
    }
  }

  async function ensureSchema(tenantId: string): Promise<string> {
    const schema = tenantDatasetName(tenantId);
    if (ensured.has(schema)) return schema;
    await writes.run(() =>
      withConnection(async (c) => {
        await c.run(`CREATE SCHEMA IF NOT EXISTS ${ident(schema)}`);
        const existing = await c.runAndReadAll(
          `SELECT table_name, column_name, is_nullable FROM information_schema.columns WHERE table_schema = $schema`,
          { schema },
        );
        const columnsOf = new Map<string, ExistingColumn[]>();
        for (const [table, name, nullable] of existing.getRows() as Array<[string, string, string]>) {
          const list = columnsOf.get(table) ?? [];
          list.push({ name, required: nullable === 'NO' });
          columnsOf.set(table, list);
        }
        const added: Array<{ def: TableDef; fill: ColumnFill }> = [];
        for (const def of Object.values(TENANT_TABLES)) {
          const have = columnsOf.get(def.name);
          if (!have) {
            await c.run(createTableSql(schema, def));
            continue;
          }
          const plan = schemaPlan(def, have);
          for (const fill of fillsOfAdded(def, plan)) added.push({ def, fill });
          if (plan.kind === 'recreate') {
            await c.run(`DROP TABLE ${ident(schema)}.${ident(def.name)}`);
            await c.run(createTableSql(schema, def));
          } else if (plan.kind === 'add') {
            for (const col of plan.columns)
              await c.run(
                `ALTER TABLE ${ident(schema)}.${ident(def.name)} ADD COLUMN ${ident(col.name)} ${DUCK_TYPES[col.type]}`,
              );
          }
        }
        // A copied column added to a table with rows is filled once, after every table is current.
        for (const { def, fill } of added)
          await c.run(fillStatement(fill, qualified(schema, def.name), qualified(schema, fill.from), null));
      }),
    );
    ensured.add(schema);
    return schema;
  }

  async function transactional(fn: (c: DuckDBConnection) => Promise<void>): Promise<void> {
    await writes.run(() =>
      withConnection(async (c) => {
        await c.run('BEGIN TRANSACTION');
        try {
          await fn(c);
          await c.run('COMMIT');
        } catch (err) {
          await c.run('ROLLBACK');
          throw err;
        }
      }),
    );
  }

  async function replaceRangeBatches(
    ctx: TenantContext,
    table: TenantTable,
    range: ReplaceRange,
    batches: AsyncIterable<WarehouseBatch> | Iterable<WarehouseBatch>,
  ): Promise<void> {
    const schema = await ensureSchema(ctx.tenantId);
    const def = TENANT_TABLES[table];
    const match = Object.entries(range.match ?? {});
    for (const [col] of match) columnOf(def, col);
    await transactional(async (c) => {
      await c.run(
        `DELETE FROM ${ident(schema)}.${ident(def.name)} WHERE brand_id = $brand AND ${ident(def.partitionBy)} BETWEEN CAST($from AS DATE) AND CAST($to AS DATE)${match
          .map(([col], i) => ` AND ${ident(col)} = $m${i}`)
          .join('')}`,
        {
          brand: range.brandId,
          from: range.from,
          to: range.to,
          ...Object.fromEntries(match.map(([, v], i) => [`m${i}`, v])),
        },
      );
      // Each batch is checked and appended as it arrives, inside the one transaction.
      for await (const batch of batches) {
        assertRowsInRange(def, range, batch);
        await append(c, schema, def, batch);
      }
    });
  }

  return {
    async ensureTenant(ctx) {
      await ensureSchema(ctx.tenantId);
    },
    async query<T>(ctx: TenantContext, sql: string, params: Record<string, WarehouseParam> = {}) {
      const schema = await ensureSchema(ctx.tenantId);
      return runQuery<T>(withConnection, resolveTables(sql, schema, TENANT_TABLES), params);
    },
    async *queryBatches<T>(
      ctx: TenantContext,
      sql: string,
      params: Record<string, WarehouseParam>,
      batchRows: number,
    ) {
      const schema = await ensureSchema(ctx.tenantId);
      const text = resolveTables(sql, schema, TENANT_TABLES);
      yield* withStreamingConnection((c) => streamQuery<T>(c, text, params, batchRows));
    },
    async *queryColumns(ctx, sql, params, batchRows) {
      const schema = await ensureSchema(ctx.tenantId);
      const text = resolveTables(sql, schema, TENANT_TABLES);
      yield* withStreamingConnection((c) => streamColumns(c, text, params, batchRows));
    },
    async replaceRange(ctx, table, range: ReplaceRange, rows) {
      await replaceRangeBatches(ctx, table, range, [rows]);
    },
    replaceRangeBatches,
    async replaceKeys(ctx, table, keys: ReplaceKeys, rows) {
      const schema = await ensureSchema(ctx.tenantId);
      const def = TENANT_TABLES[table];
      columnOf(def, keys.keyColumn);
      await transactional(async (c) => {
        for (let i = 0; i < keys.keys.length; i += 10_000) {
          await c.run(
            `DELETE FROM ${ident(schema)}.${ident(def.name)} WHERE brand_id = $brand AND ${ident(keys.keyColumn)} IN (SELECT * FROM UNNEST($keys))`,
            { brand: keys.brandId, keys: listValue(keys.keys.slice(i, i + 10_000)) },
            { keys: LIST(VARCHAR) },
          );
        }
        await append(c, schema, def, rows);
      });
    },
    async replaceNewer(ctx, write: VersionedReplace) {
      const schema = await ensureSchema(ctx.tenantId);
      const parent = TENANT_TABLES[write.table];
      columnOf(parent, write.keyColumn);
      columnOf(parent, write.versionColumn);
      for (const child of write.children) columnOf(TENANT_TABLES[child.table], write.keyColumn);
      const incoming = new Map(write.rows.map((r) => [String(r[write.keyColumn]), r]));
      let written: string[] = [];
      // The stored versions are read inside the write transaction, which the write mutex makes
      // the only one: no other writer can slip in between the comparison and the write.
      await transactional(async (c) => {
        const stored = new Map<string, number>();
        const keys = [...incoming.keys()];
        for (let i = 0; i < keys.length; i += 10_000) {
          const result = await c.runAndReadAll(
            `SELECT ${ident(write.keyColumn)}, epoch_ms(MAX(${ident(write.versionColumn)})) FROM ${ident(schema)}.${ident(parent.name)}
             WHERE brand_id = $brand AND ${ident(write.keyColumn)} IN (SELECT * FROM UNNEST($keys)) GROUP BY 1`,
            { brand: write.brandId, keys: listValue(keys.slice(i, i + 10_000)) },
            { keys: LIST(VARCHAR) },
          );
          for (const [key, ms] of result.getRows() as Array<[string, bigint | number]>)
            stored.set(key, Number(ms));
        }
        written = keys.filter((key) => {
          const before = stored.get(key);
          if (before === undefined) return true;
          const version = Date.parse(String(incoming.get(key)![write.versionColumn]));
          return write.replaceEqual ? version >= before : version > before;
        });
        if (written.length === 0) return;
        const fresh = new Set(written);
        const replace = async (def: TableDef, rows: readonly WarehouseRow[]) => {
          for (let i = 0; i < written.length; i += 10_000)
            await c.run(
              `DELETE FROM ${ident(schema)}.${ident(def.name)} WHERE brand_id = $brand AND ${ident(write.keyColumn)} IN (SELECT * FROM UNNEST($keys))`,
              { brand: write.brandId, keys: listValue(written.slice(i, i + 10_000)) },
              { keys: LIST(VARCHAR) },
            );
          await append(
            c,
            schema,
            def,
            rows.filter((r) => fresh.has(String(r[write.keyColumn]))),
          );
        };
        // Children first, the parent last, as every reader expects (a parent row means its children are there).
        for (const child of write.children) await replace(TENANT_TABLES[child.table], child.rows);
        await replace(parent, write.rows);
      });
      return { written };
    },
    async fillColumns(ctx, name: TenantTable, brandId) {
      const schema = await ensureSchema(ctx.tenantId);
      const def: TableDef = TENANT_TABLES[name];
      for (const fill of def.fills ?? [])
        await transactional(async (c) => {
          await c.run(
            fillStatement(fill, qualified(schema, def.name), qualified(schema, fill.from), '$brand'),
            {
              brand: brandId,
            },
          );
        });
    },
    async deleteWhere(ctx, table: TenantTable, brandId, match) {
      const schema = await ensureSchema(ctx.tenantId);
      const def = TENANT_TABLES[table];
      const entries = Object.entries(match);
      for (const [col] of entries) columnOf(def, col);
      let deleted = 0;
      await transactional(async (c) => {
        const r = await c.run(
          `DELETE FROM ${ident(schema)}.${ident(def.name)} WHERE brand_id = $brand${entries.map(([col], i) => ` AND ${ident(col)} = $m${i}`).join('')}`,
          { brand: brandId, ...Object.fromEntries(entries.map(([, v], i) => [`m${i}`, v])) },
        );
        deleted = Number(r.rowsChanged);
      });
      return deleted;
    },
    async insertOps(table: OpsTable, rows) {
      await transactional((c) => append(c, OPS_DATASET, OPS_TABLES[table], rows));
    },
    async queryOps<T>(sql: string, params: Record<string, WarehouseParam> = {}) {
      return runQuery<T>(withConnection, resolveTables(sql, OPS_DATASET, OPS_TABLES), params);
    },
    async dropTenant(ctx) {
      const schema = tenantDatasetName(ctx.tenantId);
      await writes.run(() => withConnection((c) => c.run(`DROP SCHEMA IF EXISTS ${ident(schema)} CASCADE`)));
      ensured.delete(schema);
    },
    async compact() {
      await writes.run(rewrite);
    },
    async close() {
      await writes.run(() => {
        if (closed) return;
        closed = true;
        instance.closeSync();
      });
    },
  };
}
