import type { BigQueryOptions, Dataset, Job, Table } from '@google-cloud/bigquery';
import type { TenantContext } from '../../domain/tenancy';
import type { Warehouse, WarehouseParam, WarehouseRow } from '../../ports/warehouse';
import { batchLength, columnsOfRows } from '../../ports/warehouse-columns';
import {
  type ColumnFill,
  OPS_DATASET,
  OPS_TABLES,
  type TableDef,
  TENANT_TABLES,
  tenantDatasetName,
} from '../../ports/warehouse-tables';
import { assertRowsInRange, fillStatement, fillsOfAdded, schemaPlan } from '../warehouse-rows';
import { normalizeRow, tableResource, toJsonLine, toJsonLines } from './bigquery-rows';
import {
  assertParamsBound,
  deleteWhereStatement,
  paramTypes,
  quoteRef,
  replaceKeysScript,
  replaceNewerScript,
  replaceRangeScript,
  resolveBigQueryTables,
  type TableRef,
} from './bigquery-sql';
import { isAlreadyExists, isNotFound, retryOnTransient } from './google-errors';
import { lazy } from './lazy';

/** BigQuery's smallest time-travel window; the 7-day fail-safe after it is not readable by us. */
export const TIME_TRAVEL_HOURS = 48;

/**
 * Default cap on the bytes one query may bill (50 GiB, about $0.30 on demand): a query past it
 * fails with `bytesBilledLimitExceeded` instead of running, so a missing partition filter or a
 * runaway loop costs an error, not a bill (issue 24's BigQuery cost guard).
 */
export const DEFAULT_MAX_BYTES_BILLED = 50 * 1024 ** 3;

/**
 * Who a new tenant dataset lists in its own access: BigQuery's defaults for the project's roles,
 * without the default's fourth entry, the creating account as OWNER. That entry would make
 * whichever function first wrote for a tenant the owner of its dataset (able to change its access
 * or delete it), beyond anything Terraform grants or can revoke; functions reach tenant datasets
 * through their conditioned project grant instead (docs/decisions/930).
 */
export const TENANT_DATASET_ACCESS = [
  { role: 'OWNER', specialGroup: 'projectOwners' },
  { role: 'WRITER', specialGroup: 'projectWriters' },
  { role: 'READER', specialGroup: 'projectReaders' },
] as const;

export interface BigQueryWarehouseOptions {
  projectId: string;
  /** Dataset location (`EU`, `US`, a region); datasets and jobs run there. */
  location: string;
  /** Another endpoint (the contract test's loopback server). */
  apiEndpoint?: string;
  /** Credentials other than Application Default Credentials (tests pass a pass-through client). */
  authClient?: BigQueryOptions['authClient'];
  /** Makes stage-table names unique; defaults to random UUIDs. */
  newId?: () => string;
  /** Bytes one query job may bill (`maximumBytesBilled`); default DEFAULT_MAX_BYTES_BILLED. */
  maximumBytesBilled?: number;
}

/**
 * The Warehouse on BigQuery: a dataset `pp_<tenant>` per tenant, created with its tables on
 * ensureTenant, and the shared `pp_ops` dataset Terraform creates. Writes load the rows into a
 * stage table with a load job (free, no streaming buffer that DML could trip over), then swap
 * them in with DELETE + INSERT in one multi-statement transaction (docs/decisions/701).
 */
export function createBigQueryWarehouse(options: BigQueryWarehouseOptions): Warehouse {
  const { projectId, location } = options;
  const newId = options.newId ?? (() => crypto.randomUUID().replace(/-/g, ''));
  const maximumBytesBilled = options.maximumBytesBilled ?? DEFAULT_MAX_BYTES_BILLED;
  const client = lazy(async () => {
    const { BigQuery } = await import('@google-cloud/bigquery');
    return new BigQuery({
      projectId,
      location,
      ...(options.apiEndpoint ? { apiEndpoint: options.apiEndpoint } : {}),
      ...(options.authClient ? { authClient: options.authClient } : {}),
    });
  });
  const ensured = new Set<string>();
  const ref = (dataset: string, table: string): TableRef => ({ projectId, dataset, table });

  async function ensureDataset(tenantId: string): Promise<string> {
    const dataset = tenantDatasetName(tenantId);
    if (ensured.has(dataset)) return dataset;
    const bq = await client();
    await ignore(isAlreadyExists, () =>
      bq.createDataset(dataset, {
        location,
        labels: { app: 'pulsepoint', tenant: tenantId },
        access: TENANT_DATASET_ACCESS.map((entry) => ({ ...entry })),
        // Time travel keeps deleted and overwritten rows readable for this window (default 7 days);
        // 48 hours is BigQuery's minimum, so an erasure is complete sooner (docs/SECURITY.md).
        maxTimeTravelHours: String(TIME_TRAVEL_HOURS),
      }),
    );
    const added: Array<{ def: TableDef; fill: ColumnFill }> = [];
    for (const def of Object.values(TENANT_TABLES))
      for (const fill of await ensureTable(bq.dataset(dataset), def)) added.push({ def, fill });
    // A copied column added to a table with rows is filled once, after every table is current.
    for (const { def, fill } of added) await run(fillOf(dataset, def, fill, null), {});
    ensured.add(dataset);
    return dataset;
  }

  /**
   * Creates the table, or brings an existing one up to the definition (schemaPlan): columns added
   * to warehouse-tables.ts since the dataset was made are appended as NULLABLE (BigQuery cannot add
   * a REQUIRED column to a table that has rows; the adapter still checks required values on
   * write), and a derived table that lost columns is made again. Returns the fills of the copied
   * columns it added, for the caller to run once every table is current.
   */
  async function ensureTable(dataset: Dataset, def: TableDef): Promise<readonly ColumnFill[]> {
    const resource = tableResource(def);
    try {
      await dataset.createTable(def.name, resource);
      return [];
    } catch (err) {
      if (!isAlreadyExists(err)) throw err;
    }
    const table = dataset.table(def.name);
    const [metadata] = await table.getMetadata();
    const fields: Array<{ name: string; mode?: string }> = metadata.schema?.fields ?? [];
    const plan = schemaPlan(
      def,
      fields.map((f) => ({ name: f.name, required: f.mode === 'REQUIRED' })),
    );
    if (plan.kind === 'recreate') {
      await table.delete();
      await dataset.createTable(def.name, resource);
    } else if (plan.kind === 'add') {
      const added = new Set(plan.columns.map((c) => c.name));
      const missing = resource.schema.fields
        .filter((f) => added.has(f.name))
        .map((f) => ({ ...f, mode: 'NULLABLE' }));
      await table.setMetadata({ schema: { fields: [...fields, ...missing] } });
    }
    return fillsOfAdded(def, plan);
  }

  const fillOf = (dataset: string, def: TableDef, fill: ColumnFill, brand: string | null) =>
    fillStatement(fill, quoteRef(ref(dataset, def.name)), quoteRef(ref(dataset, fill.from)), brand);

  async function startJob(sql: string, params: Record<string, WarehouseParam>): Promise<Job> {
    const bq = await client();
    const [job] = await bq.createQueryJob({
      query: sql,
      params,
      types: paramTypes(params),
      location,
      maximumBytesBilled: String(maximumBytesBilled),
    });
    return job;
  }

  /** Runs a statement or script to completion; a failed job surfaces as an error. */
  function run(sql: string, params: Record<string, WarehouseParam>): Promise<Job> {
    return retryOnTransient('BigQuery query', async () => {
      const job = await startJob(sql, params);
      await job.getQueryResults({ maxResults: 0 });
      return job;
    });
  }

  function select<T>(sql: string, params: Record<string, WarehouseParam>): Promise<T[]> {
    assertParamsBound(sql, params);
    return retryOnTransient('BigQuery query', async () => {
      const [rows] = await (await startJob(sql, params)).getQueryResults({ wrapIntegers: false });
      return rows.map((r) => normalizeRow(r as Record<string, unknown>) as T);
    });
  }

  /**
   * A query's rows a page at a time (pages of at most `batchRows`; BigQuery may cut one shorter by
   * its size). The job runs once; only a failed page is fetched again.
   */
  async function* selectBatches<T>(
    sql: string,
    params: Record<string, WarehouseParam>,
    batchRows: number,
  ): AsyncGenerator<T[]> {
    assertParamsBound(sql, params);
    const job = await retryOnTransient('BigQuery query', () => startJob(sql, params));
    let pageToken: string | undefined;
    do {
      const token = pageToken;
      const [rows, next] = await retryOnTransient('BigQuery query', () =>
        job.getQueryResults({
          autoPaginate: false,
          maxResults: batchRows,
          wrapIntegers: false,
          ...(token ? { pageToken: token } : {}),
        }),
      );
      if (rows.length > 0) yield rows.map((r) => normalizeRow(r as Record<string, unknown>) as T);
      pageToken = next?.pageToken ?? undefined;
    } while (pageToken);
  }

  /** Loads rows into a fresh stage table next to the target; the script drops it after use. */
  async function stage(dataset: string, def: TableDef, rows: readonly WarehouseRow[]): Promise<TableRef> {
    return stageLines(dataset, def, rows.map((r) => toJsonLine(def, r)).join('\n'));
  }

  async function stageLines(dataset: string, def: TableDef, lines: string): Promise<TableRef> {
    const stageRef = ref(dataset, `_stage_${def.name}_${newId()}`);
    const bq = await client();
    const table: Table = bq.dataset(dataset).table(stageRef.table);
    await retryOnTransient('BigQuery load', async () => {
      const job = await new Promise<Job>((resolve, reject) => {
        const stream = table.createWriteStream({
          sourceFormat: 'NEWLINE_DELIMITED_JSON',
          schema: tableResource(def).schema,
          createDisposition: 'CREATE_IF_NEEDED',
          writeDisposition: 'WRITE_TRUNCATE',
        });
        stream.on('job', resolve);
        stream.on('error', reject);
        stream.end(lines);
      });
      await job.promise();
    });
    return stageRef;
  }

  async function swap(
    dataset: string,
    def: TableDef,
    rows: readonly WarehouseRow[] | string,
    build: (stage?: TableRef) => { sql: string; params: Record<string, WarehouseParam> },
  ) {
    const staged =
      typeof rows === 'string'
        ? rows.length > 0 && stageLines(dataset, def, rows)
        : rows.length > 0 && stage(dataset, def, rows);
    const stageRef = staged ? await staged : undefined;
    const { sql, params } = build(stageRef);
    try {
      await run(sql, params);
    } catch (err) {
      if (stageRef)
        await ignore(
          () => true,
          async () => (await client()).dataset(dataset).table(stageRef.table).delete(),
        );
      throw err;
    }
  }

  return {
    async ensureTenant(ctx) {
      await ensureDataset(ctx.tenantId);
    },
    async query<T>(ctx: TenantContext, sql: string, params: Record<string, WarehouseParam> = {}) {
      const dataset = await ensureDataset(ctx.tenantId);
      return select<T>(resolveBigQueryTables(sql, projectId, dataset, TENANT_TABLES), params);
    },
    async replaceRange(ctx, table, range, rows) {
      const dataset = await ensureDataset(ctx.tenantId);
      const def = TENANT_TABLES[table];
      assertRowsInRange(def, range, rows);
      await swap(dataset, def, rows, (s) => replaceRangeScript(def, ref(dataset, def.name), range, s));
    },
    async *queryBatches<T>(
      ctx: TenantContext,
      sql: string,
      params: Record<string, WarehouseParam>,
      batchRows: number,
    ) {
      const dataset = await ensureDataset(ctx.tenantId);
      yield* selectBatches<T>(
        resolveBigQueryTables(sql, projectId, dataset, TENANT_TABLES),
        params,
        batchRows,
      );
    },
    async *queryColumns(ctx, sql, params, batchRows) {
      const dataset = await ensureDataset(ctx.tenantId);
      // The client gives rows; each page becomes columns (correct, not faster than the rows).
      for await (const rows of selectBatches<WarehouseRow>(
        resolveBigQueryTables(sql, projectId, dataset, TENANT_TABLES),
        params,
        batchRows,
      ))
        yield columnsOfRows(rows);
    },
    async replaceRangeBatches(ctx, table, range, batches) {
      const dataset = await ensureDataset(ctx.tenantId);
      const def = TENANT_TABLES[table];
      // The batches become one load file as they come (a line of JSON is far smaller than the row
      // object it came from), then one atomic replace, as replaceRange.
      const parts: string[] = [];
      for await (const batch of batches) {
        assertRowsInRange(def, range, batch);
        if (batchLength(batch) > 0) parts.push(toJsonLines(def, batch));
      }
      await swap(dataset, def, parts.join('\n'), (s) =>
        replaceRangeScript(def, ref(dataset, def.name), range, s),
      );
    },
    async replaceKeys(ctx, table, keys, rows) {
      const dataset = await ensureDataset(ctx.tenantId);
      const def = TENANT_TABLES[table];
      await swap(dataset, def, rows, (s) => replaceKeysScript(def, ref(dataset, def.name), keys, s));
    },
    async replaceNewer(ctx, write) {
      const dataset = await ensureDataset(ctx.tenantId);
      if (write.rows.length === 0) return { written: [] };
      const parentDef = TENANT_TABLES[write.table];
      const parent = {
        def: parentDef,
        target: ref(dataset, parentDef.name),
        stage: await stage(dataset, parentDef, write.rows),
      };
      const children = [];
      for (const child of write.children) {
        const def = TENANT_TABLES[child.table];
        children.push({
          def,
          target: ref(dataset, def.name),
          ...(child.rows.length ? { stage: await stage(dataset, def, child.rows) } : {}),
        });
      }
      try {
        const { sql, params } = replaceNewerScript(write, parent, children);
        const rows = await select<{ written: string }>(sql, params);
        return { written: rows.map((r) => r.written) };
      } finally {
        const bq = await client();
        for (const s of [parent.stage, ...children.flatMap((c) => (c.stage ? [c.stage] : []))])
          await ignore(
            () => true,
            () => bq.dataset(dataset).table(s.table).delete(),
          );
      }
    },
    async fillColumns(ctx, table, brandId) {
      const dataset = await ensureDataset(ctx.tenantId);
      const def: TableDef = TENANT_TABLES[table];
      for (const fill of def.fills ?? []) await run(fillOf(dataset, def, fill, '@brand'), { brand: brandId });
    },
    async deleteWhere(ctx, table, brandId, match) {
      const dataset = await ensureDataset(ctx.tenantId);
      const def = TENANT_TABLES[table];
      const { sql, params } = deleteWhereStatement(def, ref(dataset, def.name), brandId, match);
      const job = await run(sql, params);
      const [metadata] = await job.getMetadata();
      return Number(metadata.statistics?.query?.numDmlAffectedRows ?? 0);
    },
    async insertOps(table, rows) {
      if (rows.length === 0) return;
      const def = OPS_TABLES[table];
      const bq = await client();
      // Ops rows are append-only and small, so the streaming API fits; JSON encoding checks types.
      const json = rows.map((r) => JSON.parse(toJsonLine(def, r)) as Record<string, unknown>);
      await retryOnTransient('BigQuery insert', () => bq.dataset(OPS_DATASET).table(def.name).insert(json));
    },
    async queryOps<T>(sql: string, params: Record<string, WarehouseParam> = {}) {
      return select<T>(resolveBigQueryTables(sql, projectId, OPS_DATASET, OPS_TABLES), params);
    },
    async dropTenant(ctx) {
      const dataset = tenantDatasetName(ctx.tenantId);
      const bq = await client();
      await ignore(isNotFound, () => bq.dataset(dataset).delete({ force: true }));
      ensured.delete(dataset);
    },
    async close() {
      // The REST client holds no connections worth closing.
    },
  };
}

async function ignore(when: (err: unknown) => boolean, call: () => Promise<unknown>): Promise<void> {
  try {
    await call();
  } catch (err) {
    if (!when(err)) throw err;
  }
}
