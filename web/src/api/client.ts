import { z } from 'zod';

/** A failed API call, carrying the server's `{error: {code, message}}` when it sent one. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly retryAfterSeconds?: number,
    /** Validation problems as the API lists them: `{path, message}` per field. */
    readonly fieldErrors: readonly { path: string; message: string }[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

const fieldError = z.object({ path: z.union([z.string(), z.array(z.unknown())]), message: z.string() });
const errorBody = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});

/** The API's validation details, when they are the list of field problems it usually sends. */
function fieldErrorsOf(details: unknown): { path: string; message: string }[] {
  const parsed = z.array(fieldError).safeParse(details);
  if (!parsed.success) return [];
  return parsed.data.map((d) => ({
    path: Array.isArray(d.path) ? d.path.map(String).join('.') : d.path,
    message: d.message,
  }));
}

const reasonOf = (details: unknown) => {
  const parsed = z.object({ reason: z.string() }).safeParse(details);
  return parsed.success ? parsed.data.reason : undefined;
};

export interface ApiClientDeps {
  fetch: typeof fetch;
  /** The current bearer token; undefined when signed out. */
  token: () => Promise<string | undefined>;
  /**
   * Called on 401 so the app can send the user back to sign-in, with the API's reason when it gave
   * one (`expired`, `not_a_member`, `missing_claims`, …).
   */
  onUnauthenticated: (reason?: string) => void;
}

/**
 * The one way the app talks to the API: bearer token on, JSON in and out, every response parsed
 * with its schema (a response that does not match is an error, not a half-rendered page).
 */
export function createApiClient(deps: ApiClientDeps) {
  async function request<S extends z.ZodType>(
    method: string,
    path: string,
    schema: S,
    body?: unknown,
  ): Promise<z.infer<S>> {
    const token = await deps.token();
    const headers: Record<string, string> = { accept: 'application/json' };
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const send = () =>
      deps.fetch(path, {
        method,
        headers,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    let res = await send();
    // A read refused by the rate limit with a short wait is read again after it, up to twice, so a
    // page that fires many calls at once fills in instead of showing an error. Writes never repeat.
    for (let retry = 0; method === 'GET' && res.status === 429 && retry < 2; retry++) {
      const wait = Number(res.headers.get('retry-after'));
      if (!(wait > 0 && wait <= 5)) break;
      await new Promise((r) => setTimeout(r, wait * 1000));
      res = await send();
    }
    const text = await res.text();
    const json: unknown = text ? safeJson(text) : undefined;
    if (!res.ok) {
      const parsed = errorBody.safeParse(json);
      if (res.status === 401)
        deps.onUnauthenticated(reasonOf(parsed.success ? parsed.data.error.details : undefined));
      const retryAfter = Number(res.headers.get('retry-after'));
      throw new ApiError(
        res.status,
        parsed.success ? parsed.data.error.code : 'http_error',
        parsed.success ? parsed.data.error.message : `${method} ${path} failed with ${res.status}`,
        Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
        parsed.success ? fieldErrorsOf(parsed.data.error.details) : [],
      );
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      throw new ApiError(res.status, 'unexpected_response', `${method} ${path}: unexpected response shape`);
    }
    return parsed.data;
  }

  return {
    get: <S extends z.ZodType>(path: string, schema: S) => request('GET', path, schema),
    post: <S extends z.ZodType>(path: string, body: unknown, schema: S) =>
      request('POST', path, schema, body),
    patch: <S extends z.ZodType>(path: string, body: unknown, schema: S) =>
      request('PATCH', path, schema, body),
    put: <S extends z.ZodType>(path: string, body: unknown, schema: S) => request('PUT', path, schema, body),
    delete: <S extends z.ZodType>(path: string, schema: S) => request('DELETE', path, schema),
    /** A file the API streams (CSV exports), as a Blob to save. */
    async download(path: string): Promise<Blob> {
      const token = await deps.token();
      const res = await deps.fetch(path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
      if (res.status === 401) deps.onUnauthenticated();
      if (!res.ok) throw new ApiError(res.status, 'http_error', `GET ${path} failed with ${res.status}`);
      return res.blob();
    },
  };
}
export type ApiClient = ReturnType<typeof createApiClient>;

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** A query string from defined values only. */
export function query(params: Record<string, string | number | undefined>): string {
  const entries = Object.entries(params).filter((e): e is [string, string | number] => e[1] !== undefined);
  if (entries.length === 0) return '';
  return `?${new URLSearchParams(entries.map(([k, v]) => [k, String(v)])).toString()}`;
}
