import { z } from 'zod';
import type { LlmToolDefinition } from '../../ports/llm';
import {
  getCohorts,
  getCustomerValue,
  getFunnel,
  getNewCustomers,
  getSegments,
} from './customer-analytics-tools';
import { findCustomer, getCustomer } from './customer-tools';
import { getAlerts, getInventoryRisks, getRecommendations } from './inventory-tools';
import {
  comparePeriods,
  getCampaigns,
  getChannelPerformance,
  getKpis,
  getProducts,
} from './performance-tools';
import { type InsightTool, type ToolContext, ToolInputError } from './types';

export type { InsightTool, ToolContext } from './types';

/** The tools Claude, the local analyst and MCP clients all use: read-only, scoped to one brand. */
export const INSIGHT_TOOLS: readonly InsightTool[] = [
  getKpis,
  comparePeriods,
  getChannelPerformance,
  getCampaigns,
  getProducts,
  getInventoryRisks,
  getRecommendations,
  getAlerts,
  findCustomer,
  getCustomer,
  getSegments,
  getCohorts,
  getCustomerValue,
  getNewCustomers,
  getFunnel,
];

/** The tools a role may use: personal data (customer profiles) is not for viewers. */
export function toolsForRole(role: string, tools: readonly InsightTool[] = INSIGHT_TOOLS): InsightTool[] {
  const personal = role === 'owner' || role === 'admin' || role === 'analyst' || role === 'system';
  return tools.filter((t) => personal || !t.personalData);
}

export function toolDefinitions(tools: readonly InsightTool[] = INSIGHT_TOOLS): LlmToolDefinition[] {
  return tools.map((t) => ({
    name: t.name,
    description: t.description,
    inputSchema: z.toJSONSchema(t.input, { io: 'input' }) as Record<string, unknown>,
  }));
}

export type ToolOutcome = { ok: true; output: unknown } | { ok: false; error: string };

/** Validates the model's input against the tool's schema, then runs it. Bad input is an outcome the model sees. */
export async function runTool(
  tc: ToolContext,
  name: string,
  input: unknown,
  tools: readonly InsightTool[] = INSIGHT_TOOLS,
): Promise<ToolOutcome> {
  const tool = tools.find((t) => t.name === name);
  if (!tool) return { ok: false, error: `unknown tool ${name}` };
  const parsed = tool.input.safeParse(input ?? {});
  if (!parsed.success)
    return {
      ok: false,
      error: `invalid input: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    };
  try {
    return { ok: true, output: await tool.run(tc, parsed.data) };
  } catch (err) {
    if (err instanceof ToolInputError) return { ok: false, error: `invalid input: ${err.message}` };
    throw err;
  }
}
