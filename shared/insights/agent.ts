import type { Customer360 } from '../customers/profiles/customer-360';
import { checkGroundedness } from '../domain/ai/groundedness';
import { costMicros } from '../domain/ai/pricing';
import type { Brand } from '../domain/entities';
import type { TenantContext } from '../domain/tenancy';
import type { ToolLabels, ToolUnits } from '../domain/tool-units';
import { RetryableError } from '../kernel/errors';
import type { Clock } from '../ports/clock';
import type { LlmClient, LlmContentBlock, LlmMessage, LlmUsage } from '../ports/llm';
import type { OperationalStore } from '../ports/operational-store';
import type { Warehouse } from '../ports/warehouse';
import type { PerformanceQueries } from '../reporting/read-model/performance-queries';
import { meteredLlm, type TokenLedger } from './ledger';
import { INSIGHT_TOOLS, type InsightTool, runTool, toolDefinitions } from './tools';
import { toolContextFor } from './tools/context';
import { callLabels, callUnits } from './tools/types';

/**
 * The stable prefix (tools + this text) is the same for every tenant and question, so it is
 * prompt-cached; everything brand- or question-specific goes in the user turn after it.
 */
export const SYSTEM_PROMPT = `You are Pulsepoint's analyst for a Shopify brand's ads and inventory.
Answer the merchant's question using the tools; never guess numbers.
Rules:
- Every number you state must come from a tool result in this conversation, copied as returned or rounded. Do not compute new totals yourself.
- Answer the question asked first, in one sentence with its numbers, for exactly the period, channel, campaign or product named; then the supporting rows.
- Periods are complete days in the brand's timezone ending yesterday: pass \`period\` (yesterday, this_month, last_week, ...), \`month\` ("november") or \`days\` to the tools as the merchant said it; today only when asked for.
- Write money as the app does, with the currency's symbol and thousands separators ($85,463.06; the tools give major units of the brand currency), ROAS with a times sign (3.42×), percentages with the sign right after the number and at most one decimal (12.5%, +7.7%), and days of cover in days (2.5 days).
- Call channels, campaigns and products by their names (Meta, TikTok, Google Ads, the campaign's \`name\`, the product's \`title\`), never by keys such as meta or google_ads, ids or field names.
- ROAS is revenue divided by ad spend; profit is after product cost, fulfilment and ad spend.
- If the tools return no data for what was asked, say so plainly.
- Be brief: after the answer, up to five bullet points of evidence, then one recommended next step.`;

export interface AgentDeps {
  llm: LlmClient;
  ledger: TokenLedger;
  queries: PerformanceQueries;
  store: OperationalStore;
  clock: Clock;
  /** Customer profiles for find_customer / get_customer; without it those tools say so. */
  customers?: Customer360;
  /** Lets the customer tools read segments and predictions. */
  warehouse?: Pick<Warehouse, 'query'>;
  tools?: readonly InsightTool[];
  /** Tool-executing rounds before the loop stops (a runaway model cannot spend the budget). */
  maxToolRounds?: number;
  /** Whole-conversation deadline. */
  timeoutMs?: number;
  maxTokens?: number;
}

export interface ToolCallRecord {
  name: string;
  input: unknown;
  output: unknown;
  /** What the numbers in `output` measure, as the tool declares it (shared/domain/tool-units.ts). */
  units?: ToolUnits;
  /** Labels its producer wrote for values of `output`, by leaf path (evidence keys). */
  labels?: ToolLabels;
}

export interface AgentAnswer {
  answer: string;
  toolCalls: ToolCallRecord[];
  grounded: boolean;
  ungroundedNumbers: string[];
  model: string;
  usage: LlmUsage;
  costMicros: number;
  rounds: number;
  complete: boolean;
}

const textOf = (content: readonly LlmContentBlock[]) =>
  content
    .filter((b): b is Extract<LlmContentBlock, { type: 'text' }> => b.type === 'text')
    .map((b) => b.text)
    .join('\n')
    .trim();

export function createInsightsAgent(deps: AgentDeps) {
  const tools = deps.tools ?? INSIGHT_TOOLS;
  const definitions = toolDefinitions(tools);
  const maxRounds = deps.maxToolRounds ?? 5;

  return {
    async ask(ctx: TenantContext, brand: Brand, question: string, operation: string): Promise<AgentAnswer> {
      const tc = await toolContextFor(deps, ctx, brand);
      const llm = meteredLlm(deps.llm, deps.ledger, ctx, { operation, brandId: brand.id });
      const context = `Brand: ${brand.name}. Currency: ${brand.currency}. Timezone: ${brand.timezone}. Today: ${tc.today}. Latest day with data: ${tc.asOf}. Attribution model: ${brand.targets.attributionModel}.`;
      const messages: LlmMessage[] = [
        {
          role: 'user',
          content: [
            { type: 'text', text: context },
            { type: 'text', text: question },
          ],
        },
      ];
      const usage: LlmUsage = {
        inputTokens: 0,
        outputTokens: 0,
        cacheCreationInputTokens: 0,
        cacheReadInputTokens: 0,
      };
      const toolCalls: ToolCallRecord[] = [];
      const signal = AbortSignal.timeout(deps.timeoutMs ?? 90_000);
      let cost = 0;
      let model = deps.llm.model;
      let answer = '';
      let complete = true;
      let rounds = 0;
      for (;;) {
        let response: Awaited<ReturnType<LlmClient['createMessage']>>;
        try {
          response = await llm.createMessage(
            { system: SYSTEM_PROMPT, messages, tools: definitions, maxTokens: deps.maxTokens ?? 1500 },
            { signal },
          );
        } catch (err) {
          if (signal.aborted) throw new RetryableError('the AI did not answer in time', 0, { cause: err });
          throw err;
        }
        model = response.model;
        for (const k of Object.keys(usage) as (keyof LlmUsage)[]) usage[k] += response.usage[k];
        cost += costMicros(response.model, response.usage);
        messages.push({ role: 'assistant', content: response.content });
        const uses = response.content.filter(
          (b): b is Extract<LlmContentBlock, { type: 'tool_use' }> => b.type === 'tool_use',
        );
        if (response.stopReason !== 'tool_use' || uses.length === 0) {
          answer = textOf(response.content);
          break;
        }
        if (rounds >= maxRounds) {
          complete = false;
          answer =
            `${textOf(response.content)}\n\n(Stopped after ${maxRounds} rounds of look-ups without a final answer.)`.trim();
          break;
        }
        rounds++;
        const results: LlmContentBlock[] = [];
        for (const use of uses) {
          const outcome = await runTool(tc, use.name, use.input, tools);
          const output = outcome.ok ? outcome.output : { error: outcome.error };
          const tool = tools.find((t) => t.name === use.name);
          const units = tool && callUnits(tool, output);
          const labels = tool && callLabels(tool, output);
          toolCalls.push({
            name: use.name,
            input: use.input,
            output,
            ...(units ? { units } : {}),
            ...(labels ? { labels } : {}),
          });
          results.push({
            type: 'tool_result',
            toolUseId: use.id,
            content: JSON.stringify(output),
            ...(outcome.ok ? {} : { isError: true }),
          });
        }
        messages.push({ role: 'user', content: results });
      }
      const check = checkGroundedness(answer, {
        toolValues: toolCalls.flatMap((c) => [c.input, c.output]),
        userText: [question, context],
      });
      return { answer, toolCalls, ...check, model, usage, costMicros: cost, rounds, complete };
    },
  };
}
export type InsightsAgent = ReturnType<typeof createInsightsAgent>;
