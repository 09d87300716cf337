import type { z } from 'zod';
import type { FileProblems, ImportProblems } from '../../../kernel/util/import-problems';
import { productSchema, type ShopifyOrder, type ShopifyProduct } from '../schemas';
import { toShopifyOrder } from './bulk-normalize';
import { type BulkOrder, bulkLineItemSchema, bulkOrderSchema, FIELD_WORDS } from './bulk-schemas';

/**
 * Shopify bulk-operation results (JSONL) as a merchant downloads them, one or several part files
 * (e.g. one operation per month) in one import. Nested connections come as their own lines pointing
 * at their parent with `__parentId`; Shopify does not promise any order of lines, so every object
 * is read first and children are joined to their parents afterwards, across all the files.
 */
export interface ImportFile {
  name: string;
  content: string;
}

export interface BulkImport {
  orders: ShopifyOrder[];
  products: ShopifyProduct[];
  /** Child lines of kinds the import does not use (fulfillments, discount applications, …). */
  otherChildren: number;
}

interface Located {
  obj: Record<string, unknown>;
  problems: FileProblems;
  line: number;
  text: string;
}

const typeOf = (gid: unknown) =>
  typeof gid === 'string' ? /^gid:\/\/shopify\/([A-Za-z]+)\//.exec(gid)?.[1] : undefined;

/**
 * Where a child goes back in its parent. Refunds are an inline list of the order, but a query may
 * still select their `refundLineItems` connection (the sync's own query does): those lines point at
 * the refund inside the order.
 */
function childField(parentType: string | undefined, childType: string | undefined): string | undefined {
  if (parentType === 'Order') return childType === 'LineItem' ? 'lineItems' : undefined;
  if (parentType === 'Product') return childType === 'ProductVariant' ? 'variants' : undefined;
  if (parentType === 'Refund') return 'refundLineItems';
  return undefined;
}

export function readBulkJsonl(files: readonly ImportFile[], problems: ImportProblems): BulkImport {
  const roots = new Map<string, Located>();
  const children: Located[] = [];
  for (const file of files) {
    const fp = problems.forFile(file.name);
    const lines = file.content.replace(/^\uFEFF/, '').split(/\r?\n/);
    lines.forEach((text, i) => {
      if (!text.trim()) return;
      let obj: unknown;
      try {
        obj = JSON.parse(text);
      } catch {
        fp.add({ line: i + 1, column: 1 }, 'this line is not valid JSON (was the file cut short or edited?)');
        return;
      }
      if (!obj || typeof obj !== 'object' || Array.isArray(obj)) {
        fp.add({ line: i + 1, column: 1 }, 'each line should be one JSON object');
        return;
      }
      const located = { obj: obj as Record<string, unknown>, problems: fp, line: i + 1, text };
      if (typeof located.obj.__parentId === 'string') children.push(located);
      else if (typeof located.obj.id === 'string') {
        // The same order in two part files (it changed between operations): the later line wins.
        roots.set(located.obj.id, located);
      } else fp.add({ line: i + 1, column: 1 }, 'this object has no "id"; the query must select id');
    });
  }

  // Objects of inline lists (an order's refunds) can be parents too.
  const parents = new Map<string, Record<string, unknown>>([...roots].map(([id, r]) => [id, r.obj]));
  for (const root of roots.values())
    for (const value of Object.values(root.obj))
      if (Array.isArray(value))
        for (const item of value)
          if (item && typeof item === 'object' && typeof (item as { id?: unknown }).id === 'string')
            parents.set((item as { id: string }).id, item as Record<string, unknown>);

  let otherChildren = 0;
  for (const child of children) {
    const parentId = String(child.obj.__parentId);
    const parent = parents.get(parentId);
    const field = childField(typeOf(parentId), typeOf(child.obj.id));
    if (!parent) {
      child.problems.add(
        { line: child.line, column: columnOf(child.text, '__parentId') },
        `this line belongs to ${parentId}, which is not in the files imported together with it`,
      );
      continue;
    }
    if (!field) {
      otherChildren++;
      continue;
    }
    const { __parentId: _, ...rest } = child.obj;
    if (!parent[field]) parent[field] = { nodes: [] };
    const holder = parent[field] as { nodes: unknown[] };
    holder.nodes.push(
      field === 'refundLineItems'
        ? rest
        : { ...rest, __line: child.line, __text: child.text, __problems: child.problems },
    );
  }

  const out: BulkImport = { orders: [], products: [], otherChildren };
  for (const [id, root] of roots) {
    const kind = typeOf(id);
    if (kind === 'Order') {
      const order = readOrder(root);
      if (order) out.orders.push(order);
    } else if (kind === 'Product') {
      const product = readProduct(root);
      if (product) out.products.push(product);
    } else
      root.problems.add(
        { line: root.line, column: columnOf(root.text, 'id') },
        `expected orders or products, found "${id}"; export an orders (or products) query`,
      );
  }
  return out;
}

type Child = Record<string, unknown> & { __line: number; __text: string; __problems: FileProblems };

function readOrder(root: Located): ShopifyOrder | undefined {
  const lines = ((root.obj.lineItems as { nodes?: Child[] } | undefined)?.nodes ?? []) as Child[];
  const parsed = bulkOrderSchema.safeParse({ ...root.obj, lineItems: undefined });
  let ok = true;
  if (!parsed.success) {
    report(root, parsed.error, 'order', root.obj);
    ok = false;
  }
  const items = lines.flatMap((line) => {
    const item = bulkLineItemSchema.safeParse(line);
    if (!item.success) {
      report(
        { problems: line.__problems, line: line.__line, text: line.__text },
        item.error,
        'line item',
        line,
      );
      ok = false;
      return [];
    }
    return [{ ...item.data, line: line.__line, problems: line.__problems, text: line.__text }];
  });
  if (!ok || !parsed.success) return undefined;
  return toShopifyOrder(parsed.data as BulkOrder, items, (at, message) =>
    at.problems.add({ line: at.line, column: 1 }, message),
  );
}

function readProduct(root: Located): ShopifyProduct | undefined {
  const variants = ((root.obj.variants as { nodes?: Child[] } | undefined)?.nodes ?? []).map(
    ({ __line: _l, __text: _t, __problems: _p, ...v }) => v,
  );
  const parsed = productSchema.safeParse({ ...root.obj, variants: { nodes: variants } });
  if (parsed.success) return parsed.data;
  report(root, parsed.error, 'product', root.obj);
  return undefined;
}

function report(
  at: { problems: FileProblems; line: number; text: string },
  error: z.ZodError,
  what: string,
  input: unknown,
): void {
  for (const issue of error.issues) {
    const path = issue.path.filter((p) => typeof p === 'string' || typeof p === 'number').map(String);
    const key = [...path].reverse().find((p) => !/^\d+$/.test(p)) ?? '';
    const words = FIELD_WORDS[key] ? ` (${FIELD_WORDS[key]})` : '';
    const field = path.join('.') || what;
    const value = path.reduce<unknown>(
      (o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined),
      input,
    );
    const column = key ? columnOf(at.text, key) : 1;
    let message: string;
    if (issue.code === 'custom') message = issue.message;
    else if (value === undefined || value === null)
      message = `the ${what} has no "${field}"${words}; add it to the bulk query`;
    else {
      const expected =
        issue.code === 'invalid_type'
          ? `a ${issue.expected}`
          : issue.message.replace(/^Invalid input: expected /, '');
      message = `"${field}"${words} should be ${expected}, not ${JSON.stringify(value)}`;
    }
    at.problems.add({ line: at.line, column }, message);
  }
}

/** The character column of `"key":` in a JSON line, or 1 when the key is absent. */
function columnOf(text: string, key: string): number {
  const i = text.indexOf(`"${key}"`);
  return i < 0 ? 1 : i + 1;
}
