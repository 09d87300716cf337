/**
 * A client made on first use and then shared by every call in this instance. Cloud Functions
 * bill cold starts, and the Google client libraries cost tens of milliseconds to import and
 * construct, so a function that never touches BigQuery never pays for it. A failed construction
 * is not cached: the next call tries again.
 */
export function lazy<T>(create: () => Promise<T>): (() => Promise<T>) & { peek(): Promise<T> | undefined } {
  let pending: Promise<T> | undefined;
  const get = () => {
    pending ??= create().catch((err: unknown) => {
      pending = undefined;
      throw err;
    });
    return pending;
  };
  return Object.assign(get, { peek: () => pending });
}
