import { z } from 'zod';

/** What the storefront says about itself, read from its HTML (shared/content/extract.ts). */
export const siteFactsSchema = z.object({
  url: z.string(),
  title: z.string(),
  description: z.string(),
  siteName: z.string().optional(),
  ogImage: z.string().optional(),
  headings: z.array(z.string()),
  colours: z.array(z.string().regex(/^#[0-9a-f]{6}$/)),
  keywords: z.array(z.string()),
  language: z.string().optional(),
});
export type SiteFacts = z.infer<typeof siteFactsSchema>;

export const brandProfileInputSchema = z.object({
  name: z.string().min(1).max(200),
  voice: z.string().min(1).max(1000),
  audience: z.string().min(1).max(1000),
  pillars: z.array(z.string().min(1).max(200)).min(1).max(8),
  palette: z
    .array(z.string().regex(/^#[0-9a-fA-F]{6}$/))
    .min(1)
    .max(8),
  dos: z.array(z.string().min(1).max(300)).max(10),
  donts: z.array(z.string().min(1).max(300)).max(10),
});
export type BrandProfileInput = z.infer<typeof brandProfileInputSchema>;

export const brandProfileSchema = brandProfileInputSchema.extend({
  brandId: z.string(),
  source: z.enum(['claude', 'local', 'edited']),
  site: siteFactsSchema.optional(),
  updatedAt: z.string(),
  updatedBy: z.string(),
});
export type BrandProfile = z.infer<typeof brandProfileSchema>;

const FALLBACK_PALETTE = ['#1f2937', '#f59e0b', '#f9fafb'];

/** Relative luminance (WCAG) of a #rrggbb colour. */
export function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

const sentenceCase = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * The no-key brand profile: deterministic, from the same site facts Claude would read. Pillars
 * come from the storefront's own headings, voice and audience from its description and words.
 */
export function localBrandProfile(site: SiteFacts, brandName: string): BrandProfileInput {
  const words = new Set(site.keywords.map((k) => k.toLowerCase()));
  const outdoors = ['trail', 'outdoor', 'hike', 'camp', 'alpine', 'summit'].some((w) => words.has(w));
  const pillars = site.headings
    .filter((h) => h.length >= 4 && h.length <= 60)
    .slice(0, 4)
    .map(sentenceCase);
  return {
    name: site.siteName ?? brandName,
    voice: `${outdoors ? 'Warm, practical and outdoorsy' : 'Warm, clear and practical'}; short sentences, concrete product facts, no hype. Echoes the site's own line: "${site.description.slice(0, 140)}"`,
    audience: outdoors
      ? 'People who spend their weekends outside and buy gear to last: value durability, comfort and honest specs.'
      : `Shoppers who already like ${site.siteName ?? brandName}: value quality and clear prices.`,
    pillars: pillars.length > 0 ? pillars : ['New arrivals', 'Best sellers', 'Behind the product'],
    palette: site.colours.length > 0 ? site.colours.slice(0, 5) : FALLBACK_PALETTE,
    dos: ['Name the product and its price', 'Show the product in use', 'One clear call to action'],
    donts: [
      'Promise discounts the brief does not offer',
      'Feature items that are out of stock',
      'Use more than 8 hashtags',
    ],
  };
}
