import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { issueLocalToken } from '../../shared/adapters/embedded/local-identity';

/**
 * A running local server announces itself in its data dir (`server.json`: url and pid), so the
 * CLI talks to it instead of opening the DuckDB file it holds (DuckDB allows one writer process;
 * a second open fails with a lock error). A stale file (crash, kill -9) is ignored: the pid must be
 * alive and the server must answer its health check.
 */
const FILE = 'server.json';
const serverFileSchema = z.object({ url: z.string().url(), pid: z.number().int() });
export type ServerFile = z.infer<typeof serverFileSchema>;

export function writeServerFile(dataDir: string, server: ServerFile): void {
  writeFileSync(join(dataDir, FILE), JSON.stringify(server));
}

/** Removes the file only if it is still this process's (a newer server may have replaced it). */
export function removeServerFile(dataDir: string, pid = process.pid): void {
  const current = readServerFile(dataDir);
  if (current?.pid === pid) rmSync(join(dataDir, FILE), { force: true });
}

function readServerFile(dataDir: string): ServerFile | undefined {
  try {
    const parsed = serverFileSchema.safeParse(JSON.parse(readFileSync(join(dataDir, FILE), 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** The URL of the server running over this data dir, if one is. */
export async function findRunningServer(
  dataDir: string,
  fetchFn: typeof fetch = fetch,
): Promise<string | undefined> {
  const server = readServerFile(dataDir);
  if (!server || !alive(server.pid)) return undefined;
  try {
    const res = await fetchFn(`${server.url}/health`, { signal: AbortSignal.timeout(2_000) });
    return res.status < 500 ? server.url : undefined;
  } catch {
    return undefined;
  }
}

/**
 * POSTs JSON to the running server as an owner of `tenantId`, with a token from the local issuer
 * (the CLI shares the server's data dir, so it holds the same signing key). Returns the status and
 * the parsed body; the API's errors come back as `{error: {code, message}}`.
 */
export async function postAsOwner(
  server: string,
  signingKey: Parameters<typeof issueLocalToken>[0],
  who: { tenantId: string; uid: string },
  path: string,
  body: unknown,
): Promise<{
  ok: boolean;
  status: number;
  body: Record<string, unknown> & { error?: { message?: string } };
}> {
  const token = await issueLocalToken(signingKey, { ...who, role: 'owner' });
  const res = await fetch(`${server}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { ok: res.ok, status: res.status, body: (await res.json()) as Record<string, unknown> };
}
