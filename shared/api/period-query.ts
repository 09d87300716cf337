import { z } from '@hono/zod-openapi';
import type { Brand } from '../domain/entities';
import { MAX_PERIOD_DAYS, type Period, trailingPeriod } from '../domain/reporting/period';
import { daysBetween, isLocalDate, type LocalDate, toLocalDate } from '../domain/time';
import { ValidationError } from '../kernel/errors';
import type { Clock } from '../ports/clock';

const day = z.string().refine(isLocalDate, 'a calendar date, YYYY-MM-DD');

export const periodQuery = z.object({
  from: day
    .optional()
    .openapi({ example: '2026-10-01', description: 'First day, brand-local (default: 29 days before `to`)' }),
  to: day
    .optional()
    .openapi({ example: '2026-10-31', description: 'Last day, brand-local (default: today)' }),
});

/** The requested period, defaulting to the last 30 days in the brand's own timezone. */
export function resolvePeriod(q: z.infer<typeof periodQuery>, brand: Brand, clock: Clock): Period {
  const to = (q.to ?? toLocalDate(clock.now(), brand.timezone)) as LocalDate;
  const from = (q.from ?? trailingPeriod(to, 30).from) as LocalDate;
  const days = daysBetween(from, to) + 1;
  if (days < 1) throw new ValidationError('`from` must not be after `to`');
  if (days > MAX_PERIOD_DAYS) throw new ValidationError(`a period spans at most ${MAX_PERIOD_DAYS} days`);
  return { from, to };
}
