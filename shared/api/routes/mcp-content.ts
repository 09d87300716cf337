import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import type { Content } from '../../content/index';
import type { TenantContext } from '../../domain/tenancy';
import { toLocalDate } from '../../domain/time';
import { AppError } from '../../kernel/errors';
import type { OperationalStore } from '../../ports/operational-store';
import { PERMISSIONS } from '../permissions';

const result = (value: unknown, isError = false): CallToolResult => ({
  content: [{ type: 'text', text: JSON.stringify(value) }],
  ...(isError ? { isError: true } : {}),
});

/**
 * `draft_posts`: drafts a month of social posts from the brand's brief and profile over its own
 * stock and sales — drafting only. Nothing is approved, scheduled or published through MCP; a
 * person approves in the app. Offered to the roles that may write content.
 */
export function registerContentTools(
  server: McpServer,
  deps: { store: OperationalStore; content: Content; clock: { now(): Date } },
  ctx: TenantContext,
) {
  if (ctx.role !== 'system' && !(PERMISSIONS['content:write'] as readonly string[]).includes(ctx.role))
    return;
  server.registerTool(
    'draft_posts',
    {
      description:
        "Draft a month of Facebook/Instagram posts for a brand from its brief and brand profile, featuring products the store should sell (overstock, healthy margin, bestsellers with stock — never a stocked-out one). Replaces the month's existing drafts; approved posts stay. Drafting only: nothing is published.",
      inputSchema: {
        brand_id: z.string().describe('A brand_id from list_brands'),
        month: z
          .string()
          .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
          .optional()
          .describe('YYYY-MM; default: the current month in the brand timezone'),
      },
    },
    async (args) => {
      const brand = await deps.store.brands.get(ctx, args.brand_id);
      if (!brand) return result({ error: `brand ${args.brand_id} not found` }, true);
      const scope = { ctx, brandId: brand.id };
      const month = args.month ?? toLocalDate(deps.clock.now(), brand.timezone).slice(0, 7);
      try {
        const posts = await deps.content.studio.draftMonth(scope, month);
        return result({
          month,
          drafted: posts.length,
          posts: posts.map((p) => ({
            post_id: p.id,
            status: p.status,
            product: p.product.title,
            why: p.product.reason,
            caption: p.caption,
            hashtags: p.hashtags,
            call_to_action: p.callToAction,
          })),
        });
      } catch (err) {
        if (err instanceof AppError && err.status < 500)
          return result({ error: err.message, code: err.code }, true);
        throw err;
      }
    },
  );
}
