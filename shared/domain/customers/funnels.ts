import { z } from 'zod';
import type { DeviceClass } from './device';
import { eventTypeSchema } from './events';

/**
 * Conversion funnels over first-party events (docs/decisions/855–857). A funnel is an ordered
 * list of steps, each one or more event types ("checkout_completed|order_placed"); a visitor
 * (a Shopify clientId) reaches step k when, from one of its step-1 events in the period, it did
 * steps 2…k in that order within the conversion window. Pure: the warehouse finds each visitor's
 * deepest step (shared/customers/funnel-query.ts); this module defines funnels and reads depths.
 */

export const MAX_FUNNEL_STEPS = 8;
export const MAX_WINDOW_DAYS = 90;
export const DEFAULT_WINDOW_DAYS = 7;

/** The storefront purchase funnel, in the Shopify Web Pixels standard events the collector accepts. */
export const DEFAULT_FUNNEL_STEPS: readonly FunnelStep[] = [
  { types: ['page_viewed'], label: 'Visited the store' },
  { types: ['product_viewed'], label: 'Viewed a product' },
  { types: ['product_added_to_cart'], label: 'Added to cart' },
  { types: ['checkout_started'], label: 'Started checkout' },
  { types: ['checkout_completed'], label: 'Completed checkout' },
];

const LABELS: Record<string, string> = Object.fromEntries(
  DEFAULT_FUNNEL_STEPS.map((s) => [s.types[0] as string, s.label]),
);

export interface FunnelStep {
  readonly types: readonly string[];
  readonly label: string;
}

const stepLabel = (types: readonly string[]) =>
  types.map((t) => LABELS[t] ?? t.replace(/^custom:/, '').replaceAll('_', ' ')).join(' or ');

/**
 * Parses `page_viewed,product_viewed,checkout_completed|order_placed`: steps by commas,
 * alternatives within a step by `|`. An event type may appear in one step only, since one
 * event must not count as two steps.
 */
export function parseFunnelSteps(
  text: string,
): { ok: true; value: FunnelStep[] } | { ok: false; reason: string } {
  const steps = text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (steps.length < 2 || steps.length > MAX_FUNNEL_STEPS)
    return { ok: false, reason: `a funnel has 2 to ${MAX_FUNNEL_STEPS} steps, got ${steps.length}` };
  const seen = new Set<string>();
  const out: FunnelStep[] = [];
  for (const step of steps) {
    const types = [...new Set(step.split('|').map((t) => t.trim()))];
    for (const t of types) {
      const parsed = eventTypeSchema.safeParse(t);
      if (!parsed.success) return { ok: false, reason: parsed.error.issues[0]?.message ?? `bad type ${t}` };
      if (seen.has(t)) return { ok: false, reason: `event type "${t}" appears in more than one step` };
      seen.add(t);
    }
    out.push({ types, label: stepLabel(types) });
  }
  return { ok: true, value: out };
}

export const funnelStepsText = (steps: readonly FunnelStep[]): string =>
  steps.map((s) => s.types.join('|')).join(',');

/** Visitors whose deepest step was `depth` (1-based), per entry channel and device: what the warehouse returns. */
export interface DepthCount {
  readonly channel: string;
  readonly device: DeviceClass;
  readonly depth: number;
  readonly visitors: number;
}

/** What a funnel is split by: the channel of the visit a visitor entered from, or its device class. */
export const FUNNEL_BREAKDOWNS = ['channel', 'device'] as const;
export const funnelBreakdownSchema = z.enum(FUNNEL_BREAKDOWNS);
export type FunnelBreakdown = z.infer<typeof funnelBreakdownSchema>;

export const funnelStepResultSchema = z.object({
  step: z.number().int(),
  label: z.string(),
  types: z.array(z.string()),
  visitors: z.number().int(),
  /** Of those who reached the previous step, the share who reached this one (null on step 1 or after 0). */
  conversionFromPrevious: z.number().nullable(),
  /** Of those who entered, the share who reached this step (null when nobody entered). */
  conversionFromStart: z.number().nullable(),
});
export type FunnelStepResult = z.infer<typeof funnelStepResultSchema>;

/** Step counts from deepest-step counts: a visitor who reached step 4 also reached steps 1–3. */
export function funnelSteps(steps: readonly FunnelStep[], depths: readonly DepthCount[]): FunnelStepResult[] {
  const reached = steps.map((_, k) =>
    depths.filter((d) => d.depth >= k + 1).reduce((sum, d) => sum + d.visitors, 0),
  );
  const first = reached[0] ?? 0;
  return steps.map((s, k) => {
    const here = reached[k] ?? 0;
    const before = k === 0 ? null : (reached[k - 1] ?? 0);
    return {
      step: k + 1,
      label: s.label,
      types: [...s.types],
      visitors: here,
      conversionFromPrevious: before === null || before === 0 ? null : here / before,
      conversionFromStart: first === 0 ? null : here / first,
    };
  });
}

/**
 * The whole funnel and one per value of the breakdown (entry channel or device class), most
 * visitors first. Each visitor is in exactly one row, so the rows add up to the whole funnel.
 */
export function summariseFunnel(
  steps: readonly FunnelStep[],
  depths: readonly DepthCount[],
  by: FunnelBreakdown = 'channel',
) {
  const keys = [...new Set(depths.map((d) => d[by]))];
  const breakdown = keys
    .map((key) => ({
      key,
      steps: funnelSteps(
        steps,
        depths.filter((d) => d[by] === key),
      ),
    }))
    .sort((a, b) => (b.steps[0]?.visitors ?? 0) - (a.steps[0]?.visitors ?? 0) || a.key.localeCompare(b.key));
  return { steps: funnelSteps(steps, depths), by, breakdown };
}
