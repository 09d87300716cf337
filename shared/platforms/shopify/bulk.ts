import { z } from 'zod';
import { RetryableError, UpstreamError, ValidationError } from '../../kernel/errors';
import type { ShopifyClient } from './client';
import { BULK_RUN_MUTATION, CURRENT_BULK_QUERY } from './queries';
import { type BulkOperation, bulkOperationSchema, userErrorSchema } from './schemas';

/**
 * Bulk operations: Shopify runs one query over the whole shop asynchronously and hosts the result
 * as JSONL, one object per line, nested connections flattened into their own lines that point at
 * their parent with `__parentId` (children always follow their parent). Only one bulk query runs
 * per shop at a time, so a retried sync first adopts the shop's current operation instead of
 * starting a second one (which Shopify would refuse anyway).
 */
const runResultSchema = z.object({
  bulkOperationRunQuery: z.object({
    bulkOperation: bulkOperationSchema.nullable(),
    userErrors: z.array(userErrorSchema),
  }),
});
const currentSchema = z.object({ currentBulkOperation: bulkOperationSchema.nullable() });

export interface BulkRunOptions {
  sleep: (ms: number) => Promise<void>;
  now: () => number;
  pollIntervalMs?: number;
  /** Give up polling after this long; the task is retried later and adopts the running operation. */
  maxWaitMs?: number;
  /** An operation created before this instant is stale and is not adopted. */
  notBefore?: string;
}

export async function runBulkQuery(
  client: ShopifyClient,
  query: string,
  options: BulkRunOptions,
): Promise<BulkOperation> {
  const poll = async () =>
    (await client.request('CurrentBulkOperation', CURRENT_BULK_QUERY, {}, currentSchema))
      .currentBulkOperation;
  let op = await poll();
  const adoptable =
    op &&
    (op.status === 'RUNNING' || op.status === 'CREATED' || op.status === 'COMPLETED') &&
    (!options.notBefore || op.createdAt >= options.notBefore);
  if (!adoptable) {
    const started = await client.request(
      'BulkOperationRunQuery',
      BULK_RUN_MUTATION,
      { query },
      runResultSchema,
    );
    const { bulkOperation, userErrors } = started.bulkOperationRunQuery;
    if (!bulkOperation)
      throw new UpstreamError(`bulk query refused: ${userErrors.map((e) => e.message).join('; ')}`);
    op = bulkOperation;
  }
  const deadline = options.now() + (options.maxWaitMs ?? 10 * 60_000);
  while (op && (op.status === 'CREATED' || op.status === 'RUNNING')) {
    if (options.now() > deadline)
      throw new RetryableError(`bulk operation ${op.id} still ${op.status}`, options.pollIntervalMs ?? 1000);
    await options.sleep(options.pollIntervalMs ?? 1000);
    op = await poll();
  }
  if (op?.status !== 'COMPLETED')
    throw new UpstreamError(
      `bulk operation ${op?.id ?? '?'} ended ${op?.status ?? 'missing'} (${op?.errorCode ?? ''})`,
    );
  return op;
}

/** Where each parent type's flattened children go back: `{ Order: 'lineItems', Refund: 'refundLineItems' }`. */
export type ChildFields = Readonly<Record<string, string>>;

type Obj = Record<string, unknown> & { id?: string };
const typeOf = (gid: string) => /^gid:\/\/shopify\/([A-Za-z]+)\//.exec(gid)?.[1];

/**
 * Re-nests bulk JSONL into the `{ nodes: [...] }` shape a paged query returns, yielding each root
 * object once all its children have been read (when the next root begins, or at the end).
 */
export function createBulkReassembler(childFields: ChildFields) {
  const byId = new Map<string, Obj>();
  let root: Obj | undefined;

  const register = (o: Obj) => {
    if (typeof o.id === 'string') {
      byId.set(o.id, o);
      const field = childFields[typeOf(o.id) ?? ''];
      if (field && !o[field]) o[field] = { nodes: [] };
    }
    // Inline lists (e.g. Order.refunds) hold objects that flattened children may point at.
    for (const v of Object.values(o))
      if (Array.isArray(v)) for (const item of v) if (item && typeof item === 'object') register(item as Obj);
  };

  return {
    /** Feeds one line (1-based `lineNo` for errors); returns a finished root object, if any. */
    push(line: string, lineNo: number): Obj | undefined {
      if (!line.trim()) return undefined;
      let obj: Obj;
      try {
        obj = JSON.parse(line) as Obj;
      } catch {
        throw new ValidationError(`line ${lineNo}: not valid JSON`);
      }
      const parentId = obj.__parentId;
      if (typeof parentId !== 'string') {
        const done = root;
        byId.clear();
        root = obj;
        register(obj);
        return done;
      }
      delete obj.__parentId;
      const parent = byId.get(parentId);
      const field = childFields[typeOf(parentId) ?? ''];
      if (!parent || !field)
        throw new ValidationError(`line ${lineNo}: parent ${parentId} not found before it`);
      (parent[field] as { nodes: Obj[] }).nodes.push(obj);
      register(obj);
      return undefined;
    },
    end(): Obj | undefined {
      const done = root;
      root = undefined;
      byId.clear();
      return done;
    },
  };
}

/** Streams a bulk result file line by line (they reach hundreds of MB; never hold it whole). */
export async function* readLines(body: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  let rest = '';
  for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
    rest += decoder.decode(chunk, { stream: true });
    let nl = rest.indexOf('\n');
    while (nl >= 0) {
      yield rest.slice(0, nl);
      rest = rest.slice(nl + 1);
      nl = rest.indexOf('\n');
    }
  }
  rest += decoder.decode();
  if (rest) yield rest;
}

/** Opens a bulk result URL; a failed download is retryable (the URL stays valid for a week). */
export async function openBulkResult(
  fetchFn: typeof fetch,
  url: string,
): Promise<ReadableStream<Uint8Array>> {
  let res: Response;
  try {
    res = await fetchFn(url);
  } catch (err) {
    throw new RetryableError(`bulk result download failed: ${(err as Error).message}`, 5_000, { cause: err });
  }
  if (!res.ok || !res.body)
    throw new RetryableError(`bulk result download answered HTTP ${res.status}`, 5_000);
  return res.body;
}
