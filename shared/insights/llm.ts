import { createAnthropicLlmClient } from '../adapters/anthropic/anthropic-llm-client';
import type { Config } from '../kernel/config';
import type { LlmClient } from '../ports/llm';
import { createLocalAnalyst } from './local-analyst';

/** Claude when a key is configured, otherwise the deterministic local analyst (offline, free). */
export function createLlmClient(
  config: Pick<Config, 'ANTHROPIC_API_KEY' | 'ANTHROPIC_MODEL' | 'ANTHROPIC_BASE_URL'>,
): LlmClient {
  if (!config.ANTHROPIC_API_KEY) return createLocalAnalyst();
  return createAnthropicLlmClient({
    apiKey: config.ANTHROPIC_API_KEY,
    model: config.ANTHROPIC_MODEL,
    ...(config.ANTHROPIC_BASE_URL ? { baseURL: config.ANTHROPIC_BASE_URL } : {}),
  });
}
