import type { LocalDate } from '../../domain/time';
import type { ImportSample } from './sample';

/**
 * An import read and checked, not yet written: what a preview shows, and the one function that
 * writes it. Plans are built fresh for a preview and again for the run (nothing is kept between
 * the two requests, so any API instance can serve either).
 */
export interface ImportPlan {
  kinds: string[];
  counts: Record<string, number>;
  range?: { from: LocalDate; to: LocalDate };
  sample: ImportSample;
  notes: string[];
  commit(): Promise<{ summary: string; range?: { from: LocalDate; to: LocalDate } }>;
}
