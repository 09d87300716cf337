import { checkGroundedness } from '../../shared/domain/ai/groundedness';
import { createLocalAnalyst } from '../../shared/insights/local-analyst';
import { worldBrand } from '../support/world';
import { openWorld, recommendWorld, worldAgent } from '../support/world-harness';
import type { Benchmark } from './run';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function timed(n: number, fn: () => Promise<unknown> | unknown): Promise<number> {
  await fn(); // warm-up: first-call costs (connections, JIT) are not what is measured
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn();
    samples.push(performance.now() - t);
  }
  return median(samples);
}

/**
 * An offline answer (two local-analyst turns, the tool SQL on DuckDB, two ledger writes) against
 * the floor of one trivial warehouse round trip; the groundedness check over 400 source numbers
 * (where pairwise derivations are still enumerated) against parsing the same tool output.
 */
export const bench: Benchmark = {
  name: 'insights',
  async run() {
    const w = await openWorld({ budgetMicros: 1_000_000_000 });
    try {
      await recommendWorld(w);
      const agent = worldAgent(w, createLocalAnalyst());
      const brand = worldBrand();
      const ask = await timed(15, () => agent.ask(w.ctx, brand, 'Why did revenue drop this week?', 'bench'));
      const floor = await timed(15, () => w.warehouse.query(w.ctx, 'SELECT 1 AS one'));

      const output = {
        rows: Array.from({ length: 80 }, (_, i) => ({
          a: i * 13.37,
          b: i * 1000 + 7,
          c: i / 7,
          d: i,
          e: -i,
        })),
      };
      const json = JSON.stringify(output);
      const answer = Array.from({ length: 20 }, (_, i) => `value ${(i * 13.37).toFixed(2)}`).join(', ');
      const check = await timed(15, () => checkGroundedness(answer, { toolValues: [output], userText: [] }));
      const parse = await timed(15, () => JSON.parse(json));
      return [
        {
          name: 'ask (local analyst, compare_periods)',
          value: ask,
          unit: 'ms',
          ratio: ask / floor,
          baseline: 'warehouse SELECT 1',
        },
        {
          name: 'groundedness check, 400 source numbers',
          value: check,
          unit: 'ms',
          ratio: check / parse,
          baseline: 'JSON.parse of the tool output',
        },
      ];
    } finally {
      await w.close();
    }
  },
};
