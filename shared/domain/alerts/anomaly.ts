/**
 * Robust outlier test for a daily series with weekly seasonality: today is compared only with the
 * same weekday of previous weeks, by its distance from their median in units of the scaled median
 * absolute deviation. Iglewicz & Hoaglin (1993) recommend |modified z| > 3.5 as the outlier line;
 * 1.4826 scales the MAD to a standard deviation under normality. The median and MAD ignore the
 * odd holiday in the history, which a mean and standard deviation would not.
 */
export const MODIFIED_Z_THRESHOLD = 3.5;
const MAD_TO_SD = 1.4826;
/** Fewer same-weekday points than this and the baseline is not worth an alert. */
export const MIN_HISTORY = 4;

export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export interface AnomalyVerdict {
  value: number;
  median: number;
  scale: number;
  z: number;
  anomalous: boolean;
}

export function sameWeekdayAnomaly(value: number, history: readonly number[]): AnomalyVerdict | undefined {
  if (history.length < MIN_HISTORY) return undefined;
  const med = median(history);
  const mad = median(history.map((h) => Math.abs(h - med)));
  // A perfectly flat history has MAD 0; 5 % of the median keeps a 1-cent wobble from being "infinite".
  const scale = Math.max(MAD_TO_SD * mad, 0.05 * Math.abs(med), 1);
  const z = (value - med) / scale;
  return { value, median: med, scale, z, anomalous: Math.abs(z) > MODIFIED_Z_THRESHOLD };
}
