import type { ComponentChildren } from 'preact';
import { ApiError } from '../api/client';
import type { Resource } from '../hooks/use-resource';

export function Loading(props: { label?: string }) {
  return (
    <div class="state loading" role="status" aria-live="polite">
      <span class="spinner" aria-hidden="true" />
      {props.label ?? 'Loading…'}
    </div>
  );
}

export function Empty(props: { title: string; children?: ComponentChildren }) {
  return (
    <div class="state empty">
      <p class="state-title">{props.title}</p>
      {props.children}
    </div>
  );
}

/** A failure in words a merchant can act on; anything thrown may arrive here. */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  if (error instanceof ApiError) {
    if (error.status === 404) return 'This was not found, or you do not have access to it.';
    if (error.status === 403) return 'Your role does not allow this.';
    if (error.status === 429)
      return `Too many requests. Try again${error.retryAfterSeconds ? ` in ${error.retryAfterSeconds} s` : ' shortly'}.`;
    if (error.status >= 500) return 'The server had a problem. Try again in a moment.';
    const first = error.fieldErrors[0];
    if (first) return `${first.path ? `${first.path}: ` : ''}${first.message}`;
  }
  return error.message;
}

export function ErrorState(props: { error: Error; retry?: () => void }) {
  return (
    <div class="state error" role="alert">
      <p class="state-title">Something went wrong</p>
      <p>{describeError(props.error)}</p>
      {props.retry ? (
        <button type="button" onClick={props.retry}>
          Try again
        </button>
      ) : null}
    </div>
  );
}

/** Renders a resource's loading and error states, and `children(data)` once it is ready. */
export function Async<T>(props: {
  resource: Resource<T>;
  label?: string;
  children: (data: T) => ComponentChildren;
}) {
  const r = props.resource;
  if (r.status === 'loading') return <Loading {...(props.label ? { label: props.label } : {})} />;
  if (r.status === 'error') return <ErrorState error={r.error} retry={r.reload} />;
  // A reload keeps the last answer on screen and marks it busy instead of flashing a spinner.
  return <div aria-busy={r.refreshing}>{props.children(r.data)}</div>;
}
