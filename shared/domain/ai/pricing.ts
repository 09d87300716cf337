import type { LlmUsage } from './usage';

/**
 * Model prices in USD per million tokens, versioned: every ledger row names the version it was
 * priced with, so a price change never silently re-prices history. Prompt-cache writes (5-minute
 * TTL) cost 1.25× the input price and cache reads 0.1× (Anthropic pricing page, prompt caching).
 * USD per million tokens × tokens = micro-USD, the ledger's unit. The 2026 models' prices are
 * from their pages on platform.claude.com (docs/models/<model>/overview: Sonnet 4.6 $3 / $15,
 * Sonnet 5 and 5.5 $2 / $10, Opus 5.5 $4 / $20 per million input / output tokens).
 */
export const PRICING_VERSION = '2026-12-06';

export interface ModelPrice {
  inputPerMTok: number;
  outputPerMTok: number;
}

const CACHE_WRITE_MULTIPLIER = 1.25;
const CACHE_READ_MULTIPLIER = 0.1;

/** Longest matching prefix wins, so dated snapshots (`claude-sonnet-4-5-20250929`) price as their family. */
export const MODEL_PRICES: Readonly<Record<string, ModelPrice>> = {
  'claude-opus-5-5': { inputPerMTok: 4, outputPerMTok: 20 },
  'claude-opus-4-5': { inputPerMTok: 5, outputPerMTok: 25 },
  'claude-opus-4-1': { inputPerMTok: 15, outputPerMTok: 75 },
  'claude-opus-4': { inputPerMTok: 15, outputPerMTok: 75 },
  'claude-sonnet-5-5': { inputPerMTok: 2, outputPerMTok: 10 },
  'claude-sonnet-5': { inputPerMTok: 2, outputPerMTok: 10 },
  'claude-sonnet-4-6': { inputPerMTok: 3, outputPerMTok: 15 },
  'claude-sonnet-4-5': { inputPerMTok: 3, outputPerMTok: 15 },
  'claude-sonnet-4': { inputPerMTok: 3, outputPerMTok: 15 },
  'claude-3-7-sonnet': { inputPerMTok: 3, outputPerMTok: 15 },
  'claude-haiku-4-5': { inputPerMTok: 1, outputPerMTok: 5 },
  'claude-3-5-haiku': { inputPerMTok: 0.8, outputPerMTok: 4 },
  /** The deterministic local analyst runs in-process and costs nothing. */
  'local-analyst': { inputPerMTok: 0, outputPerMTok: 0 },
};

/** Unknown models are priced as the most expensive known one: the budget must never under-count. */
const FALLBACK: ModelPrice = { inputPerMTok: 15, outputPerMTok: 75 };

export function priceOf(model: string): { price: ModelPrice; known: boolean } {
  const key = Object.keys(MODEL_PRICES)
    .filter((k) => model === k || model.startsWith(`${k}-`))
    .sort((a, b) => b.length - a.length)[0];
  return key ? { price: MODEL_PRICES[key]!, known: true } : { price: FALLBACK, known: false };
}

/** Cost of one call in micro-USD, rounded up. */
export function costMicros(model: string, usage: LlmUsage): number {
  const { price } = priceOf(model);
  const exact =
    usage.inputTokens * price.inputPerMTok +
    usage.outputTokens * price.outputPerMTok +
    usage.cacheCreationInputTokens * price.inputPerMTok * CACHE_WRITE_MULTIPLIER +
    usage.cacheReadInputTokens * price.inputPerMTok * CACHE_READ_MULTIPLIER;
  return Math.ceil(exact - 1e-9);
}
