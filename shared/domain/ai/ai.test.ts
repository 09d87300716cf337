import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../kernel/config';
import { checkGroundedness, numbersIn } from './groundedness';
import { costMicros, priceOf } from './pricing';

describe('pricing', () => {
  it('prices a dated snapshot as its family, cache writes at 1.25× and reads at 0.1× input', () => {
    const usage = {
      inputTokens: 1000,
      outputTokens: 200,
      cacheCreationInputTokens: 2000,
      cacheReadInputTokens: 10_000,
    };
    // 1000×3 + 200×15 + 2000×3.75 + 10000×0.3 = 3000 + 3000 + 7500 + 3000
    expect(costMicros('claude-sonnet-4-5-20250929', usage)).toBe(16_500);
    expect(priceOf('claude-haiku-4-5').price.inputPerMTok).toBe(1);
  });

  it('prices the default model and the 2026 Sonnets at their own rates, Sonnet 5.5 not as Sonnet 5 by prefix accident', () => {
    expect(priceOf(loadConfig({}).ANTHROPIC_MODEL)).toMatchObject({ known: true });
    expect(priceOf('claude-sonnet-4-6').price).toEqual({ inputPerMTok: 3, outputPerMTok: 15 });
    expect(priceOf('claude-sonnet-5-5').price).toEqual({ inputPerMTok: 2, outputPerMTok: 10 });
    expect(priceOf('claude-opus-5-5').price).toEqual({ inputPerMTok: 4, outputPerMTok: 20 });
  });

  it('defaults to a model that has not reached end of life (claude-sonnet-4-5 ended 2026-11-30)', () => {
    expect(loadConfig({}).ANTHROPIC_MODEL).not.toMatch(/^claude-sonnet-4-5/);
  });

  it('prices an unknown model at the most expensive rate instead of zero', () => {
    expect(priceOf('claude-future-9')).toMatchObject({ known: false, price: { outputPerMTok: 75 } });
  });
});

describe('groundedness', () => {
  const tools = [{ revenue: 1234.56, spend: 400, roas: 3.0864, campaigns: [{ profit_minor: 50_000 }] }];

  it('accepts numbers that appear, are rounded, converted from minor units or are percent changes', () => {
    const answer =
      'Revenue was USD 1,234.56 (about 1235) on 400 of spend, ROAS 3.09; the top campaign made 500.00. Spend vs revenue: +208.6 %.';
    expect(checkGroundedness(answer, { toolValues: tools, userText: [] })).toEqual({
      grounded: true,
      ungroundedNumbers: [],
    });
  });

  it('flags a number no tool returned', () => {
    const result = checkGroundedness('Revenue was 1,500.00 and ROAS 3.09.', {
      toolValues: tools,
      userText: [],
    });
    expect(result).toEqual({ grounded: false, ungroundedNumbers: ['1,500.00'] });
  });

  it('ignores dates and identifiers, and accepts numbers the user or the tool inputs gave', () => {
    expect(numbersIn('On 2026-11-20 campaign meta:act_1001:42 (PP-TEE-2) spent 5')).toEqual(['5']);
    const r = checkGroundedness('Over the last 30 days: 400, not 12.', {
      toolValues: [...tools, { days: 30 }],
      userText: ['and 12 more?'],
    });
    expect(r.grounded).toBe(true);
  });
});
