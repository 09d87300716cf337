/**
 * W3C Trace Context (https://www.w3.org/TR/trace-context/): `00-<trace-id>-<parent-id>-<flags>`.
 * A hop (an HTTP request, a bus message handled by a job) keeps the trace id and flags of what
 * started it and gets its own span id, so Cloud Trace and the logs show one trace end to end.
 */
const TRACEPARENT = /^00-([\da-f]{32})-([\da-f]{16})-([\da-f]{2})$/;
const ZERO_TRACE = /^0+$/;

/** Random bytes drawn from a pool filled 4 KiB at a time (one call into the CSPRNG per 256 ids). */
const pool = Buffer.alloc(4096);
let used = pool.length;
function randomHex(bytes: number): string {
  if (used + bytes > pool.length) {
    crypto.getRandomValues(pool);
    used = 0;
  }
  used += bytes;
  return pool.toString('hex', used - bytes, used);
}

/** The traceparent of a new span under `incoming`, or of a new trace when it is absent or invalid. */
export function continueTrace(incoming: string | undefined): string {
  const match = incoming ? TRACEPARENT.exec(incoming.trim().toLowerCase()) : null;
  if (!match || ZERO_TRACE.test(match[1]!) || ZERO_TRACE.test(match[2]!))
    return `00-${randomHex(16)}-${randomHex(8)}-01`;
  return `00-${match[1]}-${randomHex(8)}-${match[3]}`;
}

/** A random request id, for requests that did not bring one. */
export function newRequestId(): string {
  return randomHex(8);
}
