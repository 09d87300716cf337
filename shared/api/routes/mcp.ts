import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { Hono } from 'hono';
import { z } from 'zod';
import type { Content } from '../../content/index';
import { createCustomer360 } from '../../customers/profiles/customer-360';
import type { TenantContext } from '../../domain/tenancy';
import type { Engagement } from '../../engagement/index';
import { INSIGHT_TOOLS, type InsightTool, runTool } from '../../insights/tools';
import { toolContextFor } from '../../insights/tools/context';
import { AppError } from '../../kernel/errors';
import type { DocumentDb } from '../../ports/document-db';
import type { RecommendationServiceDeps } from '../../recommendations/service';
import { createRecommendationService } from '../../recommendations/service';
import { createPerformanceQueries } from '../../reporting/read-model/performance-queries';
import type { ApiEnv } from '../env';
import { isAllowed, type Permission } from '../permissions';
import { registerContentTools } from './mcp-content';
import { registerEngagementTools } from './mcp-engagement';

const result = (value: unknown, isError = false): CallToolResult => ({
  content: [{ type: 'text', text: JSON.stringify(value) }],
  ...(isError ? { isError: true } : {}),
});

/**
 * The same read-only tools the AI uses, for one caller: a new server per request (stateless
 * Streamable HTTP), so nothing of one tenant's session can reach another's. Every tool takes a
 * `brand_id`; a brand the caller cannot see is "not found", exactly like the REST API.
 * Read-only, except the recommendation actions and drafting, each for the roles that may.
 */
/**
 * Every MCP tool names a permission of the one table (shared/api/permissions.ts), as every route
 * does; a tool is offered to a role only when the role holds it, and a tool with no entry is
 * offered to nobody (fail closed). Insight tools read reports, or customer profiles when they
 * return personal data.
 */
const ACTION_TOOL_PERMISSIONS: Record<string, Permission> = {
  list_brands: 'brands:read',
  accept_recommendation: 'recommendations:decide',
  dismiss_recommendation: 'recommendations:decide',
  apply_recommendation: 'recommendations:apply',
  draft_posts: 'content:write',
  get_campaign_results: 'engagement:read',
  draft_campaign: 'engagement:send',
};
const insightPermission = (t: InsightTool): Permission =>
  t.personalData ? 'customers:read' : 'reports:read';

export function mcpToolPermission(name: string): Permission | undefined {
  const insight = INSIGHT_TOOLS.find((t) => t.name === name);
  return insight ? insightPermission(insight) : ACTION_TOOL_PERMISSIONS[name];
}

const mayUse = (ctx: TenantContext, tool: string) => {
  const permission = mcpToolPermission(tool);
  return permission !== undefined && isAllowed(ctx.role, permission);
};

/** The ports MCP tools and actions use (the recommendation service's). */
export type McpRouteDeps = RecommendationServiceDeps & {
  documents: DocumentDb;
  content?: Content;
  engagement?: Engagement;
};

function serverFor(deps: McpRouteDeps, ctx: TenantContext, version: string): McpServer {
  const server = new McpServer({ name: 'pulsepoint', version });
  const queries = createPerformanceQueries(deps.warehouse);
  const customers = createCustomer360({ db: deps.documents, warehouse: deps.warehouse, clock: deps.clock });
  const tools = INSIGHT_TOOLS.filter((t) => mayUse(ctx, t.name));
  if (mayUse(ctx, 'list_brands'))
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
  for (const tool of tools) {
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
          await toolContextFor(
            { queries, store: deps.store, clock: deps.clock, customers, warehouse: deps.warehouse },
            ctx,
            brand,
          ),
          tool.name,
          input,
          tools,
        );
        return outcome.ok ? result(outcome.output) : result({ error: outcome.error }, true);
      },
    );
  }
  registerActions(server, deps, ctx);
  if (deps.content && mayUse(ctx, 'draft_posts'))
    registerContentTools(server, { ...deps, content: deps.content }, ctx);
  // Each engagement tool checks its own permission (below): results to readers, drafting to senders.
  if (deps.engagement) registerEngagementTools(server, { ...deps, engagement: deps.engagement }, ctx);
  return server;
}

/**
 * Actions, each offered to the roles its permission allows (as on the REST routes): accept,
 * dismiss, and apply an accepted recommendation on the ad platform. The same service as the REST API does the work, with the
 * same state rules and audit events; failures come back as tool errors the client can show.
 */
function registerActions(server: McpServer, deps: McpRouteDeps, ctx: TenantContext) {
  const service = createRecommendationService(deps);
  const target = { brand_id: z.string(), recommendation_id: z.string() };
  const guarded = async (fn: () => Promise<unknown>): Promise<CallToolResult> => {
    try {
      return result(await fn());
    } catch (err) {
      if (err instanceof AppError && err.status < 500)
        return result({ error: err.message, code: err.code }, true);
      throw err;
    }
  };
  if (mayUse(ctx, 'accept_recommendation'))
    server.registerTool(
      'accept_recommendation',
      {
        description: 'Accept an open recommendation (its outcome is then measured over 7 days).',
        inputSchema: target,
      },
      async (a) => guarded(() => service.accept(ctx, a.brand_id, a.recommendation_id)),
    );
  if (mayUse(ctx, 'dismiss_recommendation'))
    server.registerTool(
      'dismiss_recommendation',
      {
        description: 'Dismiss a recommendation, with the reason.',
        inputSchema: { ...target, reason: z.string().min(1).max(500) },
      },
      async (a) => guarded(() => service.dismiss(ctx, a.brand_id, a.recommendation_id, a.reason)),
    );
  if (mayUse(ctx, 'apply_recommendation'))
    server.registerTool(
      'apply_recommendation',
      {
        description:
          'Change the campaign on the ad platform as an ACCEPTED recommendation proposes. dry_run shows the change without making it.',
        inputSchema: { ...target, dry_run: z.boolean().default(true) },
        annotations: { destructiveHint: true },
      },
      async (a) => guarded(() => service.apply(ctx, a.brand_id, a.recommendation_id, { dryRun: a.dry_run })),
    );
}

/**
 * `/mcp`: MCP over Streamable HTTP (stateless, JSON responses). Authentication, roles and rate
 * limits come from the app's `/api/*` and `/mcp/*` middleware chain (app.ts), as for every route.
 */
export function mcpRoutes(deps: McpRouteDeps, options: { version: string }) {
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
