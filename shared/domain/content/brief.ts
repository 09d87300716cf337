import { z } from 'zod';
import { channelSchema } from './post';
import { postingRulesSchema } from './slots';

/** What a merchant or agency asks of a month of posts. */
export const briefInputSchema = z.object({
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'month: YYYY-MM'),
  goals: z.string().max(2000).default(''),
  /** SKUs or product titles to push; only promotable ones are used. */
  pushProducts: z.array(z.string().min(1).max(200)).max(50).default([]),
  offers: z.string().max(1000).default(''),
  tone: z.string().max(500).default(''),
  channels: z.array(channelSchema).min(1).default(['facebook', 'instagram']),
  postsPerWeek: z.number().int().min(1).max(21).default(3),
  language: z.string().min(2).max(35).default('en'),
  postingRules: postingRulesSchema.optional(),
});
export type BriefInput = z.infer<typeof briefInputSchema>;

export const briefSchema = briefInputSchema.extend({
  id: z.string(),
  brandId: z.string(),
  version: z.number().int().min(1),
  createdAt: z.string(),
  updatedAt: z.string(),
  updatedBy: z.string(),
});
export type Brief = z.infer<typeof briefSchema>;

/** How many posts a month of this brief holds: posts per week over the month's weeks, rounded. */
export function postsInMonth(brief: Pick<Brief, 'postsPerWeek' | 'month'>): number {
  const [y, m] = brief.month.split('-').map(Number) as [number, number];
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return Math.max(1, Math.round((brief.postsPerWeek * days) / 7));
}
