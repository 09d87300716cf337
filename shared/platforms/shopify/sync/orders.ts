import { z } from 'zod';
import type { Order } from '../../../domain/entities';
import type { TenantContext } from '../../../domain/tenancy';
import { UpstreamError } from '../../../kernel/errors';
import { readLines } from '../../../kernel/util/jsonl';
import type { Clock } from '../../../ports/clock';
import type { Warehouse } from '../../../ports/warehouse';
import { createBulkReassembler, openBulkResult, runBulkQuery } from '../bulk';
import { paginate, type ShopifyClient } from '../client';
import { orderFromShopify } from '../mapping';
import { ORDERS_BULK_QUERY, ORDERS_QUERY } from '../queries';
import { orderSchema, page } from '../schemas';
import { emptyWrite, mergeWrites, type WriteOrdersResult, writeOrders } from './write-orders';

/**
 * Orders in two modes. Backfill: one bulk operation over the whole shop, its JSONL streamed and
 * written in batches. Incremental: `orders(query: "updated_at:>='<cursor>'", sortKey: UPDATED_AT)`
 * page by page, the cursor committed after each page's rows are written. The filter is inclusive,
 * so the boundary order is read again after a crash and rewritten to the same rows.
 */
export interface OrdersStageOptions {
  batchSize: number;
  pageSize: number;
  pollIntervalMs: number;
  sleep: (ms: number) => Promise<void>;
}

interface Brand {
  id: string;
  timezone: string;
}

const ordersPage = z.object({ orders: page(orderSchema) });

export async function backfillOrders(
  deps: { warehouse: Warehouse; fetch: typeof fetch; clock: Clock },
  ctx: TenantContext,
  client: ShopifyClient,
  brand: Brand,
  unitCosts: ReadonlyMap<string, number>,
  options: OrdersStageOptions,
): Promise<{ written: WriteOrdersResult; cursor: string }> {
  const op = await runBulkQuery(client, ORDERS_BULK_QUERY, {
    sleep: options.sleep,
    now: () => deps.clock.now().getTime(),
    pollIntervalMs: options.pollIntervalMs,
    // Stay well inside a function's 9-minute limit; the retry (or bulk_operations/finish) resumes.
    maxWaitMs: 5 * 60_000,
    // A finished export from the last hour (an earlier attempt of this sync) is reused.
    notBefore: new Date(deps.clock.now().getTime() - 3_600_000).toISOString(),
  });
  let written = emptyWrite();
  if (!op.url) return { written, cursor: op.createdAt };
  const reassembler = createBulkReassembler({ Order: 'lineItems', Refund: 'refundLineItems' });
  let batch: Order[] = [];
  const flush = async () => {
    if (batch.length)
      written = mergeWrites(written, await writeOrders(deps.warehouse, ctx, brand, batch, { unitCosts }));
    batch = [];
  };
  const accept = async (root: Record<string, unknown> | undefined, lineNo: number) => {
    if (!root) return;
    const parsed = orderSchema.safeParse(root);
    if (!parsed.success)
      throw new UpstreamError(`bulk result line ${lineNo}: unexpected order shape`, {
        details: parsed.error.issues.slice(0, 3),
      });
    batch.push(orderFromShopify(parsed.data));
    if (batch.length >= options.batchSize) await flush();
  };
  let lineNo = 0;
  for await (const line of readLines(await openBulkResult(deps.fetch, op.url))) {
    lineNo++;
    await accept(reassembler.push(line, lineNo), lineNo);
  }
  await accept(reassembler.end(), lineNo);
  await flush();
  return { written, cursor: op.createdAt };
}

export async function incrementalOrders(
  deps: { warehouse: Warehouse },
  ctx: TenantContext,
  client: ShopifyClient,
  brand: Brand,
  unitCosts: ReadonlyMap<string, number>,
  cursor: string,
  /** After each page: its cursor and what it wrote (the sync job announces the days it changed). */
  commit: (cursor: string, page: WriteOrdersResult) => Promise<void>,
  options: Pick<OrdersStageOptions, 'pageSize'>,
): Promise<WriteOrdersResult> {
  let written = emptyWrite();
  const query = `updated_at:>='${cursor}'`;
  for await (const nodes of paginate(
    async (after) =>
      (await client.request('Orders', ORDERS_QUERY, { first: options.pageSize, after, query }, ordersPage))
        .orders,
  )) {
    const pageWritten = await writeOrders(deps.warehouse, ctx, brand, nodes.map(orderFromShopify), {
      unitCosts,
    });
    written = mergeWrites(written, pageWritten);
    const last = nodes.at(-1)?.updatedAt;
    if (last) await commit(last, pageWritten);
  }
  return written;
}
