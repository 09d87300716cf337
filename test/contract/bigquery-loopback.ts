import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback stand-in for the BigQuery REST API, just deep enough for the client library: it
 * records every request and answers as a job that finished at once. The contract test reads
 * the recording to check what the adapter asked BigQuery to do.
 */
export interface RecordedRequest {
  method: string;
  path: string;
  body: unknown;
  /** The data part of a multipart upload (a load job's rows). */
  upload?: string;
}

export interface QueryAnswer {
  fields: Array<{ name: string; type: string }>;
  rows: Array<Array<string | null>>;
}

export async function startBigQueryLoopback(
  answer: (sql: string) => QueryAnswer = () => ({ fields: [], rows: [] }),
  existingTables: Record<string, Record<string, unknown>> = {},
) {
  const requests: RecordedRequest[] = [];
  const jobs = new Map<string, { sql?: string; body: Record<string, unknown> }>();
  /** Tables by `dataset/table`, so a second create is a 409 as on BigQuery. */
  const tables = new Map<string, Record<string, unknown>>(Object.entries(existingTables));
  let seq = 0;

  const server = createServer(async (req, res) => {
    const raw = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://loopback');
    const path = url.pathname;
    const multipart = /multipart/.test(req.headers['content-type'] ?? '');
    const { body, upload } = multipart
      ? splitMultipart(raw)
      : { body: raw ? JSON.parse(raw) : undefined, upload: undefined };
    requests.push({ method: req.method ?? 'GET', path, body, ...(upload !== undefined ? { upload } : {}) });
    route(req.method ?? 'GET', path, body as Record<string, unknown> | undefined, res);
  });

  function route(
    method: string,
    path: string,
    body: Record<string, unknown> | undefined,
    res: ServerResponse,
  ) {
    const project = /^\/(?:upload\/)?bigquery\/v2\/projects\/([^/]+)/.exec(path)?.[1] ?? 'p';
    if (method === 'POST' && /\/jobs$/.test(path)) {
      const ref = (body?.jobReference ?? {}) as Record<string, unknown>;
      const jobId = String(ref.jobId ?? `job_${++seq}`);
      const config = body?.configuration as { query?: { query?: string } } | undefined;
      jobs.set(jobId, { ...(config?.query?.query ? { sql: config.query.query } : {}), body: body ?? {} });
      return json(res, 200, doneJob(project, jobId, body ?? {}));
    }
    const queryResults = /\/queries\/([^/]+)$/.exec(path);
    if (method === 'GET' && queryResults) {
      const job = jobs.get(queryResults[1]!);
      const a = job?.sql ? answer(job.sql) : { fields: [], rows: [] };
      return json(res, 200, {
        kind: 'bigquery#getQueryResultsResponse',
        jobReference: { projectId: project, jobId: queryResults[1] },
        jobComplete: true,
        totalRows: String(a.rows.length),
        schema: { fields: a.fields },
        rows: a.rows.map((r) => ({ f: r.map((v) => ({ v })) })),
      });
    }
    const jobGet = /\/jobs\/([^/]+)$/.exec(path);
    if (method === 'GET' && jobGet)
      return json(res, 200, doneJob(project, jobGet[1]!, jobs.get(jobGet[1]!)?.body ?? {}));
    const tablePath = /\/datasets\/([^/]+)\/tables(?:\/([^/]+))?$/.exec(path);
    if (tablePath) {
      const [, dataset, table] = tablePath;
      const key = `${dataset}/${table ?? (body?.tableReference as { tableId?: string } | undefined)?.tableId}`;
      if (method === 'POST' && tables.has(key))
        return json(res, 409, { error: { code: 409, message: `Already Exists: Table ${key}` } });
      if (method === 'POST' || method === 'PATCH')
        tables.set(key, { ...(tables.get(key) ?? {}), ...(body ?? {}) });
      if (tables.has(key)) return json(res, 200, tables.get(key));
    }
    if (method === 'POST' && /\/insertAll$/.test(path))
      return json(res, 200, { kind: 'bigquery#tableDataInsertAllResponse' });
    if (method === 'POST') return json(res, 200, body ?? {});
    if (method === 'DELETE') return void res.writeHead(204).end();
    return json(res, 404, { error: { code: 404, message: `not found: ${path}` } });
  }

  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    /** The SQL of every query job, in order. */
    queries: () =>
      requests.flatMap((r) => {
        const q = (
          r.body as {
            configuration?: {
              query?: { query?: string; queryParameters?: unknown[]; maximumBytesBilled?: string };
            };
          }
        )?.configuration?.query;
        return q?.query
          ? [
              {
                sql: q.query,
                parameters: (q.queryParameters ?? []) as QueryParameter[],
                maximumBytesBilled: q.maximumBytesBilled,
              },
            ]
          : [];
      }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface QueryParameter {
  name: string;
  parameterType: { type: string; arrayType?: { type: string } };
  parameterValue: { value?: string; arrayValues?: Array<{ value: string }> };
}

function doneJob(projectId: string, jobId: string, body: Record<string, unknown>) {
  return {
    ...body,
    kind: 'bigquery#job',
    id: `${projectId}:${jobId}`,
    jobReference: { projectId, jobId, location: 'EU' },
    status: { state: 'DONE' },
    statistics: { query: { numDmlAffectedRows: '2' } },
  };
}

function json(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** multipart/related: the first part is the job resource, the second the uploaded data. */
function splitMultipart(raw: string): { body: unknown; upload: string } {
  const boundary = raw.slice(2, raw.indexOf('\r\n'));
  const parts = raw
    .split(`--${boundary}`)
    .map((p) => p.replace(/^\r\n/, ''))
    .filter((p) => p && !p.startsWith('--'))
    .map((p) => p.slice(p.indexOf('\r\n\r\n') + 4).replace(/\r\n$/, ''));
  return { body: JSON.parse(parts[0] ?? '{}'), upload: parts[1] ?? '' };
}
