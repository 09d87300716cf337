import type { CurveDay } from '../curves';
import type { AdPlatform, BrandTargets, Recommendation } from '../entities';
import type { DeclaredEvidence } from '../evidence';
import type { LocalDate } from '../time';

/** The thresholds the rules use: the brand's targets filled in with defaults. */
export interface RecommendationThresholds {
  roasTarget: number;
  lowCoverDays: number;
  overstockCoverDays: number;
  /** A campaign × product (or campaign) is "material" at this share of the brand's spend. */
  materialSpendShare: number;
  /** "Well above target" for scaling: ROAS ≥ target × this. */
  scaleRoasMultiple: number;
  /** Scaling is for campaigns below this share of the brand's spend (room to grow). */
  smallSpendShare: number;
  /** Budget step proposed when scaling. */
  scaleStep: number;
  /** A product counts as unadvertised below this share of the brand's spend. */
  unadvertisedSpendShare: number;
}

export const DEFAULT_THRESHOLDS = {
  materialSpendShare: 0.05,
  scaleRoasMultiple: 1.5,
  smallSpendShare: 0.15,
  scaleStep: 0.2,
  unadvertisedSpendShare: 0.01,
} as const;

export function thresholdsFor(targets: BrandTargets): RecommendationThresholds {
  return {
    roasTarget: targets.roasTarget,
    lowCoverDays: targets.lowCoverDays,
    overstockCoverDays: targets.overstockCoverDays,
    materialSpendShare:
      targets.materialSpendSharePct !== undefined
        ? targets.materialSpendSharePct / 100
        : DEFAULT_THRESHOLDS.materialSpendShare,
    scaleRoasMultiple: targets.scaleRoasMultiple ?? DEFAULT_THRESHOLDS.scaleRoasMultiple,
    smallSpendShare: DEFAULT_THRESHOLDS.smallSpendShare,
    scaleStep: DEFAULT_THRESHOLDS.scaleStep,
    unadvertisedSpendShare: DEFAULT_THRESHOLDS.unadvertisedSpendShare,
  };
}

/** One campaign over the evaluation window (all of its products). */
export interface CampaignWindow {
  platform: AdPlatform;
  campaignId: string;
  campaignName: string;
  spendMinor: number;
  revenueMinor: number;
  /** Profit after COGS, fulfilment and ad spend, as unified_performance holds it. */
  profitMinor: number;
  /**
   * Consecutive days of spend and attributed revenue over the (longer) curve window, oldest first,
   * censored where stock capped sales: what the response curve is fitted on. It starts up to
   * WARM_UP_DAYS (curves/fit.ts) before that window with days marked `warmUp`, read only for their
   * carry-over; whatever else reads the series leaves them out.
   */
  daily: readonly CurveDay[];
  /**
   * LTV-based ROAS over the window: the first orders of the customers the campaign acquired plus
   * their predicted 365-day value, per unit of spend. Absent or null before customer analytics ran.
   */
  ltvRoas?: number | null;
}

/** Spend of one campaign on one product over the window and its last few days. */
export interface CampaignProductWindow {
  platform: AdPlatform;
  campaignId: string;
  campaignName: string;
  productId: string;
  spendMinor: number;
  revenueMinor: number;
  recentSpendMinor: number;
}

/** A product's stock on the as-of day and its sales over the window. */
export interface ProductState {
  productId: string;
  title: string;
  stockAvailable: number | null;
  daysOfCover: number | null;
  units: number;
  spendMinor: number;
  revenueMinor: number;
  cogsMinor: number;
  /** From the catalog when the window had no sales to derive it from. */
  unitCostMinor: number | null;
}

export interface RecommendationInput {
  brandId: string;
  currency: string;
  asOf: LocalDate;
  windowDays: number;
  /** "Recent" for spending on a stockout: the last few days of the window. */
  recentDays: number;
  totalSpendMinor: number;
  campaigns: readonly CampaignWindow[];
  campaignProducts: readonly CampaignProductWindow[];
  products: readonly ProductState[];
  thresholds: RecommendationThresholds;
}

/** A recommendation as the rules produce it: the job adds id, status and timestamps. */
export type RecommendationDraft = Omit<
  Recommendation,
  | 'id'
  | 'status'
  | 'statusReason'
  | 'decidedBy'
  | 'decidedAt'
  | 'outcome'
  | 'outcomeUnits'
  | 'outcomeLabels'
  | 'createdAt'
  | 'updatedAt'
  | 'evidenceUnits'
  | 'evidenceLabels'
> &
  // A rule's evidence always comes with its declaration (declareEvidence, shared/domain/evidence.ts).
  DeclaredEvidence;
