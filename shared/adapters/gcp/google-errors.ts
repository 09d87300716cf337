import { RetryableError } from '../../kernel/errors';

/**
 * Google client errors carry either an HTTP status (`code: 404`, REST clients such as BigQuery)
 * or a gRPC status (`code: 5`, Firestore, Pub/Sub, Cloud Tasks, Secret Manager). These helpers
 * read both so each adapter asks one question instead of decoding two numbering schemes.
 */
const GRPC = {
  NOT_FOUND: 5,
  ALREADY_EXISTS: 6,
  RESOURCE_EXHAUSTED: 8,
  ABORTED: 10,
  UNAVAILABLE: 14,
  DEADLINE_EXCEEDED: 4,
};

const codeOf = (err: unknown): unknown =>
  err && typeof err === 'object' ? (err as { code?: unknown }).code : undefined;

export const isNotFound = (err: unknown) => codeOf(err) === 404 || codeOf(err) === GRPC.NOT_FOUND;
export const isAlreadyExists = (err: unknown) => codeOf(err) === 409 || codeOf(err) === GRPC.ALREADY_EXISTS;

/** Throttling, contention and unavailability: the queue should try the work again later. */
export function isTransient(err: unknown): boolean {
  const code = codeOf(err);
  if (typeof code === 'number' && (code === 429 || (code >= 500 && code <= 599))) return true;
  if (
    [GRPC.RESOURCE_EXHAUSTED, GRPC.ABORTED, GRPC.UNAVAILABLE, GRPC.DEADLINE_EXCEEDED].includes(code as number)
  )
    return true;
  // BigQuery reports a transaction that lost to a concurrent one as a 400 with this reason.
  const message = err instanceof Error ? err.message : '';
  return /concurrent update|rateLimitExceeded|backendError/i.test(message);
}

/** Runs a Google call, turning transient failures into RetryableError and leaving the rest alone. */
export async function retryOnTransient<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    if (isTransient(err))
      throw new RetryableError(`${what}: ${err instanceof Error ? err.message : String(err)}`, 0, {
        cause: err,
      });
    throw err;
  }
}
