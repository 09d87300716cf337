import { ValidationError } from '../../../kernel/errors';
import { createBulkReassembler } from '../bulk';
import { orderSchema, productSchema, type ShopifyOrder, type ShopifyProduct } from '../schemas';

/**
 * A bulk-operation result file (JSONL with `__parentId`) of orders and/or products, as a merchant
 * downloads it or as our own backfill reads it. Each reassembled object is validated against the
 * same schema a paged query uses; an error names the file and the line its object started on.
 */
const CHILD_FIELDS = { Order: 'lineItems', Refund: 'refundLineItems', Product: 'variants' };

export interface BulkFile {
  orders: ShopifyOrder[];
  products: ShopifyProduct[];
}

export async function parseBulkJsonl(
  lines: AsyncIterable<string> | Iterable<string>,
  file: string,
): Promise<BulkFile> {
  const out: BulkFile = { orders: [], products: [] };
  const reassembler = createBulkReassembler(CHILD_FIELDS);
  let lineNo = 0;
  let rootLine = 0;
  const accept = (root: Record<string, unknown> | undefined, startedAt: number) => {
    if (!root) return;
    const id = String(root.id ?? '');
    const [schema, into] = id.startsWith('gid://shopify/Order/')
      ? ([orderSchema, out.orders] as const)
      : id.startsWith('gid://shopify/Product/')
        ? ([productSchema, out.products] as const)
        : ([undefined, undefined] as const);
    if (!schema)
      throw new ValidationError(
        `${file}:${startedAt}:1: expected an Order or Product object, got id "${id}"`,
      );
    const parsed = schema.safeParse(root);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new ValidationError(
        `${file}:${startedAt}:1: ${issue?.path.join('.') || 'object'}: ${issue?.message ?? 'invalid'}`,
      );
    }
    (into as unknown[]).push(parsed.data);
  };
  for await (const line of lines) {
    lineNo++;
    let done: Record<string, unknown> | undefined;
    try {
      done = reassembler.push(line, lineNo);
    } catch (err) {
      throw new ValidationError(`${file}:${lineNo}:1: ${(err as Error).message.replace(/^line \d+: /, '')}`);
    }
    if (done) accept(done, rootLine);
    if (line.trim() && !line.includes('"__parentId"')) rootLine = lineNo;
  }
  accept(reassembler.end(), rootLine);
  return out;
}
