import { createAnthropicLlmClient } from '../../shared/adapters/anthropic/anthropic-llm-client';
import { createLocalAnalyst } from '../../shared/insights/local-analyst';
import type { Config } from '../../shared/kernel/config';
import type { LlmClient } from '../../shared/ports/llm';

/** Claude when a key is configured, otherwise the deterministic local analyst (offline, free). */
export function chooseLlm(
  config: Pick<Config, 'ANTHROPIC_API_KEY' | 'ANTHROPIC_MODEL' | 'ANTHROPIC_BASE_URL'>,
): LlmClient {
  if (!config.ANTHROPIC_API_KEY) return createLocalAnalyst();
  return createAnthropicLlmClient({
    apiKey: config.ANTHROPIC_API_KEY,
    model: config.ANTHROPIC_MODEL,
    ...(config.ANTHROPIC_BASE_URL ? { baseURL: config.ANTHROPIC_BASE_URL } : {}),
  });
}
