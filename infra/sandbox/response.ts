/**
 * The planted response curves: how many orders a campaign's spend drives, so the curve fitting in
 * shared/domain/curves can be checked against the truth. Each campaign has a Hill curve on its
 * geometrically adstocked daily spend in USD (the same family the product fits: Jin et al. 2017),
 * with its ceiling set so that a fortnight of budget tests around its daily budget (world.ts) drives
 * on average what the old k·spend^0.7 curve did at that budget: a saturating curve gains less in a
 * week at 1.85× than it loses in a week at 0.15×, and the demo's numbers stay where they were.
 * Orders for a stocked-out SKU are lost (generate.ts drops them, facts.ts reports no conversions
 * for a campaign whose promoted SKUs are all out).
 */
import { addDays, type LocalDate } from '../../shared/domain/time';
import {
  BUDGET_TEST_STEP,
  type Campaign,
  dailySpendMinor,
  REGIONS,
  type Region,
  testWeeks,
  usdPer,
} from './world';

export interface PlantedResponse {
  /** Orders a day at saturation. */
  maxConversions: number;
  /** Half-saturation daily spend, USD minor units. */
  halfSatUsdMinor: number;
  shape: number;
  decay: number;
}

/**
 * Half-saturation (× daily budget), shape and carry-over per campaign, by native id. Every
 * half-saturation lies inside the range the budget tests explore (0.05×–1.95×, TikTok's 0× and 2×,
 * with the weekday, trend and carry-over on top, world.ts): a curve whose bend lies beyond any
 * spend ever tried cannot be pinned down by any fit, only bounded.
 */
const PLANTED_SHAPES: Readonly<Record<string, { halfSat: number; shape: number; decay: number }>> = {
  '120210000000101': { halfSat: 1.1, shape: 1.2, decay: 0.3 },
  '120210000000102': { halfSat: 0.9, shape: 1.0, decay: 0.5 },
  '120210000000103': { halfSat: 1.4, shape: 1.1, decay: 0.2 },
  '120210000000104': { halfSat: 2.2, shape: 1.4, decay: 0.4 },
  '1790000000000201': { halfSat: 1.5, shape: 1.2, decay: 0.3 },
  '1790000000000202': { halfSat: 1.2, shape: 1.0, decay: 0.2 },
  '1790000000000203': { halfSat: 1.8, shape: 1.3, decay: 0.3 },
  '20000000301': { halfSat: 0.8, shape: 1.0, decay: 0.1 },
  '20000000302': { halfSat: 1.3, shape: 1.1, decay: 0.2 },
  '20000000303': { halfSat: 1.5, shape: 1.2, decay: 0.2 },
  '20000000304': { halfSat: 2.0, shape: 1.3, decay: 0.4 },
};
const DEFAULT_SHAPE = { halfSat: 1.5, shape: 1.1, decay: 0.3 };
/** Lags the adstock sums; λ^29 is negligible for every planted λ. */
const LAGS = 28;

const saturation = (a: number, k: number, s: number) => {
  const r = (a / k) ** s;
  return r / (1 + r);
};

const responseCache = new Map<string, PlantedResponse>();

export function plantedResponse(c: Campaign): PlantedResponse {
  let planted = responseCache.get(c.id);
  if (!planted) {
    planted = responseOf(c);
    responseCache.set(c.id, planted);
  }
  return planted;
}

function responseOf(c: Campaign): PlantedResponse {
  const shape = PLANTED_SHAPES[c.nativeId] ?? DEFAULT_SHAPE;
  const budgetUsd = c.dailyBudgetMinor * usdPer(c.accountCurrency, '2026-01-01');
  const halfSatUsdMinor = Math.round(shape.halfSat * budgetUsd);
  const atBudget = c.efficiency * (budgetUsd / 100) ** 0.7;
  return {
    maxConversions: atBudget / testedSaturation(c, budgetUsd, halfSatUsdMinor, shape.shape),
    halfSatUsdMinor,
    shape: shape.shape,
    decay: shape.decay,
  };
}

/**
 * The curve's mean saturation over a fortnight of budget tests around `budget`: a week at 1 − m and
 * a week at 1 + m, m uniform over BUDGET_TEST_STEP (midpoint rule), or a week paused and a week
 * at 2× where the platform's minimum says so (testWeeks).
 */
function testedSaturation(c: Campaign, budget: number, halfSat: number, shape: number): number {
  const points = 50;
  let sum = 0;
  for (let i = 0; i < points; i++) {
    const m = BUDGET_TEST_STEP.min + ((BUDGET_TEST_STEP.max - BUDGET_TEST_STEP.min) * (i + 0.5)) / points;
    const { down, up } = testWeeks(c, m);
    sum += (saturation(budget * down, halfSat, shape) + saturation(budget * up, halfSat, shape)) / 2;
  }
  return sum / points;
}

const spendCache = new Map<string, number>();

/** The campaign's final daily spend over all regions, in USD minor units (world ending `endDate`). */
export function campaignSpendUsdMinor(c: Campaign, date: LocalDate, endDate: LocalDate): number {
  const key = `${c.id}|${date}|${endDate}`;
  let total = spendCache.get(key);
  if (total === undefined) {
    const rate = usdPer(c.accountCurrency, date);
    total = REGIONS.reduce((s, r) => s + dailySpendMinor(c, date, r, endDate) * rate, 0);
    spendCache.set(key, total);
  }
  return total;
}

/** Normalised geometric adstock of the campaign's USD spend on `date` (a steady spend S gives S). */
export function adstockedSpendUsdMinor(
  c: Campaign,
  date: LocalDate,
  endDate: LocalDate,
  decay: number,
): number {
  let sum = 0;
  let weight = 1;
  for (let lag = 0; lag <= LAGS; lag++) {
    sum += weight * campaignSpendUsdMinor(c, addDays(date, -lag), endDate);
    weight *= decay;
  }
  return (sum * (1 - decay)) / (1 - decay ** (LAGS + 1));
}

/** Orders the campaign drives on `date` in `region` (its share of the day's spend), before stock. */
export function expectedConversions(
  c: Campaign,
  date: LocalDate,
  region: Region,
  endDate: LocalDate,
): number {
  const total = campaignSpendUsdMinor(c, date, endDate);
  // A paused day still drives the orders its carry-over makes, spread as the regions usually spend.
  const share =
    total > 0
      ? (dailySpendMinor(c, date, region, endDate) * usdPer(c.accountCurrency, date)) / total
      : region.weight;
  return dailyConversions(c, date, endDate) * share;
}

const conversionsCache = new Map<string, number>();

/** Orders the campaign drives on `date` over all regions, before stock. */
export function dailyConversions(c: Campaign, date: LocalDate, endDate: LocalDate): number {
  const key = `${c.id}|${date}|${endDate}`;
  let n = conversionsCache.get(key);
  if (n === undefined) {
    const p = plantedResponse(c);
    n =
      p.maxConversions *
      saturation(adstockedSpendUsdMinor(c, date, endDate, p.decay), p.halfSatUsdMinor, p.shape);
    conversionsCache.set(key, n);
  }
  return n;
}
