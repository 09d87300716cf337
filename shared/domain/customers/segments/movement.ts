/**
 * How segments changed since the previous run: sizes then and now, and the customers that moved
 * between each pair. A customer new to the brand since the last run moves in from "none".
 */
import { SEGMENTS, type Segment } from './rfm';

export type SegmentOrNone = Segment | 'none';

export interface SegmentSize {
  readonly segment: Segment;
  readonly customers: number;
  readonly previousCustomers: number;
  readonly movedIn: number;
  readonly movedOut: number;
}

export interface SegmentMove {
  readonly from: SegmentOrNone;
  readonly to: Segment;
  readonly customers: number;
}

export interface SegmentMovement {
  readonly sizes: SegmentSize[];
  readonly moves: SegmentMove[];
  /** Whether there was a previous run to compare with. */
  readonly hasPrevious: boolean;
}

/**
 * `current` is each customer of the brand now, once: a Map or any iterable of pairs (the nightly
 * job streams a million of them from its columns rather than building a second map).
 */
export function segmentMovement(
  previous: ReadonlyMap<string, Segment>,
  current: Iterable<readonly [string, Segment]>,
): SegmentMovement {
  const moves = new Map<string, number>();
  const now = new Map<Segment, number>();
  const before = new Map<Segment, number>();
  const movedIn = new Map<Segment, number>();
  const stayed = new Map<Segment, number>();
  const inc = <K>(m: Map<K, number>, k: K) => m.set(k, (m.get(k) ?? 0) + 1);
  for (const [, seg] of previous) inc(before, seg);
  for (const [customer, seg] of current) {
    inc(now, seg);
    const was = previous.get(customer);
    if (was === seg) {
      inc(stayed, seg);
      continue;
    }
    inc(moves, `${was ?? 'none'}>${seg}`);
    inc(movedIn, seg);
  }
  // Whoever was in a segment and did not stay left it: for another segment, or gone from the
  // data (erased on request, say).
  const movedOut = (segment: Segment) => (before.get(segment) ?? 0) - (stayed.get(segment) ?? 0);
  return {
    hasPrevious: previous.size > 0,
    sizes: SEGMENTS.map((segment) => ({
      segment,
      customers: now.get(segment) ?? 0,
      previousCustomers: before.get(segment) ?? 0,
      movedIn: movedIn.get(segment) ?? 0,
      movedOut: movedOut(segment),
    })),
    moves: [...moves].map(([key, customers]) => {
      const [from, to] = key.split('>') as [SegmentOrNone, Segment];
      return { from, to, customers };
    }),
  };
}
