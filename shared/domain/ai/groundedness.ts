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

/** Dates are not claims: ISO days, and days as the shared format writes them ("Nov 30, 2026"). */
const DATE = /\b\d{4}-\d{2}-\d{2}\b|\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{1,2}, \d{4}\b/g;
/** A number not glued to an identifier (act_1001, gid://…/42, PP-TEE-2, v2). */
const NUMBER =
  /(?<![\w/:#.-])-?\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\w])|(?<![\w/:#.-])-?\d+(?:\.\d+)?(?![A-Za-wyz_\d])/g;

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

/** Whether the sorted list holds a value in [lo, hi] (binary search). */
function hasInRange(sorted: readonly number[], lo: number, hi: number): boolean {
  let l = 0;
  let h = sorted.length;
  while (l < h) {
    const mid = (l + h) >> 1;
    if (sorted[mid]! < lo) l = mid + 1;
    else h = mid;
  }
  return l < sorted.length && sorted[l]! <= hi;
}

/**
 * Whether `value` (± `tolerance`, its display precision) is a source number, ×/÷ 100 of one, or the
 * difference or percent change of two. Pairs are searched per stated number (n log n each), not
 * enumerated (n²), so a large tool result stays cheap to check.
 */
function derivable(sorted: readonly number[], value: number, tolerance: number): boolean {
  for (const scale of [1, 100, 0.01]) {
    const v = value * scale;
    const t = tolerance * scale;
    if (hasInRange(sorted, v - t, v + t) || hasInRange(sorted, -v - t, -v + t)) return true;
    for (const a of sorted) {
      if (hasInRange(sorted, a + v - t, a + v + t) || hasInRange(sorted, a - v - t, a - v + t)) return true;
    }
  }
  for (const a of sorted) {
    if (a === 0) continue;
    for (const sign of [1, -1]) {
      const lo = a + (a * (sign * value - tolerance)) / 100;
      const hi = a + (a * (sign * value + tolerance)) / 100;
      if (hasInRange(sorted, Math.min(lo, hi), Math.max(lo, hi))) return true;
    }
  }
  return false;
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
  const sorted = [...new Set(sources)].sort((x, y) => x - y);
  // Ordered-list markers ("1. ", "2) ") are layout, not claims.
  const claims = answer.replace(/^\s*\d+[.)]\s/gm, '');
  const ungrounded = numbersIn(claims).filter(
    (s) => !derivable(sorted, Math.abs(parse(s)), 0.5 * 10 ** -decimalsOf(s) + 1e-9),
  );
  return { grounded: ungrounded.length === 0, ungroundedNumbers: [...new Set(ungrounded)] };
}
