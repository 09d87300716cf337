import { z } from 'zod';

/**
 * Meta's Graph API error object and the recovery its documentation gives for each code, read in
 * one place for both Meta clients: the content studio's Graph client (Pages, Instagram) and the
 * Marketing API connector (the Marketing API answers in the same format).
 *
 * Source: *Handling Errors* — https://developers.facebook.com/docs/graph-api/guides/error-handling
 * (fields `message`, `type`, `code`, `error_subcode`, `error_user_title`, `error_user_msg` — "The
 * message to display to the user" — and `fbtrace_id`; the table of codes and "What To Do"), and
 * *Rate Limits* — https://developers.facebook.com/docs/graph-api/overview/rate-limiting/ (32 and
 * 613, and the Business Use Case codes 80000–80014). Fixtures written from both pages:
 * shared/platforms/meta/fixtures/graph-errors.ts. Decision 1005.
 */
export const metaErrorSchema = z.object({
  error: z.object({
    message: z.string(),
    type: z.string().optional(),
    code: z.number(),
    error_subcode: z.number().optional(),
    error_user_title: z.string().optional(),
    error_user_msg: z.string().optional(),
    is_transient: z.boolean().optional(),
    fbtrace_id: z.string().optional(),
  }),
});
export type MetaError = z.infer<typeof metaErrorSchema>['error'];

/**
 * What the documentation says to do:
 * - `token`: "Get a new access token" (190, and 102 — the login status or token "has expired, been
 *   revoked, or is otherwise invalid"; every documented subcode of these asks the user to log in or
 *   re-authenticate): the merchant reconnects; retrying cannot help.
 * - `permission`: "Permission is either not granted or has been removed. Handle the missing
 *   permissions" (10, 200–299) or "Capability or permissions issue" (3): the merchant reconnects
 *   granting it; retrying cannot help.
 * - `throttled`: "Temporary issue due to throttling. Wait and retry the operation" (4, 17, 341;
 *   32 and 613 and 80000–80014 on the rate-limiting page): rejected before anything was applied.
 * - `transient`: "Temporary issue due to downtime. Wait and retry the operation" (1, 2), or any
 *   error Meta marks `is_transient`.
 * - `blocked`: 368, "Temporarily blocked for policies violations. Wait and retry the operation" —
 *   waiting means hours, not the seconds of a throttle.
 * - `final`: anything else (a wrong parameter, a duplicate post — 506, "change the content").
 */
export type MetaErrorKind = 'token' | 'permission' | 'throttled' | 'transient' | 'blocked' | 'final';

const THROTTLE_CODES = new Set([4, 17, 32, 341, 613]);
const isBusinessUseCaseCode = (code: number) => code >= 80000 && code <= 80014;

export function metaErrorKind(error: Pick<MetaError, 'code' | 'is_transient'>): MetaErrorKind {
  const { code } = error;
  if (code === 190 || code === 102) return 'token';
  if (code === 3 || code === 10 || (code >= 200 && code <= 299)) return 'permission';
  if (THROTTLE_CODES.has(code) || isBusinessUseCaseCode(code)) return 'throttled';
  if (code === 368) return 'blocked';
  if (code === 1 || code === 2 || error.is_transient) return 'transient';
  return 'final';
}

/** Meta's words for a person: `error_user_msg` when Meta wrote one, else `message`. */
export const metaErrorWords = (error: Pick<MetaError, 'message' | 'error_user_msg'>) =>
  error.error_user_msg?.trim() || error.message;
