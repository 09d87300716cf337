import { describe, expect, it } from 'vitest';
import { createBulkReassembler, readLines } from './bulk';

const FIELDS = { Order: 'lineItems', Refund: 'refundLineItems' };

function reassemble(jsonl: string) {
  const r = createBulkReassembler(FIELDS);
  const out: unknown[] = [];
  jsonl.split('\n').forEach((line, i) => {
    const done = r.push(line, i + 1);
    if (done) out.push(done);
  });
  const last = r.end();
  if (last) out.push(last);
  return out;
}

describe('bulk JSONL reassembly', () => {
  it('puts each child line back under its parent, including children of inline list items', () => {
    const jsonl = [
      '{"id":"gid://shopify/Order/1","refunds":[{"id":"gid://shopify/Refund/9"}]}',
      '{"id":"gid://shopify/LineItem/11","__parentId":"gid://shopify/Order/1"}',
      '{"quantity":1,"__parentId":"gid://shopify/Refund/9"}',
      '{"id":"gid://shopify/LineItem/12","__parentId":"gid://shopify/Order/1"}',
      '{"id":"gid://shopify/Order/2","refunds":[]}',
    ].join('\n');
    expect(reassemble(jsonl)).toEqual([
      {
        id: 'gid://shopify/Order/1',
        lineItems: { nodes: [{ id: 'gid://shopify/LineItem/11' }, { id: 'gid://shopify/LineItem/12' }] },
        refunds: [{ id: 'gid://shopify/Refund/9', refundLineItems: { nodes: [{ quantity: 1 }] } }],
      },
      { id: 'gid://shopify/Order/2', lineItems: { nodes: [] }, refunds: [] },
    ]);
  });

  it('names the line of a child whose parent never appeared', () => {
    expect(() =>
      reassemble('{"id":"gid://shopify/LineItem/1","__parentId":"gid://shopify/Order/404"}'),
    ).toThrow('line 1: parent gid://shopify/Order/404 not found before it');
  });

  it('names the line that is not JSON', () => {
    expect(() => reassemble('{"id":"gid://shopify/Order/1"}\n{oops')).toThrow('line 2: not valid JSON');
  });
});

describe('readLines', () => {
  it('splits a stream into lines across chunk boundaries and multi-byte characters', async () => {
    const bytes = new TextEncoder().encode('{"a":"é"}\n{"b":2}\n{"c":3}');
    const chunks = [bytes.slice(0, 7), bytes.slice(7, 13), bytes.slice(13)];
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        for (const chunk of chunks) c.enqueue(chunk);
        c.close();
      },
    });
    const lines: string[] = [];
    for await (const line of readLines(stream)) lines.push(line);
    expect(lines).toEqual(['{"a":"é"}', '{"b":2}', '{"c":3}']);
  });
});
