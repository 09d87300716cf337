import type { Usage } from '../api/schemas';

export interface UsageTotal {
  key: string;
  calls: number;
  inputTokens: number;
  outputTokens: number;
  costMicros: number;
}

/** Sums the API's day × operation × model rows along one of those keys (largest cost first; days in order). */
export function usageTotals(rows: Usage['rows'], by: 'date' | 'operation' | 'model'): UsageTotal[] {
  const totals = new Map<string, UsageTotal>();
  for (const r of rows) {
    const key = r[by];
    const t = totals.get(key) ?? { key, calls: 0, inputTokens: 0, outputTokens: 0, costMicros: 0 };
    t.calls += r.calls;
    // Cache writes and reads are input the model processed too, priced differently (in cost).
    t.inputTokens += r.input_tokens + r.cache_creation_tokens + r.cache_read_tokens;
    t.outputTokens += r.output_tokens;
    t.costMicros += r.cost_micros;
    totals.set(key, t);
  }
  const list = [...totals.values()];
  return by === 'date'
    ? list.sort((a, b) => a.key.localeCompare(b.key))
    : list.sort((a, b) => b.costMicros - a.costMicros || a.key.localeCompare(b.key));
}
