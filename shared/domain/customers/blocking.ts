import type { PersonKey } from './person';

/**
 * Blocking: only records that agree on at least one blocking key are compared, which turns n²/2
 * comparisons into roughly linear work. Several rules are OR-ed so that a typo in one field does
 * not hide a true match (Christen, "Data Matching", ch. 4). Each rule also names the comparisons it
 * forces to agree, which the m-probability estimation must leave out (they are biased within it).
 */
export interface BlockingRule {
  readonly name: string;
  /** Comparisons (by name) whose agreement this rule implies. */
  readonly fixes: readonly string[];
  key(record: PersonKey): string | undefined;
}

function keyOf(...parts: string[]): string | undefined {
  return parts.every((p) => p !== '') ? parts.join('|') : undefined;
}

export const PERSON_BLOCKING_RULES: readonly BlockingRule[] = [
  { name: 'postcode', fixes: ['postcode'], key: (r) => keyOf(r.postcode) },
  { name: 'date of birth', fixes: ['dateOfBirth'], key: (r) => keyOf(r.dateOfBirth) },
  {
    name: 'first and last name',
    fixes: ['firstName', 'lastName'],
    key: (r) => keyOf(r.firstName, r.lastName),
  },
  { name: 'street', fixes: ['address1'], key: (r) => keyOf(r.address1) },
  { name: 'last name and city', fixes: ['lastName', 'city'], key: (r) => keyOf(r.lastName, r.city) },
];

export interface CandidatePairs {
  /** Pairs as parallel arrays of record indexes, left < right, each pair once. */
  left: Int32Array;
  right: Int32Array;
  /** Per rule: the pairs it produced (before de-duplication across rules). */
  perRule: ReadonlyArray<{ rule: string; left: Int32Array; right: Int32Array }>;
  /** Blocks left out because they exceeded `maxBlockSize` (a common value is no evidence). */
  skippedBlocks: number;
}

/** All candidate pairs of `records` under `rules`; blocks bigger than `maxBlockSize` are skipped. */
export function candidatePairs(
  records: readonly PersonKey[],
  rules: readonly BlockingRule[] = PERSON_BLOCKING_RULES,
  maxBlockSize = 500,
): CandidatePairs {
  const seen = new Set<number>();
  const left: number[] = [];
  const right: number[] = [];
  const perRule: Array<{ rule: string; left: Int32Array; right: Int32Array }> = [];
  const n = records.length;
  let skippedBlocks = 0;
  for (const rule of rules) {
    const blocks = new Map<string, number[]>();
    records.forEach((record, i) => {
      const key = rule.key(record);
      if (key === undefined) return;
      const block = blocks.get(key);
      if (block) block.push(i);
      else blocks.set(key, [i]);
    });
    const ruleLeft: number[] = [];
    const ruleRight: number[] = [];
    for (const block of blocks.values()) {
      if (block.length < 2) continue;
      if (block.length > maxBlockSize) {
        skippedBlocks++;
        continue;
      }
      for (let x = 0; x < block.length; x++) {
        for (let y = x + 1; y < block.length; y++) {
          const i = block[x]!;
          const j = block[y]!;
          ruleLeft.push(i);
          ruleRight.push(j);
          const code = i * n + j;
          if (seen.has(code)) continue;
          seen.add(code);
          left.push(i);
          right.push(j);
        }
      }
    }
    perRule.push({ rule: rule.name, left: Int32Array.from(ruleLeft), right: Int32Array.from(ruleRight) });
  }
  return { left: Int32Array.from(left), right: Int32Array.from(right), perRule, skippedBlocks };
}
