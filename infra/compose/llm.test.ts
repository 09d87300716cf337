import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../shared/kernel/config';
import { chooseLlm } from './llm';

describe('choosing the language model', () => {
  it.each([
    [{}, 'local-analyst'],
    [{ ANTHROPIC_API_KEY: 'sk-ant-x' }, 'claude-sonnet-4-6'],
    [{ ANTHROPIC_API_KEY: 'sk-ant-x', ANTHROPIC_MODEL: 'claude-haiku-4-5' }, 'claude-haiku-4-5'],
  ])('with %j it is %s', (env, model) => {
    expect(chooseLlm(loadConfig(env)).model).toBe(model);
  });
});
