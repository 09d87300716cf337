import Anthropic, {
  APIConnectionError,
  APIError,
  APIUserAbortError,
  AuthenticationError,
  PermissionDeniedError,
  RateLimitError,
} from '@anthropic-ai/sdk';
import type { ContentBlockParam, MessageParam, Tool } from '@anthropic-ai/sdk/resources/messages';
import { z } from 'zod';
import { RetryableError, UpstreamError } from '../../kernel/errors';
import type { LlmClient, LlmContentBlock, LlmRequest, LlmResponse } from '../../ports/llm';

export interface AnthropicLlmOptions {
  apiKey: string;
  model: string;
  baseURL?: string;
  /** Per-request timeout; the SDK retries timeouts, 429 and 5xx itself (honouring retry-after). */
  timeoutMs?: number;
  maxRetries?: number;
  fetch?: typeof fetch;
}

/** The Messages API response, parsed rather than trusted; block types we do not use are dropped. */
const responseSchema = z.object({
  model: z.string(),
  stop_reason: z
    .enum([
      'end_turn',
      'tool_use',
      'max_tokens',
      'stop_sequence',
      'refusal',
      'pause_turn',
      'model_context_window_exceeded',
    ])
    .nullable(),
  content: z.array(
    z.union([
      z.object({ type: z.literal('text'), text: z.string() }),
      z.object({
        type: z.literal('tool_use'),
        id: z.string(),
        name: z.string(),
        input: z.record(z.string(), z.unknown()),
      }),
      z.looseObject({ type: z.string() }),
    ]),
  ),
  usage: z.object({
    input_tokens: z.number().int().nonnegative(),
    output_tokens: z.number().int().nonnegative(),
    cache_creation_input_tokens: z.number().int().nonnegative().nullish(),
    cache_read_input_tokens: z.number().int().nonnegative().nullish(),
  }),
});

const EPHEMERAL = { type: 'ephemeral' } as const;

function toContent(block: LlmContentBlock): ContentBlockParam {
  switch (block.type) {
    case 'text':
      return { type: 'text', text: block.text };
    case 'tool_use':
      return { type: 'tool_use', id: block.id, name: block.name, input: block.input };
    case 'tool_result':
      return {
        type: 'tool_result',
        tool_use_id: block.toolUseId,
        content: block.content,
        ...(block.isError ? { is_error: true } : {}),
      };
  }
}

/**
 * Claude through `@anthropic-ai/sdk`. The stable prefix — tool definitions, then the system
 * prompt — carries `cache_control` breakpoints, so after the first call of a 5-minute window the
 * prefix is read from the prompt cache at a tenth of the input price.
 */
export function createAnthropicLlmClient(options: AnthropicLlmOptions): LlmClient {
  const client = new Anthropic({
    apiKey: options.apiKey,
    ...(options.baseURL ? { baseURL: options.baseURL } : {}),
    timeout: options.timeoutMs ?? 60_000,
    maxRetries: options.maxRetries ?? 2,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  return {
    model: options.model,
    async createMessage(request: LlmRequest, callOptions): Promise<LlmResponse> {
      const tools: Tool[] = request.tools.map((t, i) => ({
        name: t.name,
        description: t.description,
        input_schema: t.inputSchema as Tool['input_schema'],
        ...(i === request.tools.length - 1 ? { cache_control: EPHEMERAL } : {}),
      }));
      const messages: MessageParam[] = request.messages.map((m) => ({
        role: m.role,
        content: m.content.map(toContent),
      }));
      let raw: unknown;
      try {
        raw = await client.messages.create(
          {
            model: options.model,
            max_tokens: request.maxTokens,
            system: [{ type: 'text', text: request.system, cache_control: EPHEMERAL }],
            tools,
            messages,
          },
          callOptions?.signal ? { signal: callOptions.signal } : undefined,
        );
      } catch (err) {
        throw mapError(err);
      }
      const parsed = responseSchema.safeParse(raw);
      if (!parsed.success)
        throw new UpstreamError('Anthropic answered in an unexpected shape', {
          details: parsed.error.issues,
        });
      const r = parsed.data;
      const content = r.content.flatMap((b): LlmContentBlock[] => {
        if (b.type === 'text' && 'text' in b) return [{ type: 'text', text: String(b.text) }];
        if (b.type === 'tool_use' && 'id' in b && 'name' in b)
          return [
            {
              type: 'tool_use',
              id: String(b.id),
              name: String(b.name),
              input: (b.input ?? {}) as Record<string, unknown>,
            },
          ];
        return [];
      });
      const stop =
        r.stop_reason === 'model_context_window_exceeded' ? 'max_tokens' : (r.stop_reason ?? 'end_turn');
      return {
        model: r.model,
        content,
        stopReason: stop,
        usage: {
          inputTokens: r.usage.input_tokens,
          outputTokens: r.usage.output_tokens,
          cacheCreationInputTokens: r.usage.cache_creation_input_tokens ?? 0,
          cacheReadInputTokens: r.usage.cache_read_input_tokens ?? 0,
        },
      };
    },
  };
}

function mapError(err: unknown): unknown {
  // The caller's deadline fired: let the caller say so.
  if (err instanceof APIUserAbortError) return err;
  if (err instanceof AuthenticationError || err instanceof PermissionDeniedError)
    return new UpstreamError('Anthropic refused the API key', { cause: err });
  if (
    err instanceof RateLimitError ||
    err instanceof APIConnectionError ||
    (err instanceof APIError && (err.status ?? 0) >= 500)
  ) {
    const after = Number(err instanceof APIError ? err.headers?.get('retry-after') : undefined);
    return new RetryableError(
      'Anthropic is busy or unreachable; try again shortly',
      Number.isFinite(after) ? after * 1000 : 5_000,
      {
        cause: err,
      },
    );
  }
  if (err instanceof APIError)
    return new UpstreamError(`Anthropic rejected the request (HTTP ${err.status})`, { cause: err });
  return err;
}
