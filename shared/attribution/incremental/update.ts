import type { TenantContext } from '../../domain/tenancy';
import { addDays, type LocalDate } from '../../domain/time';
import { NotFoundError } from '../../kernel/errors';
import { openPass, type PassDeps } from '../pass/context';
import { readFit } from '../pass/fit';
import { creditAndWrite, readSetup, resolveJourneys } from '../pass/stages-orders';
import { applyAdjustments, buildUnified, writeUnified } from '../pass/stages-results';
import { changedDays, dayFingerprints } from './fingerprint';

export type IncrementalOutcome =
  | {
      readonly ok: true;
      /** The runs of consecutive days rebuilt. */
      readonly ranges: ReadonlyArray<{ from: LocalDate; to: LocalDate }>;
      readonly orders: number;
      readonly attributionRows: number;
      readonly unifiedRows: number;
      readonly timingsMs: Readonly<Record<string, number>>;
    }
  | { readonly ok: false; readonly reason: (typeof INCREMENTAL_REFUSALS)[keyof typeof INCREMENTAL_REFUSALS] };

/** Rebuilds of one run of days before giving up on a brand whose orders never stop changing. */
const MAX_ATTEMPTS = 5;

export const INCREMENTAL_REFUSALS = {
  /** No full pass has stored a fit for the brand yet: only a full pass can credit it. */
  noFit: 'no_fit',
} as const;

/**
 * Re-credits the orders of the given brand-local days under all six models and rebuilds those
 * days of unified performance, without a full pass: the same stages as the pass, over just these
 * days, with the Markov removal effects and campaign sales mix the last full pass stored (so the
 * numbers are the pass's own; docs/decisions/305-incremental-attribution.md). Every write replaces
 * the days it covers (attributions and unified rows by day), so a repeated or updated delivery
 * replaces that day's credit instead of adding to it. Reconciliation (weekly) and inventory status
 * are left to the full pass.
 */
export async function runIncrementalUpdate(
  deps: PassDeps,
  ctx: TenantContext,
  brandId: string,
  days: readonly LocalDate[],
): Promise<IncrementalOutcome> {
  const brand = await deps.store.brands.get(ctx, brandId);
  if (!brand) throw new NotFoundError(`brand ${brandId} not found`);
  const fit = await readFit(deps.warehouse, { ctx, brandId });
  if (!fit) return { ok: false, reason: INCREMENTAL_REFUSALS.noFit };
  const ranges = consecutiveRuns(days);
  const timingsMs: Record<string, number> = {};
  let orders = 0;
  let attributionRows = 0;
  let unifiedRows = 0;
  // Oldest first: a later day's refunds read the credits an earlier day's run just stored.
  for (const range of ranges) {
    const scope = { ctx, brandId };
    for (let attempt = 1; ; attempt++) {
      const seen = await dayFingerprints(deps.warehouse, scope, range);
      const pass = openPass(deps, ctx, brand, { range, fit });
      const setup = await readSetup(pass);
      const journeys = await resolveJourneys(pass, setup);
      const credited = await creditAndWrite(pass, setup, journeys);
      await applyAdjustments(pass, credited, setup.spendRows);
      const written = await writeUnified(pass, await buildUnified(pass, credited));
      for (const [stage, ms] of Object.entries(pass.timings)) timingsMs[stage] = (timingsMs[stage] ?? 0) + ms;
      // A write that landed after the reads above may have been rebuilt by an update that committed
      // before this one: rebuild again so the last write is current (see dayFingerprints).
      const moved = changedDays(seen, await dayFingerprints(deps.warehouse, scope, range));
      if (moved.length === 0 || attempt === MAX_ATTEMPTS) {
        if (moved.length)
          deps.logger.warn('incremental attribution kept changing; the next pass reconciles', {
            brandId,
            range,
          });
        orders += credited.orders;
        attributionRows += credited.attributionRows;
        unifiedRows += written;
        break;
      }
    }
  }
  deps.logger.info('incremental attribution done', { brandId, ranges, orders, unifiedRows });
  return { ok: true, ranges, orders, attributionRows, unifiedRows, timingsMs };
}

/** Distinct days as runs of consecutive days, oldest first. */
export function consecutiveRuns(days: readonly LocalDate[]): Array<{ from: LocalDate; to: LocalDate }> {
  const sorted = [...new Set(days)].sort();
  const runs: Array<{ from: LocalDate; to: LocalDate }> = [];
  for (const day of sorted) {
    const last = runs[runs.length - 1];
    if (last && addDays(last.to, 1) === day) last.to = day;
    else runs.push({ from: day, to: day });
  }
  return runs;
}
