import type { LlmClient, LlmContentBlock, LlmMessage, LlmRequest, LlmResponse } from '../../ports/llm';
import { compose, followUp, readResults } from './compose';
import { planFor } from './plan';

export const LOCAL_ANALYST_MODEL = 'local-analyst';

/** Rough token count (≈4 characters a token) so the ledger shows the size of each exchange; it is priced at 0. */
const estimateTokens = (value: unknown) => Math.ceil(JSON.stringify(value).length / 4);

function questionOf(messages: readonly LlmMessage[]): string {
  const first = messages.find((m) => m.role === 'user');
  const texts = (first?.content ?? []).filter(
    (b): b is Extract<LlmContentBlock, { type: 'text' }> => b.type === 'text',
  );
  return texts.at(-1)?.text ?? '';
}

/** The brand's today from the agent's context line ("… Today: 2026-03-20. …"), when it gave one. */
function todayOf(messages: readonly LlmMessage[]): string | undefined {
  const first = messages.find((m) => m.role === 'user');
  for (const b of first?.content ?? []) {
    const today = b.type === 'text' ? /\bToday: (\d{4}-\d{2}-\d{2})\b/.exec(b.text) : null;
    if (today) return today[1];
  }
  return undefined;
}

/**
 * The offline analyst behind the same LlmClient port as Claude. First turn: it reads the question
 * and asks for tools (tool_use blocks, like Claude would). Second turn: it composes the answer
 * from the tool results the agent loop sends back. No numbers of its own.
 */
export function createLocalAnalyst(): LlmClient {
  return {
    model: LOCAL_ANALYST_MODEL,
    async createMessage(request: LlmRequest): Promise<LlmResponse> {
      const question = questionOf(request.messages);
      const plan = planFor(question, todayOf(request.messages));
      const { calls } = plan;
      const last = request.messages.at(-1);
      const results = (last?.content ?? []).filter(
        (b): b is Extract<LlmContentBlock, { type: 'tool_result' }> => b.type === 'tool_result',
      );
      let content: LlmContentBlock[];
      let stopReason: LlmResponse['stopReason'];
      const round = request.messages.filter((m) => m.role === 'assistant').length;
      const ask = (planned: typeof calls): LlmContentBlock[] => {
        const available = new Set(request.tools.map((t) => t.name));
        return [
          { type: 'text', text: `Looking this up with ${planned.map((c) => c.name).join(', ')}.` },
          ...planned
            .filter((c) => available.has(c.name))
            .map((c, i) => ({
              type: 'tool_use' as const,
              id: `local_${round}_${i}`,
              name: c.name,
              input: c.input,
            })),
        ];
      };
      if (results.length === 0) {
        content = ask(calls);
        stopReason = content.some((b) => b.type === 'tool_use') ? 'tool_use' : 'end_turn';
        if (stopReason === 'end_turn')
          content = [{ type: 'text', text: 'The tools that answer this are not available to you here.' }];
      } else {
        const asked = request.messages.at(-2)?.content ?? [];
        const names = new Map(asked.flatMap((b) => (b.type === 'tool_use' ? [[b.id, b.name] as const] : [])));
        const { results: parsed, errors } = readResults(
          results.map((r) => ({
            name: names.get(r.toolUseId) ?? '',
            content: r.content,
            ...(r.isError ? { isError: true } : {}),
          })),
        );
        // A second look-up that the first one's result names (a customer found by email).
        const next = followUp(plan, parsed);
        if (next.length > 0) {
          content = ask(next);
          stopReason = 'tool_use';
          return respond(content, stopReason);
        }
        const answer = compose(plan, parsed, question);
        const text =
          answer ??
          `I could not get the data to answer that${errors.length ? ` (${errors.join('; ')})` : ''}.`;
        content = [{ type: 'text', text }];
        stopReason = 'end_turn';
      }
      return respond(content, stopReason);

      function respond(content: LlmContentBlock[], stopReason: LlmResponse['stopReason']): LlmResponse {
        return {
          model: LOCAL_ANALYST_MODEL,
          content,
          stopReason,
          usage: {
            inputTokens: estimateTokens({
              system: request.system,
              tools: request.tools,
              messages: request.messages,
            }),
            outputTokens: estimateTokens(content),
            cacheCreationInputTokens: 0,
            cacheReadInputTokens: 0,
          },
        };
      }
    },
  };
}
