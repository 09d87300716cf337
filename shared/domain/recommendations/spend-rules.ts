import { revenueAt } from '../curves';
import { declareEvidence, type EvidenceDeclaration } from '../evidence';
import { platformName } from '../names/names';
import { amount, counted, ratio, round4, share } from '../phrasing';
import {
  budgetPlanFor,
  type CampaignPlan,
  CURVE_EVIDENCE,
  curveEvidence,
  describeHill,
  HELD_EVIDENCE,
  heldEvidence,
  marginOf,
} from './budget-plan';
import {
  constantRoasCurve,
  describeCurve,
  fitResponseCurve,
  predictRevenue,
  type ResponseCurve,
  spendForAverageRoas,
} from './curve';
import { budgetChange, ranked } from './score';
import type { CampaignWindow, RecommendationDraft, RecommendationInput } from './types';

/** Without a usable curve, a below-target campaign is cut by this much (stated, not fitted). */
const FALLBACK_CUT = 0.3;

interface CampaignFacts {
  c: CampaignWindow;
  daily: number;
  roas: number;
  share: number;
  /** Share of revenue left after COGS and fulfilment: what an extra unit of revenue is worth. */
  margin: number;
  curve: ResponseCurve;
  /** The Hill curve and the optimiser's allocation, when the campaign's days could be fitted. */
  plan: CampaignPlan | undefined;
  /**
   * The plan that keeps today's budget because the fitted curve does not explain the campaign's
   * revenue (decision 990): no increase is advised on it, and a cut is sized on average ROAS.
   */
  held: CampaignPlan | undefined;
}

const HELD_WHY = 'its daily revenue did not follow its spend closely enough to fit a response curve';

function factsOf(input: RecommendationInput, c: CampaignWindow): CampaignFacts {
  const daily = Math.round(c.spendMinor / input.windowDays);
  const roas = c.spendMinor > 0 ? c.revenueMinor / c.spendMinor : 0;
  const share = input.totalSpendMinor > 0 ? c.spendMinor / input.totalSpendMinor : 0;
  const plan = budgetPlanFor(input).get(c.campaignId);
  const held = plan?.row.heldReason ? plan : undefined;
  return {
    c,
    daily,
    roas,
    share,
    margin: marginOf(c),
    // Held: the rule's own window's ROAS, the one its title states, is the assumption.
    curve: held
      ? constantRoasCurve(c, input.windowDays, HELD_WHY)
      : fitResponseCurve(c.daily.filter((d) => !d.warmUp)),
    plan: held ? undefined : plan,
    held,
  };
}

/** What a spend rule's evidence measures (shared/domain/evidence.ts). */
export const SPEND_EVIDENCE = {
  ...CURVE_EVIDENCE,
  ...HELD_EVIDENCE,
  window_days: { unit: 'days', label: 'Period analysed' },
  spend_window_minor: { unit: 'money-minor', label: 'Campaign spend in the period' },
  revenue_window_minor: { unit: 'money-minor', label: 'Campaign revenue in the period' },
  profit_window_minor: { unit: 'money-minor', label: 'Campaign profit in the period' },
  roas_window: { unit: 'ratio', label: 'Campaign ROAS in the period' },
  roas_target: { unit: 'ratio', label: 'Your ROAS target' },
  brand_spend_window_minor: { unit: 'money-minor', label: 'Store-wide ad spend in the period' },
  spend_share: { unit: 'fraction', label: 'Its share of store-wide ad spend' },
  curve_b: { unit: 'internal', label: 'Curve exponent (older model)' },
  ltv_roas_window: { unit: 'ratio', label: 'ROAS counting lifetime value' },
} as const satisfies EvidenceDeclaration;

function evidenceOf(input: RecommendationInput, f: CampaignFacts) {
  return declareEvidence(SPEND_EVIDENCE, {
    ...(f.plan ? curveEvidence(f.plan, f.c.daily) : {}),
    ...(f.held ? heldEvidence(f.held) : {}),
    window_days: input.windowDays,
    spend_window_minor: f.c.spendMinor,
    revenue_window_minor: f.c.revenueMinor,
    profit_window_minor: f.c.profitMinor,
    roas_window: round4(f.roas),
    roas_target: input.thresholds.roasTarget,
    brand_spend_window_minor: input.totalSpendMinor,
    spend_share: round4(f.share),
    curve_days: f.curve.days,
    curve_b: f.curve.kind === 'power' ? round4(f.curve.b) : null,
    ltv_roas_window: f.c.ltvRoas == null ? null : round4(f.c.ltvRoas),
  });
}

/** Weekly profit change of moving daily spend from `from` to `to` along the curve. */
function weeklyProfitChange(f: CampaignFacts, from: number, to: number): number {
  const revenueDelta = f.plan
    ? revenueAt(f.plan.curve.params, to) - revenueAt(f.plan.curve.params, from)
    : predictRevenue(f.curve, to) - predictRevenue(f.curve, from);
  return Math.round((revenueDelta * f.margin - (to - from)) * 7);
}

/**
 * The constant-ROAS assumption a change is judged on when no curve is used (a held campaign, or
 * days no curve could be fitted to); undefined when a curve sizes it.
 */
function assumedRoas(f: CampaignFacts): Extract<ResponseCurve, { kind: 'constant_roas' }> | undefined {
  return f.plan || f.curve.kind === 'power' ? undefined : f.curve;
}

/** What a cut's lost revenue is estimated on, in words: the curve, or the average return assumed. */
function lostRevenueBasis(f: CampaignFacts): string {
  const assumed = assumedRoas(f);
  if (!assumed) return 'the revenue the curve expects to lose';
  return `the revenue it would lose at its average ROAS of ${ratio(assumed.roas)} over ${counted(assumed.days, 'day')}`;
}

/** Why a cut made without a curve is the size it is; nothing when a curve sized it. */
function statedStep(f: CampaignFacts, proposed: number): string {
  if (!assumedRoas(f)) return '';
  const step = `a stated ${share(Math.round((1 - proposed / f.daily) * 100) / 100)} step`;
  // The impact sentence names the average ROAS the step is judged on (lostRevenueBasis).
  return f.held
    ? ` Its revenue has not risen and fallen with its spend, so the cut is ${step} judged on its average return, not on a response curve.`
    : ` No response curve could be fitted to its days, so the cut is ${step}.`;
}

function modelOf(f: CampaignFacts, currency: string): string {
  return f.plan ? describeHill(f.plan, currency) : describeCurve(f.curve);
}

/** What the lifetime value of the acquired customers says, when customer analytics has run. */
function ltvClause(ltv: number | null | undefined): string {
  if (ltv == null) return ' No lifetime-value prediction covers its customers yet.';
  return ` Counting the predicted 365-day value of the customers it acquired, its LTV ROAS is ${ratio(ltv)}, still below the target.`;
}

/** ROAS below the brand's target on a material share of spend: cut to where the curve meets the target. */
export function reduceBelowTarget(input: RecommendationInput): RecommendationDraft[] {
  const t = input.thresholds;
  const weeklySpend = Math.round(input.totalSpendMinor / input.windowDays) * 7;
  const out: RecommendationDraft[] = [];
  for (const c of input.campaigns) {
    const f = factsOf(input, c);
    if (c.spendMinor <= 0 || f.roas >= t.roasTarget || f.share < t.materialSpendShare) continue;
    // A campaign that loses on the first order but brings customers who come back is not cut:
    // judged on the lifetime value of the customers it acquired, it clears the target.
    if (c.ltvRoas != null && c.ltvRoas >= t.roasTarget) continue;
    // The optimiser's allocation when the campaign has a fitted curve; else cut to where the power
    // curve meets the target (or by a stated share).
    const atTarget = spendForAverageRoas(f.curve, t.roasTarget) ?? f.daily * (1 - FALLBACK_CUT);
    // A held campaign (no curve explains it) moves the one scale step a day the optimiser allows.
    const proposed = f.plan
      ? f.plan.row.proposedSpendMinor
      : f.held
        ? Math.round(f.daily * (1 - t.scaleStep))
        : Math.round(Math.min(0.9 * f.daily, Math.max(0.5 * f.daily, atTarget)));
    if (proposed >= f.daily) continue;
    const gain = weeklyProfitChange(f, f.daily, proposed);
    // A cut that loses more margin than it saves spend is not advice worth giving.
    if (gain <= 0) continue;
    const rank = ranked('waste', gain, weeklySpend);
    out.push({
      brandId: input.brandId,
      dedupeKey: `reduce_spend:roas:${c.campaignId}`,
      type: 'reduce_spend',
      ...rank,
      title: `Cut "${c.campaignName}": ROAS ${ratio(f.roas)} is below the ${ratio(t.roasTarget)} target`,
      action: `Lower the daily budget of the ${platformName(c.platform)} campaign "${c.campaignName}" from ${amount(f.daily, input.currency)} to ${amount(proposed, input.currency)}.`,
      reason: `Over ${input.windowDays} days "${c.campaignName}" spent ${amount(c.spendMinor, input.currency)} (${share(f.share)} of the brand's spend) for ${amount(c.revenueMinor, input.currency)} of attributed revenue: ROAS ${ratio(f.roas)} against a target of ${ratio(t.roasTarget)}.${ltvClause(c.ltvRoas)}${statedStep(f, proposed)}`,
      change: budgetChange(c, f.daily, proposed, input.currency),
      ...evidenceOf(input, f),
      expectedImpact: {
        description: `About ${amount(gain, input.currency)} more profit a week: the spend saved exceeds the margin on ${lostRevenueBasis(f)}.`,
        amountMinor: gain,
        currency: input.currency,
        model: modelOf(f, input.currency),
      },
    });
  }
  return out;
}

/** ROAS well above target, healthy stock, small share: a budget step the curve says pays for itself. */
export function increaseSpend(input: RecommendationInput): RecommendationDraft[] {
  const t = input.thresholds;
  const weeklySpend = Math.round(input.totalSpendMinor / input.windowDays) * 7;
  const stock = new Map(input.products.map((p) => [p.productId, p]));
  const out: RecommendationDraft[] = [];
  for (const c of input.campaigns) {
    const f = factsOf(input, c);
    if (c.spendMinor <= 0 || f.roas < t.roasTarget * t.scaleRoasMultiple || f.share >= t.smallSpendShare)
      continue;
    const advertised = input.campaignProducts.filter((cp) => cp.campaignId === c.campaignId);
    const healthy = advertised.every((cp) => {
      const p = stock.get(cp.productId);
      if (!p || p.stockAvailable === null) return true;
      return p.stockAvailable > 0 && (p.daysOfCover === null || p.daysOfCover >= t.lowCoverDays);
    });
    if (!healthy) continue;
    // Scaling is a bet that more spend pays back: only a curve that explains revenue can say so,
    // not a held one (decision 990) nor an average ROAS assumed where no curve could be fitted (972).
    if (assumedRoas(f)) continue;
    const proposed = f.plan ? f.plan.row.proposedSpendMinor : Math.round(f.daily * (1 + t.scaleStep));
    if (proposed <= f.daily) continue;
    const gain = weeklyProfitChange(f, f.daily, proposed);
    if (gain <= 0) continue;
    const rank = ranked('opportunity', gain, weeklySpend);
    out.push({
      brandId: input.brandId,
      dedupeKey: `increase_spend:${c.campaignId}`,
      type: 'increase_spend',
      ...rank,
      title: `Scale "${c.campaignName}": ROAS ${ratio(f.roas)} with room to grow`,
      action: `Raise the daily budget of the ${platformName(c.platform)} campaign "${c.campaignName}" from ${amount(f.daily, input.currency)} to ${amount(proposed, input.currency)} (+${share(Math.round((proposed / f.daily - 1) * 100) / 100)}).`,
      reason: `Over ${input.windowDays} days "${c.campaignName}" returned ${ratio(f.roas)} in revenue per unit of spend (target ${ratio(t.roasTarget)}) on only ${share(f.share)} of the brand's spend, and every product it advertises has at least ${t.lowCoverDays} days of stock.`,
      change: budgetChange(c, f.daily, proposed, input.currency),
      ...evidenceOf(input, f),
      expectedImpact: {
        description: `About ${amount(gain, input.currency)} more profit a week after the extra spend, as the curve flattens.`,
        amountMinor: gain,
        currency: input.currency,
        model: modelOf(f, input.currency),
      },
    });
  }
  return out;
}
