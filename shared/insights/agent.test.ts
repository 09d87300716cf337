import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { worldBrand } from '../../test/support/world';
import { openWorld, type World, worldAgent } from '../../test/support/world-harness';
import type { LlmClient, LlmRequest, LlmResponse } from '../ports/llm';
import { createLocalAnalyst } from './local-analyst';

let w: World;
beforeAll(async () => {
  w = await openWorld();
});
afterAll(async () => {
  await w.close();
});

const usage = { inputTokens: 10, outputTokens: 5, cacheCreationInputTokens: 0, cacheReadInputTokens: 0 };

/** A model that follows a script of turns and keeps the requests it saw. */
function scripted(turns: Array<(req: LlmRequest) => Omit<LlmResponse, 'usage' | 'model'>>) {
  const seen: LlmRequest[] = [];
  const llm: LlmClient = {
    model: 'claude-haiku-4-5',
    async createMessage(req) {
      seen.push(structuredClone(req));
      const turn = turns[Math.min(seen.length - 1, turns.length - 1)]!;
      return { model: 'claude-haiku-4-5', usage, ...turn(req) };
    },
  };
  return { llm, seen };
}

const agentWith = (llm: LlmClient, maxToolRounds?: number) =>
  worldAgent(w, llm, maxToolRounds ? { maxToolRounds } : {});

describe('agent loop', () => {
  it('stops a model that never stops calling tools after the round cap, and says so', async () => {
    const { llm, seen } = scripted([
      (req) => ({
        stopReason: 'tool_use',
        content: [{ type: 'tool_use', id: `t${req.messages.length}`, name: 'get_kpis', input: {} }],
      }),
    ]);
    const a = await agentWith(llm, 3).ask(w.ctx, worldBrand(), 'Loop forever', 'ask');
    expect(a).toMatchObject({ complete: false, rounds: 3 });
    expect(a.answer).toContain('Stopped after 3 rounds');
    expect(seen).toHaveLength(4);
    expect(a.toolCalls).toHaveLength(3);
  });

  it('hands invalid tool input back to the model as an error result instead of failing', async () => {
    const { llm, seen } = scripted([
      () => ({
        stopReason: 'tool_use',
        content: [{ type: 'tool_use', id: 'bad', name: 'get_campaigns', input: { sort_by: 'vibes' } }],
      }),
      () => ({ stopReason: 'end_turn', content: [{ type: 'text', text: 'I could not sort by that.' }] }),
    ]);
    const a = await agentWith(llm).ask(w.ctx, worldBrand(), 'Sort campaigns by vibes', 'ask');
    const result = seen[1]!.messages.at(-1)!.content[0]!;
    expect(result).toMatchObject({ type: 'tool_result', toolUseId: 'bad', isError: true });
    expect(a).toMatchObject({ answer: 'I could not sort by that.', grounded: true, complete: true });
  });

  it('keeps the system prompt and tools identical across brands and questions (the cached prefix)', async () => {
    const { llm, seen } = scripted([
      () => ({ stopReason: 'end_turn', content: [{ type: 'text', text: 'ok' }] }),
    ]);
    const agent = agentWith(llm);
    await agent.ask(w.ctx, worldBrand(), 'first question', 'ask');
    await agent.ask(w.ctx, { ...worldBrand(), name: 'Another Brand', currency: 'EUR' }, 'second', 'ask');
    expect(seen[0]!.system).toBe(seen[1]!.system);
    expect(seen[0]!.tools).toEqual(seen[1]!.tools);
    expect(JSON.stringify(seen[1]!.messages)).toContain('Currency: EUR');
  });

  it('gives a model with a key the same tools, and the same results for the same question, as the local analyst', async () => {
    const question = 'What was my Meta ROAS yesterday?';
    const local = await agentWith(createLocalAnalyst()).ask(w.ctx, worldBrand(), question, 'ask');
    const [call] = local.toolCalls;
    expect(call).toMatchObject({ name: 'get_channel_performance', input: { period: 'yesterday' } });
    const { llm, seen } = scripted([
      () => ({
        stopReason: 'tool_use',
        content: [
          { type: 'tool_use', id: 'c1', name: call!.name, input: call!.input as Record<string, unknown> },
        ],
      }),
      () => ({ stopReason: 'end_turn', content: [{ type: 'text', text: 'done' }] }),
    ]);
    const claude = await agentWith(llm).ask(w.ctx, worldBrand(), question, 'ask');
    expect(seen[0]!.tools.map((t) => t.name)).toContain('get_channel_performance');
    expect(claude.toolCalls).toEqual(local.toolCalls);
    // Told today's date, so "yesterday" and "this month" mean the reports' days.
    expect(JSON.stringify(seen[0]!.messages)).toContain('Today: 2026-11-21');
  });
});
