import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { channelKindSchema } from '../../domain/engagement/consent';
import { createFormat } from '../../domain/format';
import type { TenantContext } from '../../domain/tenancy';
import type { Engagement } from '../../engagement/index';
import { AppError } from '../../kernel/errors';
import type { OperationalStore } from '../../ports/operational-store';
import { isAllowed } from '../permissions';

const result = (value: unknown, isError = false): CallToolResult => ({
  content: [{ type: 'text', text: JSON.stringify(value) }],
  ...(isError ? { isError: true } : {}),
});

async function guarded(run: () => Promise<CallToolResult>): Promise<CallToolResult> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof AppError && err.status < 500)
      return result({ error: err.message, code: err.code }, true);
    throw err;
  }
}

/**
 * `get_campaign_results` (every member) and `draft_campaign` (owners and admins: it writes a draft).
 * Nothing is sent through MCP: sending is a person's decision in the app.
 */
export function registerEngagementTools(
  server: McpServer,
  deps: { store: OperationalStore; engagement: Engagement },
  ctx: TenantContext,
) {
  const brandOf = async (brandId: string) => deps.store.brands.get(ctx, brandId);
  if (isAllowed(ctx.role, 'engagement:read') || ctx.role === 'system')
    server.registerTool(
      'get_campaign_results',
      {
        description:
          "A brand's engagement campaigns (email/SMS/WhatsApp) and, for one campaign, its results per variant: sent, delivered, opened (email, approximate), clicked, unsubscribed, orders and revenue, the holdout group beside the treated group, and the incremental revenue over the holdout. Without campaign_id: the list of campaigns.",
        inputSchema: {
          brand_id: z.string().describe('A brand_id from list_brands'),
          campaign_id: z.string().optional().describe('A campaign id from this tool without campaign_id'),
        },
      },
      (args) =>
        guarded(async () => {
          const brand = await brandOf(args.brand_id);
          if (!brand) return result({ error: `brand ${args.brand_id} not found` }, true);
          const scope = { ctx, brandId: brand.id };
          if (!args.campaign_id) {
            const campaigns = await deps.engagement.campaigns.list(scope);
            return result({
              campaigns: campaigns.map((c) => ({
                campaign_id: c.id,
                name: c.name,
                channel: c.channel,
                segment: c.segment,
                status: c.status,
                sent_at: c.sentAt,
              })),
            });
          }
          const campaign = await deps.engagement.campaigns.get(scope, args.campaign_id);
          const r = await deps.engagement.campaigns.results(scope, campaign.id);
          const f = createFormat({ locale: 'en-US', currency: brand.currency, timeZone: brand.timezone });
          const money = (minor: number | null) => (minor === null ? null : f.money(Math.round(minor)));
          const nameOf = (id: string) => campaign.variants.find((v) => v.id === id)?.name ?? id;
          return result({
            campaign: campaign.name,
            window: r.window,
            currency: brand.currency,
            variants: r.variants.map((v) => ({
              variant: nameOf(v.variantId),
              customers: v.customers,
              sent: v.sent,
              delivered: campaign.channel === 'email' ? 'not reported for email' : v.delivered,
              opened: campaign.channel === 'email' ? v.opened : 'not applicable to SMS or WhatsApp',
              clicked: v.clicked,
              unsubscribed: v.unsubscribed,
              orders: v.orders,
              revenue: money(v.revenueMinor),
              incremental_revenue: money(v.incrementalRevenueMinor),
            })),
            holdout: {
              customers: r.holdout.customers,
              orders: r.holdout.orders,
              revenue: money(r.holdout.revenueMinor),
            },
            treated: {
              customers: r.treated.customers,
              orders: r.treated.orders,
              revenue: money(r.treated.revenueMinor),
            },
            incremental_revenue: money(r.incrementalRevenueMinor),
            ...(campaign.channel === 'email'
              ? {
                  opens_note:
                    'approximate: Apple Mail loads every image (counts as opened) and mail apps that block images never count',
                }
              : {}),
          });
        }),
    );
  if (!isAllowed(ctx.role, 'engagement:send') && ctx.role !== 'system') return;
  server.registerTool(
    'draft_campaign',
    {
      description:
        'Draft a one-time campaign to a customer segment (RFM segment such as at_risk, cant_lose, champions; omit for every scored customer), with one or more message variants and a holdout share. Only a draft is saved: a person reviews, test-sends and sends it in the app. Templates may use {{first_name|fallback}} and {{discount_code}}.',
      inputSchema: {
        brand_id: z.string().describe('A brand_id from list_brands'),
        name: z.string().min(1).max(200),
        channel: channelKindSchema,
        segment: z.string().optional(),
        holdout_share: z.number().min(0).max(0.5).default(0.1),
        variants: z
          .array(
            z.object({
              name: z.string().min(1).max(100),
              subject: z.string().max(300).optional().describe('Email only'),
              text: z.string().min(1).max(5_000),
            }),
          )
          .min(1)
          .max(5),
      },
    },
    (args) =>
      guarded(async () => {
        const brand = await brandOf(args.brand_id);
        if (!brand) return result({ error: `brand ${args.brand_id} not found` }, true);
        const scope = { ctx, brandId: brand.id };
        const campaign = await deps.engagement.campaigns.create(scope, {
          name: args.name,
          channel: args.channel,
          segment: args.segment ?? null,
          holdoutShare: args.holdout_share,
          variants: args.variants.map((v, i) => ({
            id: `v${i + 1}`,
            name: v.name,
            weight: 1,
            subject: v.subject ?? null,
            text: v.text,
          })),
        });
        const audience = await deps.engagement.campaigns.audienceCount(scope, campaign);
        return result({
          campaign_id: campaign.id,
          status: campaign.status,
          audience_customers: audience,
          preview: deps.engagement.campaigns.preview(campaign, { first_name: 'Alex' }),
          next_step:
            'Review, test-send and send it in the app (Engagement → Campaigns); sending needs an owner or admin.',
        });
      }),
  );
}
