/**
 * Groundedness: every number an answer states must appear in, or follow simply from, what the
 * tools returned in that conversation (or what the user and the tool inputs said). "Follow
 * simply" means: the same value at the answer's precision, in minor or major units (×/÷ 100), as
 * a percentage of a ratio, a count of returned rows, or the difference / percent change of two
 * returned numbers. Anything else is flagged, not silently passed.
 */
export interface GroundednessResult {
  grounded: boolean;
  ungroundedNumbers: string[];
}

const DATE = /\b\d{4}-\d{2}-\d{2}\b/g;
/** A number not glued to an identifier (act_1001, gid://…/42, PP-TEE-2, v2). */
const NUMBER =
  /(?<![\w/:#.-])-?\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\w])|(?<![\w/:#.-])-?\d+(?:\.\d+)?(?![A-Za-wyz_\d])/g;
/** Derived values (differences, percent changes) are only enumerated up to this many sources. */
const MAX_PAIRWISE = 400;

export function numbersIn(text: string): string[] {
  return (text.replace(DATE, ' ').match(NUMBER) ?? []).map((s) => s.trim());
}

/** Every number in a JSON value: numeric fields, numbers written inside strings, and array lengths. */
export function collectNumbers(value: unknown, out: number[] = []): number[] {
  if (typeof value === 'number' && Number.isFinite(value)) out.push(value);
  else if (typeof value === 'string') for (const n of numbersIn(value)) out.push(parse(n));
  else if (Array.isArray(value)) {
    out.push(value.length);
    for (const v of value) collectNumbers(v, out);
  } else if (value && typeof value === 'object') for (const v of Object.values(value)) collectNumbers(v, out);
  return out;
}

const parse = (s: string) => Number(s.replace(/,/g, ''));
const decimalsOf = (s: string) => (s.includes('.') ? s.split('.')[1]!.length : 0);

function candidates(sources: readonly number[]): number[] {
  const base = [...new Set(sources)];
  const out = new Set<number>();
  const add = (n: number) => {
    if (!Number.isFinite(n)) return;
    for (const v of [n, n / 100, n * 100]) out.add(Math.abs(v));
  };
  for (const n of base) add(n);
  if (base.length <= MAX_PAIRWISE) {
    for (const a of base)
      for (const b of base) {
        if (a === b) continue;
        add(b - a);
        if (a !== 0) add(((b - a) / a) * 100);
      }
  }
  return [...out].sort((x, y) => x - y);
}

function matches(sorted: readonly number[], value: number, decimals: number): boolean {
  const tolerance = 0.5 * 10 ** -decimals + 1e-9;
  // Binary search for the first candidate ≥ value − tolerance.
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < value - tolerance) lo = mid + 1;
    else hi = mid;
  }
  return lo < sorted.length && sorted[lo]! <= value + tolerance;
}

/** `toolValues`: the inputs and outputs of every tool call; `userText`: what the user wrote. */
export function checkGroundedness(
  answer: string,
  evidence: { toolValues: readonly unknown[]; userText: readonly string[] },
): GroundednessResult {
  const sources = [
    ...evidence.toolValues.flatMap((o) => collectNumbers(o)),
    ...evidence.userText.flatMap((t) => numbersIn(t).map(parse)),
  ];
  const sorted = candidates(sources);
  // Ordered-list markers ("1. ", "2) ") are layout, not claims.
  const claims = answer.replace(/^\s*\d+[.)]\s/gm, '');
  const ungrounded = numbersIn(claims).filter((s) => !matches(sorted, Math.abs(parse(s)), decimalsOf(s)));
  return { grounded: ungrounded.length === 0, ungroundedNumbers: [...new Set(ungrounded)] };
}
