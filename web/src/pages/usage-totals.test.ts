import { describe, expect, it } from 'vitest';
import type { Usage } from '../api/schemas';
import { usageTotals } from './usage-totals';

const row = (date: string, operation: string, model: string, cost: number): Usage['rows'][number] => ({
  date,
  operation,
  model,
  calls: 1,
  input_tokens: 100,
  output_tokens: 10,
  cache_creation_tokens: 5,
  cache_read_tokens: 20,
  cost_micros: cost,
});

describe('AI usage totals', () => {
  const rows = [
    row('2026-11-02', 'ask', 'claude-sonnet-4-5', 3_000),
    row('2026-11-01', 'weekly_summary', 'claude-sonnet-4-5', 9_000),
    row('2026-11-02', 'ask', 'local-analyst', 0),
  ];

  it('adds up days in calendar order', () => {
    expect(usageTotals(rows, 'date').map((t) => [t.key, t.calls, t.costMicros])).toEqual([
      ['2026-11-01', 1, 9_000],
      ['2026-11-02', 2, 3_000],
    ]);
  });

  it('ranks operations and models by cost, counting cached input as input', () => {
    expect(usageTotals(rows, 'operation')[0]).toEqual({
      key: 'weekly_summary',
      calls: 1,
      inputTokens: 125,
      outputTokens: 10,
      costMicros: 9_000,
    });
    expect(usageTotals(rows, 'model').map((t) => t.key)).toEqual(['claude-sonnet-4-5', 'local-analyst']);
  });
});
