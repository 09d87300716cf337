/**
 * A brand's activity rows held as columns: the numbers in typed arrays (days as day numbers) and
 * only the strings a prediction row carries in plain arrays. A million customers as row objects
 * of fifteen fields cost several times this, and the job never needs a customer as an object.
 */
import type { CustomerActivity } from './activity-query';

const MS_PER_DAY = 86_400_000;
/** Days since 1970-01-01 of a 'YYYY-MM-DD' string, without building a Date per row. */
export function dayNumber(iso: string): number {
  return (
    Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / MS_PER_DAY
  );
}

const NUMBER_COLUMNS = [
  'firstOrderMinor',
  'orderDays',
  'revenueMinor',
  'firstDayMinor',
  'firstDay',
  'lastDay',
  'secondDay',
  'calDays',
  'calLastDay',
  'calRepeatMinor',
] as const;
type NumberColumn = (typeof NUMBER_COLUMNS)[number];

const STRING_COLUMNS = [
  'customerId',
  'firstOrderId',
  'firstDate',
  'lastDate',
  'acquisitionChannel',
  'acquisitionPlatform',
  'acquisitionCampaignId',
] as const;
type StringColumn = (typeof STRING_COLUMNS)[number];

export interface ActivityColumns {
  readonly size: number;
  readonly firstOrderMinor: Float64Array;
  readonly orderDays: Float64Array;
  readonly revenueMinor: Float64Array;
  readonly firstDayMinor: Float64Array;
  readonly firstDay: Float64Array;
  readonly lastDay: Float64Array;
  /** NaN for a customer with one order day. */
  readonly secondDay: Float64Array;
  readonly calDays: Float64Array;
  /** NaN for a customer who first bought after the calibration window. */
  readonly calLastDay: Float64Array;
  readonly calRepeatMinor: Float64Array;
  readonly customerId: readonly string[];
  readonly firstOrderId: readonly string[];
  /** 'YYYY-MM-DD' as read (the warehouse hands out one string per distinct day). */
  readonly firstDate: readonly string[];
  readonly lastDate: readonly string[];
  readonly acquisitionChannel: ReadonlyArray<string | null>;
  readonly acquisitionPlatform: ReadonlyArray<string | null>;
  readonly acquisitionCampaignId: ReadonlyArray<string | null>;
}

/**
 * Collects activity rows batch by batch. The typed arrays grow by doubling, so the rows' count
 * need not be known before the first batch.
 */
export function createActivityCollector() {
  let size = 0;
  let capacity = 0;
  const numbers = Object.fromEntries(NUMBER_COLUMNS.map((c) => [c, new Float64Array(0)])) as Record<
    NumberColumn,
    Float64Array
  >;
  const strings = Object.fromEntries(STRING_COLUMNS.map((c) => [c, []])) as unknown as Record<
    StringColumn,
    Array<string | null>
  >;

  function reserve(needed: number) {
    if (needed <= capacity) return;
    capacity = Math.max(needed, capacity * 2, 1024);
    for (const c of NUMBER_COLUMNS) {
      const grown = new Float64Array(capacity);
      grown.set(numbers[c].subarray(0, size));
      numbers[c] = grown;
    }
  }

  return {
    add(rows: readonly CustomerActivity[]): void {
      reserve(size + rows.length);
      const n = numbers;
      const s = strings;
      for (const a of rows) {
        const i = size++;
        n.firstOrderMinor[i] = a.first_order_minor;
        n.orderDays[i] = a.order_days;
        n.revenueMinor[i] = a.revenue_minor;
        n.firstDayMinor[i] = a.first_day_minor;
        n.firstDay[i] = dayNumber(a.first_date);
        n.lastDay[i] = dayNumber(a.last_date);
        n.secondDay[i] = a.second_date ? dayNumber(a.second_date) : Number.NaN;
        n.calDays[i] = a.cal_days;
        n.calLastDay[i] = a.cal_last_date ? dayNumber(a.cal_last_date) : Number.NaN;
        n.calRepeatMinor[i] = a.cal_repeat_minor;
        s.customerId.push(a.customer_id);
        s.firstOrderId.push(a.first_order_id);
        s.firstDate.push(a.first_date);
        s.lastDate.push(a.last_date);
        s.acquisitionChannel.push(a.acquisition_channel);
        s.acquisitionPlatform.push(a.acquisition_platform);
        s.acquisitionCampaignId.push(a.acquisition_campaign_id);
      }
    },
    /** The columns, as long as the rows added (views: no copy of a million-row column). */
    columns(): ActivityColumns {
      const trimmed = Object.fromEntries(NUMBER_COLUMNS.map((c) => [c, numbers[c].subarray(0, size)]));
      return { size, ...trimmed, ...strings } as unknown as ActivityColumns;
    },
  };
}

export function activityColumnsOf(rows: readonly CustomerActivity[]): ActivityColumns {
  const collector = createActivityCollector();
  collector.add(rows);
  return collector.columns();
}
