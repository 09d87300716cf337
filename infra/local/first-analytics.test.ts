import { describe, expect, it } from 'vitest';
import type { BrandRunSummary } from '../../shared/customers/job';
import type { TopicMessage } from '../../shared/ports/events';
import { topicHandler } from '../../shared/ports/function-handler';
import { analyticsAfterPass } from './first-analytics';

const message = {
  tenantId: 't1',
  brandId: 'b1',
  idempotencyKey: 'pass-1',
  range: { from: '2026-11-01', to: '2026-11-30' },
} as TopicMessage<'attribution.completed'>;
const meta = { attempt: 1, messageId: 'm1' };

function recorder() {
  const seen: string[] = [];
  return { seen, handler: topicHandler('attribution.completed', async (m) => void seen.push(m.brandId)) };
}

describe('customer analytics after an attribution pass (embedded runtime)', () => {
  it('judges the recommendations again when the run made the day’s first model', async () => {
    const { seen, handler } = recorder();
    const made = { brandId: 'b1', asOf: '2026-11-30' } as unknown as BrandRunSummary;
    await analyticsAfterPass({ runIfMissing: async () => made }, handler)(message, meta);
    expect(seen).toEqual(['b1']);
  });

  it('leaves them alone when the model already existed', async () => {
    const { seen, handler } = recorder();
    await analyticsAfterPass({ runIfMissing: async () => null }, handler)(message, meta);
    expect(seen).toEqual([]);
  });
});
