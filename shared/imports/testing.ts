import { readFileSync } from 'node:fs';
import type { RateSeries } from '../domain/ads/fx';
import type { LocalDate } from '../domain/time';
import { addDays } from '../domain/time';
import type { FxRates } from '../ports/fx-rates';
import type { TaskQueue } from '../ports/task-queue';

/** Test helpers for imports: the documented fixtures, a fixed FX series, a recording task queue. */
const FIXTURES = new URL('../../test/fixtures/imports/', import.meta.url);

/** A fixture file as an upload: its base name and its text. */
export function fixture(path: string): { name: string; content: string } {
  return { name: path.split('/').pop()!, content: readFileSync(new URL(path, FIXTURES), 'utf8') };
}

/** ECB-style rates (units per 1 EUR), the same every day: `{ USD: 1.1 }`. */
export function fixedFxRates(perEur: Record<string, number>): FxRates {
  return {
    async series(currencies, from, to): Promise<RateSeries> {
      const fixings = new Map<string, Map<LocalDate, number>>();
      for (const c of currencies) {
        if (c === 'EUR' || perEur[c] === undefined) continue;
        const days = new Map<LocalDate, number>();
        for (let d = addDays(from, -7); d <= to; d = addDays(d, 1)) days.set(d, perEur[c]);
        fixings.set(c, days);
      }
      return { base: 'EUR', fixings };
    },
  };
}

export function recordingTasks(): TaskQueue & { enqueued: Array<{ queue: string; payload: unknown }> } {
  const enqueued: Array<{ queue: string; payload: unknown }> = [];
  return {
    enqueued,
    async enqueue(queue, payload) {
      enqueued.push({ queue, payload });
      return `task-${enqueued.length}`;
    },
  };
}
