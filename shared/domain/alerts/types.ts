import type { Alert, BrandTargets, Integration, SyncRun } from '../entities';
import type { DeclaredEvidence } from '../evidence';
import type { LocalDate } from '../time';

export type AlertDraft = Omit<
  Alert,
  | 'id'
  | 'status'
  | 'createdAt'
  | 'updatedAt'
  | 'snoozedUntil'
  | 'snoozedSeverity'
  | 'decidedBy'
  | 'decidedAt'
  | 'evidenceUnits'
  | 'evidenceLabels'
> &
  // An alert's evidence always comes with its declaration (declareEvidence, shared/domain/evidence.ts).
  DeclaredEvidence;

export interface DailyTotal {
  date: LocalDate;
  spendMinor: number;
  revenueMinor: number;
}

export interface ProductExposure {
  productId: string;
  title: string;
  stockAvailable: number | null;
  daysOfCover: number | null;
  /** Ad spend on the product over the evaluation window and its last few days. */
  spendMinor: number;
  recentSpendMinor: number;
  campaignCount: number;
}

export interface AlertInput {
  brandId: string;
  currency: string;
  asOf: LocalDate;
  targets: Pick<BrandTargets, 'roasDropAlertPct' | 'lowCoverDays' | 'stockoutRiskDays'>;
  recentDays: number;
  /** Brand totals per day, any order; days without a row count as absent, not zero. */
  daily: readonly DailyTotal[];
  /**
   * The brand's last whole day, when `asOf` may be a day still running: the rules over daily
   * totals (ROAS drop, unusual days) judge no later than it, since a morning's few hours of sales
   * read as an unusually bad day. Absent: `asOf` is whole.
   */
  lastCompleteDay?: LocalDate;
  products: readonly ProductExposure[];
  integrations: readonly Integration[];
  /** The latest sync run per platform. */
  latestRuns: readonly SyncRun[];
  aiBudget?: { month: string; usedMicros: number; budgetMicros: number };
}
