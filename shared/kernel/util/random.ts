/**
 * Mulberry32: a small, fast, seeded 32-bit generator giving uniform numbers in [0, 1). Used where
 * a result must be reproducible from a seed (simulations, training samples, generated test and
 * bench data); never for secrets.
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
