export interface Clock {
  now(): Date;
}
export interface Ids {
  /** A new unique, URL-safe id. */
  next(): string;
}

export const systemClock: Clock = { now: () => new Date() };
export const randomIds: Ids = { next: () => crypto.randomUUID() };

/** A clock tests set and move by hand. */
export function fixedClock(
  start: Date | string,
): Clock & { set(d: Date | string): void; advance(ms: number): void } {
  let current = new Date(start);
  return {
    now: () => new Date(current),
    set: (d) => {
      current = new Date(d);
    },
    advance: (ms) => {
      current = new Date(current.getTime() + ms);
    },
  };
}

export function sequentialIds(prefix = 'id'): Ids {
  let n = 0;
  return { next: () => `${prefix}-${String(++n).padStart(6, '0')}` };
}
