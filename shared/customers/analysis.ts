/**
 * One brand's customer analysis from its activity rows: the lifetime model (fitted or prior), its
 * time-split holdout score, and per-customer predictions and RFM segments. No I/O: the job reads
 * the rows and writes what this returns.
 */

import { type RepeatStats, repeatStatsOfColumns } from '../domain/customers/cohorts';
import {
  type BgNbdParams,
  expectedPurchases,
  probabilityAlive,
} from '../domain/customers/lifetime-value/bg-nbd';
import { spendSummaryOf } from '../domain/customers/lifetime-value/gamma-gamma';
import { type HoldoutMetrics, holdoutMetrics } from '../domain/customers/lifetime-value/holdout';
import {
  FIT_REQUIREMENTS,
  fitLifetimeModel,
  type LifetimeModel,
} from '../domain/customers/lifetime-value/model';
import { createPredictor } from '../domain/customers/lifetime-value/predict';
import type { RepeatSummary } from '../domain/customers/lifetime-value/summary';
import { type RfmColumns, scoreRfmColumns } from '../domain/customers/segments/rfm';
import { addDays, type LocalDate } from '../domain/time';
import { type ActivityColumns, dayNumber } from './activity-columns';

export { dayNumber };

/** The longest holdout, and the shortest worth scoring. */
export const HOLDOUT_MAX_DAYS = 90;
export const HOLDOUT_MIN_DAYS = 14;

/** A third of the history, at most 90 days; none when that is under two weeks. */
export function holdoutDays(historyDays: number): number {
  const days = Math.min(HOLDOUT_MAX_DAYS, Math.floor(historyDays / 3));
  return days >= HOLDOUT_MIN_DAYS ? days : 0;
}

export interface Holdout {
  readonly from: LocalDate;
  readonly to: LocalDate;
  readonly metrics: HoldoutMetrics;
  readonly model: LifetimeModel;
}

export interface BrandAnalysis {
  readonly asOf: LocalDate;
  readonly trainingFrom: LocalDate | null;
  readonly historyDays: number;
  readonly model: LifetimeModel;
  readonly holdout: Holdout | null;
  /** Why there is no holdout score, when there is none. */
  readonly holdoutNote: string | null;
  readonly repeat: RepeatStats;
  readonly predictions: PredictionColumns;
  readonly scores: RfmColumns;
  readonly repeatCustomers: number;
}

/** Each customer's prediction (lifetime-value/predict.ts), a typed array per field. */
export interface PredictionColumns {
  readonly pAlive: Float64Array;
  readonly purchases90: Float64Array;
  readonly purchases365: Float64Array;
  readonly value90Minor: Float64Array;
  readonly value365Minor: Float64Array;
  readonly value365LowMinor: Float64Array;
  readonly value365HighMinor: Float64Array;
}

interface Columns extends RepeatSummary {
  readonly repeatMean: Float64Array;
}

function columns(size: number): Columns {
  return {
    size,
    x: new Float64Array(size),
    tx: new Float64Array(size),
    T: new Float64Array(size),
    weight: new Float64Array(size).fill(1),
    repeatMean: new Float64Array(size),
  };
}

/**
 * At most this many customers are fitted on (a deterministic, evenly strided sample): the estimates
 * of four parameters settle long before a million customers, and the fit's cost grows with them.
 * Every customer is still predicted.
 */
export const FIT_SAMPLE = 20_000;

function fitFor(
  c: Columns,
  historyDays: number,
  meanOrderValueMinor: number,
  minHistoryDays: number,
): LifetimeModel {
  const stride = Math.max(1, Math.ceil(c.size / FIT_SAMPLE));
  const picked = columns(Math.ceil(c.size / stride));
  const spend: Array<{ x: number; mean: number }> = [];
  for (let i = 0, k = 0; i < c.size; i += stride, k++) {
    picked.x[k] = c.x[i] as number;
    picked.tx[k] = c.tx[i] as number;
    picked.T[k] = c.T[i] as number;
    // A repeat history refunded to nothing or less says nothing about spend; it sits out the spend fit.
    if ((c.x[i] as number) > 0 && (c.repeatMean[i] as number) > 0)
      spend.push({ x: c.x[i] as number, mean: c.repeatMean[i] as number });
  }
  // The sample stands for everyone in the customer count the requirements judge.
  const purchases = stride === 1 ? c : picked;
  return fitLifetimeModel(
    { purchases, spend: spendSummaryOf(spend), historyDays, meanOrderValueMinor, customers: c.size },
    { ...FIT_REQUIREMENTS, minHistoryDays },
  );
}

export function analyzeCustomers(
  activity: ActivityColumns,
  options: { asOf: LocalDate; annualDiscountRate: number },
): BrandAnalysis {
  const asOfDay = dayNumber(options.asOf);
  const n = activity.size;
  const full = columns(n);
  let earliest = asOfDay;
  let revenue = 0;
  let orderDays = 0;
  let repeatCustomers = 0;
  for (let i = 0; i < n; i++) {
    const first = activity.firstDay[i] as number;
    const revenueMinor = activity.revenueMinor[i] as number;
    const days = activity.orderDays[i] as number;
    earliest = Math.min(earliest, first);
    const x = days - 1;
    full.x[i] = x;
    full.tx[i] = (activity.lastDay[i] as number) - first;
    full.T[i] = asOfDay - first;
    full.repeatMean[i] = x > 0 ? (revenueMinor - (activity.firstDayMinor[i] as number)) / x : 0;
    if (x > 0) repeatCustomers++;
    revenue += revenueMinor;
    orderDays += days;
  }
  const historyDays = n > 0 ? asOfDay - earliest : 0;
  const meanOrderValue = orderDays > 0 ? revenue / orderDays : 0;
  const model = fitFor(full, historyDays, meanOrderValue, FIT_REQUIREMENTS.minHistoryDays);

  const h = holdoutDays(historyDays);
  let holdout: Holdout | null = null;
  let holdoutNote: string | null = null;
  if (h === 0) {
    holdoutNote = `${historyDays} days of history leave no holdout of at least ${HOLDOUT_MIN_DAYS} days.`;
  } else {
    holdout = scoreHoldout(activity, asOfDay, h, options.asOf, meanOrderValue);
    if (!holdout) holdoutNote = 'No customer had bought before the holdout began.';
  }

  const predictions = predictAll(
    full,
    createPredictor(model, { annualDiscountRate: options.annualDiscountRate }),
  );
  const recencyDays = new Float64Array(n);
  const daysToSecond = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    recencyDays[i] = asOfDay - (activity.lastDay[i] as number);
    // NaN (no second order day) stays NaN: the repeat statistics leave it out.
    daysToSecond[i] = (activity.secondDay[i] as number) - (activity.firstDay[i] as number);
  }
  const scores = scoreRfmColumns({
    recencyDays,
    orders: activity.orderDays,
    revenueMinor: activity.revenueMinor,
  });
  const repeat = repeatStatsOfColumns({ orders: activity.orderDays, spanDays: full.tx, daysToSecond });
  return {
    asOf: options.asOf,
    trainingFrom: n > 0 ? addDays(options.asOf, -historyDays) : null,
    historyDays,
    model,
    holdout,
    holdoutNote,
    repeat,
    predictions,
    scores,
    repeatCustomers,
  };
}

function predictAll(full: Columns, predict: ReturnType<typeof createPredictor>): PredictionColumns {
  const n = full.size;
  const out: PredictionColumns = {
    pAlive: new Float64Array(n),
    purchases90: new Float64Array(n),
    purchases365: new Float64Array(n),
    value90Minor: new Float64Array(n),
    value365Minor: new Float64Array(n),
    value365LowMinor: new Float64Array(n),
    value365HighMinor: new Float64Array(n),
  };
  for (let i = 0; i < n; i++) {
    const p = predict(
      full.x[i] as number,
      full.tx[i] as number,
      full.T[i] as number,
      full.repeatMean[i] as number,
    );
    out.pAlive[i] = p.pAlive;
    out.purchases90[i] = p.purchases90;
    out.purchases365[i] = p.purchases365;
    out.value90Minor[i] = p.value90Minor;
    out.value365Minor[i] = p.value365Minor;
    out.value365LowMinor[i] = p.value365LowMinor;
    out.value365HighMinor[i] = p.value365HighMinor;
  }
  return out;
}

/** A key per (x, t_x, T): a number for whole days (no string per customer), else a string. */
function historyKey(x: number, tx: number, T: number): number | string {
  return Number.isInteger(x) && Number.isInteger(tx) && Number.isInteger(T) && x < 1e4 && T < 1e4
    ? (x * 1e4 + tx) * 1e4 + T
    : `${x}|${tx}|${T}`;
}

/**
 * Fits on the customers who had bought by the cutoff, as they looked then, and compares the
 * purchases it expects over the holdout with those that happened. The calibration window is
 * shorter than the full one by the holdout, and so is the history it is asked to have.
 */
function scoreHoldout(
  activity: ActivityColumns,
  asOfDay: number,
  h: number,
  asOf: LocalDate,
  meanOrderValue: number,
): Holdout | null {
  const cutoffDay = asOfDay - h;
  const members: number[] = [];
  for (let i = 0; i < activity.size; i++) if ((activity.firstDay[i] as number) <= cutoffDay) members.push(i);
  if (members.length === 0) return null;
  const cal = columns(members.length);
  const actual = new Float64Array(members.length);
  let earliest = cutoffDay;
  members.forEach((i, k) => {
    const first = activity.firstDay[i] as number;
    const calDays = activity.calDays[i] as number;
    const calLast = activity.calLastDay[i] as number;
    earliest = Math.min(earliest, first);
    const x = calDays - 1;
    cal.x[k] = x;
    cal.tx[k] = (Number.isNaN(calLast) ? first : calLast) - first;
    cal.T[k] = cutoffDay - first;
    cal.repeatMean[k] = x > 0 ? (activity.calRepeatMinor[i] as number) / x : 0;
    actual[k] = (activity.orderDays[i] as number) - calDays;
  });
  const model = fitFor(
    cal,
    cutoffDay - earliest,
    meanOrderValue,
    Math.max(0, FIT_REQUIREMENTS.minHistoryDays - h),
  );
  const predicted = new Float64Array(members.length);
  const alive = new Float64Array(members.length);
  const memo = new Map<number | string, [number, number]>();
  const bg: BgNbdParams = model.bgNbd.params;
  for (let k = 0; k < members.length; k++) {
    const key = historyKey(cal.x[k] as number, cal.tx[k] as number, cal.T[k] as number);
    let v = memo.get(key);
    if (!v) {
      const x = cal.x[k] as number;
      v = [
        expectedPurchases(bg, x, cal.tx[k] as number, cal.T[k] as number, h),
        probabilityAlive(bg, x, cal.tx[k] as number, cal.T[k] as number),
      ];
      memo.set(key, v);
    }
    predicted[k] = v[0];
    alive[k] = v[1];
  }
  return {
    from: addDays(asOf, -h + 1),
    to: asOf,
    metrics: holdoutMetrics(predicted, actual, alive),
    model,
  };
}
