import { z } from 'zod';
import { addDays, eachDay, isoWeekday, type LocalDate, wallClockToInstant } from '../time';

/** When a brand posts: weekdays (0 = Monday), local times, its timezone and a minimum gap. */
export const postingRulesSchema = z.object({
  days: z.array(z.number().int().min(0).max(6)).min(1),
  times: z.array(z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/)).min(1),
  timezone: z.string().min(1),
  minGapMinutes: z
    .number()
    .int()
    .min(0)
    .max(7 * 24 * 60),
});
export type PostingRules = z.infer<typeof postingRulesSchema>;

export const DEFAULT_POSTING_RULES: PostingRules = {
  days: [0, 2, 4],
  times: ['10:00', '18:30'],
  timezone: 'UTC',
  minGapMinutes: 240,
};

/**
 * The instants the rules allow between two local days (inclusive), in order, each at least
 * `minGapMinutes` after the previous one and after every instant already `taken`.
 */
export function generateSlots(
  rules: PostingRules,
  from: LocalDate,
  to: LocalDate,
  taken: readonly Date[] = [],
  notBefore?: Date,
): Date[] {
  const gap = rules.minGapMinutes * 60_000;
  const times = [...rules.times].sort();
  const out: Date[] = [];
  const busy = taken.map((d) => d.getTime());
  const farEnough = (t: number) =>
    [...busy, ...out.map((d) => d.getTime())].every((b) => Math.abs(b - t) >= gap);
  for (const day of eachDay(from, to)) {
    if (!rules.days.includes(isoWeekday(day))) continue;
    for (const time of times) {
      const at = wallClockToInstant(`${day} ${time}`, rules.timezone);
      if (notBefore && at.getTime() < notBefore.getTime()) continue;
      if (farEnough(at.getTime())) out.push(at);
    }
  }
  return out;
}

/** The first and last day of a `YYYY-MM` month. */
export function monthDays(month: string): { from: LocalDate; to: LocalDate } {
  const from = `${month}-01` as LocalDate;
  const next = new Date(`${from}T00:00:00Z`);
  next.setUTCMonth(next.getUTCMonth() + 1);
  return { from, to: addDays(next.toISOString().slice(0, 10) as LocalDate, -1) };
}

/**
 * Spreads `count` posts over the slots: evenly rather than front-loaded, so a month of eight
 * posts with twenty-four slots lands every third slot. Fewer slots than posts leaves the rest
 * unscheduled (the caller reports them).
 */
export function distribute<T>(items: readonly T[], slots: readonly Date[]): { item: T; at: Date }[] {
  if (items.length === 0 || slots.length === 0) return [];
  const n = Math.min(items.length, slots.length);
  const step = slots.length / n;
  return items.slice(0, n).map((item, i) => ({ item, at: slots[Math.floor(i * step)]! }));
}
