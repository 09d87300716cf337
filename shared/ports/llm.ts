/**
 * The language model port, shaped after the Messages API with tool use so that the Anthropic
 * adapter is a thin mapping and the local analyst can speak the same protocol.
 */
export interface LlmToolDefinition {
  name: string;
  description: string;
  inputSchema: Record<string, unknown>;
}

export type LlmContentBlock =
  | { type: 'text'; text: string }
  | { type: 'tool_use'; id: string; name: string; input: Record<string, unknown> }
  | { type: 'tool_result'; toolUseId: string; content: string; isError?: boolean };

export interface LlmMessage {
  role: 'user' | 'assistant';
  content: LlmContentBlock[];
}

export interface LlmRequest {
  system: string;
  messages: LlmMessage[];
  tools: LlmToolDefinition[];
  maxTokens: number;
}

import type { LlmUsage } from '../domain/ai/usage';

export type { LlmUsage };

export interface LlmResponse {
  model: string;
  content: LlmContentBlock[];
  stopReason: 'end_turn' | 'tool_use' | 'max_tokens' | 'stop_sequence' | 'refusal' | 'pause_turn';
  usage: LlmUsage;
}

export interface LlmClient {
  readonly model: string;
  createMessage(request: LlmRequest, options?: { signal?: AbortSignal }): Promise<LlmResponse>;
}
