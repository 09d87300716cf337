import { z } from 'zod';
import { metaErrorKind, metaErrorSchema } from '../../domain/meta-graph-errors';
import type { Classification, HttpResponse } from '../../kernel/http';

/**
 * Meta Marketing API rate limiting. Throttled calls come back as HTTP 400/403 with an error code:
 * 4 (app), 17 (user), 32 (page), 613 (calls within one hour), 80000–80014 (Business Use Case
 * limits per ad account: 80000 ads insights, 80004 ads management, …). How long to wait is in
 * `X-Business-Use-Case-Usage` (`estimated_time_to_regain_access`, minutes) or
 * `X-Ad-Account-Usage` (`reset_time_duration`, seconds). Code 1/2 are transient server errors.
 * Which code is which is read in one place for both Meta clients: shared/domain/meta-graph-errors.ts.
 */
const bucSchema = z.record(
  z.string(),
  z.array(
    z.object({
      call_count: z.number().optional(),
      total_cputime: z.number().optional(),
      total_time: z.number().optional(),
      estimated_time_to_regain_access: z.number().optional(),
    }),
  ),
);
const accountUsageSchema = z.object({
  acc_id_util_pct: z.number().optional(),
  reset_time_duration: z.number().optional(),
});

function parseHeader<S extends z.ZodType>(schema: S, value: string | null): z.infer<S> | undefined {
  if (!value) return undefined;
  try {
    const parsed = schema.safeParse(JSON.parse(value));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** How long the usage headers say to stay away (ms); undefined when they say nothing. */
export function regainAccessMs(headers: Headers): number | undefined {
  const buc = parseHeader(bucSchema, headers.get('x-business-use-case-usage'));
  const minutes = buc
    ? Math.max(
        0,
        ...Object.values(buc).flatMap((entries) =>
          entries.map((e) => e.estimated_time_to_regain_access ?? 0),
        ),
      )
    : 0;
  const account = parseHeader(accountUsageSchema, headers.get('x-ad-account-usage'));
  const seconds = account?.reset_time_duration ?? 0;
  const ms = Math.max(minutes * 60_000, seconds * 1000);
  return ms > 0 ? ms : undefined;
}

/**
 * Usage close to the cap (any of call count, CPU time, total time, account utilisation ≥ 90%):
 * pause before the next call rather than be cut off for minutes.
 */
export function pacingDelayMs(headers: Headers): number {
  const buc = parseHeader(bucSchema, headers.get('x-business-use-case-usage'));
  const account = parseHeader(accountUsageSchema, headers.get('x-ad-account-usage'));
  const peak = Math.max(
    account?.acc_id_util_pct ?? 0,
    ...Object.values(buc ?? {}).flatMap((entries) =>
      entries.map((e) => Math.max(e.call_count ?? 0, e.total_cputime ?? 0, e.total_time ?? 0)),
    ),
  );
  if (peak < 90) return 0;
  return regainAccessMs(headers) ?? 60_000;
}

export function classifyMetaResponse(response: HttpResponse): Classification {
  if (response.status < 400) return { retry: false };
  const parsed = metaErrorSchema.safeParse(response.body);
  if (!parsed.success) return { retry: false };
  const { code } = parsed.data.error;
  const kind = metaErrorKind(parsed.data.error);
  if (kind === 'throttled') {
    const after = regainAccessMs(response.headers);
    return {
      retry: true,
      reason: `meta throttled (code ${code})`,
      ...(after !== undefined ? { afterMs: after } : {}),
    };
  }
  if (kind === 'transient') return { retry: true, reason: `meta transient error ${code}` };
  return { retry: false };
}
