import { z } from 'zod';
import type { Brief } from '../domain/content/brief';
import { localPostCopy, type PostCopy } from '../domain/content/copy';
import type { FeaturedProduct } from '../domain/content/post';
import {
  type BrandProfileInput,
  brandProfileInputSchema,
  localBrandProfile,
  type SiteFacts,
} from '../domain/content/profile';
import { meteredLlm, type TokenLedger } from '../insights/ledger';
import { LOCAL_ANALYST_MODEL } from '../insights/local-analyst';
import type { Logger } from '../kernel/logging/logger';
import type { LlmClient } from '../ports/llm';
import type { BrandScope } from '../ports/warehouse-rows';

/** Ledger operation names: content has its own lines in the AI cost views and counts against the budget. */
export const CONTENT_OPERATIONS = { profile: 'content.brand_profile', posts: 'content.draft_posts' } as const;

const postCopySchema = z.object({
  caption: z.string().min(1).max(2000),
  hashtags: z.array(z.string().regex(/^#[\p{L}\p{N}_]+$/u)).max(8),
  callToAction: z.string().min(1).max(120),
});
const postsToolInput = z.object({ posts: z.array(postCopySchema) });

export interface ContentWriterDeps {
  llm: LlmClient;
  ledger: TokenLedger;
  logger: Logger;
}

/**
 * Who writes: Claude when the composition root gave a real model (the token ledger meters every
 * call under the content operations), otherwise the deterministic local generator from the same
 * inputs — as the local analyst answers questions without a key. Claude answers through a tool
 * whose input is validated; an answer that does not validate falls back to the local text.
 */
export function createContentWriter(deps: ContentWriterDeps) {
  const local = deps.llm.model === LOCAL_ANALYST_MODEL;

  async function callTool<T>(
    scope: BrandScope,
    operation: string,
    tool: { name: string; description: string; schema: z.ZodType<T> },
    system: string,
    input: unknown,
  ): Promise<T | undefined> {
    const llm = meteredLlm(deps.llm, deps.ledger, scope.ctx, { operation, brandId: scope.brandId });
    const res = await llm.createMessage({
      system,
      messages: [{ role: 'user', content: [{ type: 'text', text: JSON.stringify(input) }] }],
      tools: [
        {
          name: tool.name,
          description: tool.description,
          inputSchema: z.toJSONSchema(tool.schema, { io: 'input' }) as Record<string, unknown>,
        },
      ],
      maxTokens: 4000,
    });
    const use = res.content.find((b) => b.type === 'tool_use' && b.name === tool.name);
    const parsed = use?.type === 'tool_use' ? tool.schema.safeParse(use.input) : undefined;
    if (!parsed?.success) {
      deps.logger.warn('content writer answer did not validate; using the local generator', { operation });
      return undefined;
    }
    return parsed.data;
  }

  return {
    source: local ? ('local' as const) : ('claude' as const),

    async profile(scope: BrandScope, site: SiteFacts, brandName: string): Promise<BrandProfileInput> {
      if (local) return localBrandProfile(site, brandName);
      const out = await callTool(
        scope,
        CONTENT_OPERATIONS.profile,
        {
          name: 'save_brand_profile',
          description:
            'Save the brand profile: voice, audience, content pillars, palette (hex), dos and donts.',
          schema: brandProfileInputSchema,
        },
        `You are a brand strategist. From the storefront facts the user gives (title, description, Open Graph, headings, colours), write the brand profile for social media and call save_brand_profile once. Use only what the facts support; palette colours must come from the facts.`,
        { brandName, site },
      );
      return out ?? localBrandProfile(site, brandName);
    },

    /** One copy per product, in order. */
    async copy(
      scope: BrandScope,
      profile: BrandProfileInput,
      brief: Brief,
      products: readonly FeaturedProduct[],
    ): Promise<PostCopy[]> {
      const fallback = () => products.map((p, i) => localPostCopy(profile, brief, p, i));
      if (local || products.length === 0) return fallback();
      const out = await callTool(
        scope,
        CONTENT_OPERATIONS.posts,
        {
          name: 'save_posts',
          description:
            'Save one post per product, in the order given: caption, up to 8 hashtags, call to action.',
          schema: postsToolInput,
        },
        `You write social posts for Facebook and Instagram in the brand's voice. Write exactly one post per product, in order, in language "${brief.language}". Mention each product by name with its price as given; never invent discounts beyond the brief's offers. Call save_posts once.`,
        {
          profile,
          brief: { goals: brief.goals, offers: brief.offers, tone: brief.tone },
          products: products.map((p) => ({
            title: p.title,
            price_minor: p.priceMinor,
            currency: p.currency,
            why: p.reason,
          })),
        },
      );
      return out && out.posts.length === products.length ? out.posts : fallback();
    },
  };
}
export type ContentWriter = ReturnType<typeof createContentWriter>;
