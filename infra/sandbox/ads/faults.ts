/**
 * Deterministic fault injection for the ad sandboxes: every Nth request of a kind fails the way the
 * platform fails (each sandbox renders its own throttle body and headers). Deterministic so a test
 * can count what it injected and prove the sync still converged.
 */
export interface FaultPlan {
  /** Every Nth request is throttled (429 or the platform's 200-with-error-code). */
  throttleEvery?: number;
  /** Every Nth request answers 503. */
  serverErrorEvery?: number;
  /** Every Nth request hangs for `hangMs` (longer than the client's timeout). */
  timeoutEvery?: number;
  hangMs?: number;
  /** Every Nth request returns a truncated JSON page. */
  badPageEvery?: number;
}

export type FaultKind = 'throttle' | 'server_error' | 'timeout' | 'bad_page';

export function createFaultInjector(plan: FaultPlan = {}) {
  let requests = 0;
  const injected: Record<FaultKind, number> = { throttle: 0, server_error: 0, timeout: 0, bad_page: 0 };
  const hits = (every: number | undefined) => every !== undefined && every > 0 && requests % every === 0;
  return {
    injected,
    hangMs: plan.hangMs ?? 2_000,
    /** Counts a request and says which fault (if any) it gets. */
    next(): FaultKind | undefined {
      requests++;
      const kind: FaultKind | undefined = hits(plan.throttleEvery)
        ? 'throttle'
        : hits(plan.serverErrorEvery)
          ? 'server_error'
          : hits(plan.timeoutEvery)
            ? 'timeout'
            : hits(plan.badPageEvery)
              ? 'bad_page'
              : undefined;
      if (kind) injected[kind]++;
      return kind;
    },
  };
}
export type FaultInjector = ReturnType<typeof createFaultInjector>;
