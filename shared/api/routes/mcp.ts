import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { Hono } from 'hono';
import { z } from 'zod';
import { createPerformanceQueries } from '../../analytics/performance-queries';
import type { TenantContext } from '../../domain/tenancy';
import { INSIGHT_TOOLS, runTool } from '../../insights/tools';
import { toolContextFor } from '../../insights/tools/context';
import type { Deps } from '../../jobs/deps';
import type { ApiEnv } from '../env';

const result = (value: unknown, isError = false): CallToolResult => ({
  content: [{ type: 'text', text: JSON.stringify(value) }],
  ...(isError ? { isError: true } : {}),
});

/**
 * The same read-only tools the AI uses, for one caller: a new server per request (stateless
 * Streamable HTTP), so nothing of one tenant's session can reach another's. Every tool takes a
 * `brand_id`; a brand the caller cannot see is "not found", exactly like the REST API.
 */
function serverFor(deps: Deps, ctx: TenantContext, version: string): McpServer {
  const server = new McpServer({ name: 'pulsepoint', version });
  const queries = createPerformanceQueries(deps.warehouse);
  server.registerTool(
    'list_brands',
    {
      description:
        'The brands (shops) you can query, with their currency and timezone. Call this first to get a brand_id.',
      inputSchema: {},
      annotations: { readOnlyHint: true },
    },
    async () =>
      result({
        brands: (await deps.store.brands.list(ctx)).map((b) => ({
          brand_id: b.id,
          name: b.name,
          currency: b.currency,
          timezone: b.timezone,
        })),
      }),
  );
  for (const tool of INSIGHT_TOOLS) {
    server.registerTool(
      tool.name,
      {
        description: tool.description,
        inputSchema: { brand_id: z.string().describe('A brand_id from list_brands'), ...tool.input.shape },
        annotations: { readOnlyHint: true },
      },
      async (args: Record<string, unknown>) => {
        const { brand_id, ...input } = args;
        const brand = await deps.store.brands.get(ctx, String(brand_id));
        if (!brand) return result({ error: `brand ${String(brand_id)} not found` }, true);
        const outcome = await runTool(
          await toolContextFor({ queries, store: deps.store, clock: deps.clock }, ctx, brand),
          tool.name,
          input,
        );
        return outcome.ok ? result(outcome.output) : result({ error: outcome.error }, true);
      },
    );
  }
  return server;
}

/**
 * `/mcp`: MCP over Streamable HTTP (stateless, JSON responses). Authentication, roles and rate
 * limits come from the app's `/api/*` and `/mcp/*` middleware chain (app.ts), as for every route.
 */
export function mcpRoutes(deps: Deps, options: { version: string }) {
  const app = new Hono<ApiEnv>();
  app.all('/mcp', async (c) => {
    const server = serverFor(deps, c.get('tenant'), options.version);
    const transport = new WebStandardStreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
      enableJsonResponse: true,
    });
    await server.connect(transport);
    try {
      return await transport.handleRequest(c.req.raw);
    } finally {
      await server.close();
    }
  });
  return app;
}
