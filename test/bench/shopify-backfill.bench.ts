import { createBulkReassembler, openBulkResult, readLines } from '../../shared/platforms/shopify/bulk';
import { createShopifyTestbed } from '../support/shopify-testbed';
import type { Benchmark } from './run';

/**
 * Shopify backfill throughput: ~100k sandbox orders through the real path (bulk operation, JSONL
 * download, reassembly, validation, mapping, DuckDB writes). Baseline in the same run: reading and
 * JSON-parsing the very same bulk file, nothing else — the floor any backfill pays. The ratio says
 * how much of the raw parse speed the full backfill keeps.
 */
const SCALE = 3.8; // ≈ 100k orders over 180 days

export const bench: Benchmark = {
  name: 'shopify-backfill',
  async run() {
    const b = await createShopifyTestbed({
      seedOrdersScale: SCALE,
      throttle: { maximumAvailable: 20_000, restoreRate: 10_000 },
    });
    try {
      const orders = b.sandbox.store.orders.length;
      const t0 = performance.now();
      const outcome = await b.sync('backfill');
      const backfillMs = performance.now() - t0;
      if (outcome.status !== 'synced' || outcome.written.orders !== orders)
        throw new Error(`backfill wrote ${JSON.stringify(outcome)} of ${orders} orders`);

      const op = b.sandbox.state.bulk.at(-1)!;
      const url = `${b.sandbox.url}/bulk/${op.id.split('/').pop()}.jsonl`;
      const t1 = performance.now();
      const reassembler = createBulkReassembler({ Order: 'lineItems', Refund: 'refundLineItems' });
      let parsed = 0;
      let lineNo = 0;
      for await (const line of readLines(await openBulkResult(fetch, url)))
        if (reassembler.push(line, ++lineNo)) parsed++;
      if (reassembler.end()) parsed++;
      const parseMs = performance.now() - t1;
      if (parsed !== orders) throw new Error(`baseline parsed ${parsed} of ${orders} orders`);

      const backfillRate = orders / (backfillMs / 1000);
      const parseRate = orders / (parseMs / 1000);
      return [
        {
          name: `backfill ${orders} orders (bulk → warehouse)`,
          value: backfillRate,
          unit: 'orders/s',
          ratio: backfillRate / parseRate,
          baseline: 'raw JSONL download + parse of the same file',
        },
        { name: 'raw JSONL download + parse (baseline)', value: parseRate, unit: 'orders/s' },
      ];
    } finally {
      await b.close();
    }
  },
};
