import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createOperationalStore } from '../../shared/adapters/document-store/document-store';
import { issueLocalToken } from '../../shared/adapters/embedded/local-identity';
import { createSqliteDocumentDb } from '../../shared/adapters/embedded/sqlite-document-db';
import { roleSchema, systemContext, tenantIdSchema } from '../../shared/domain/tenancy';
import { loadConfig } from '../../shared/kernel/config';
import { AppError } from '../../shared/kernel/errors';
import { adAppCommand } from './commands/ad-app';
import { importCommand } from './commands/import';
import { ownerCommand } from './commands/owner';
import { brandCommand, tenantCommand } from './commands/setup';
import { authSigningKey } from './keys';
import { startLocalRuntime } from './runtime';

const USAGE = `usage: pulsepoint <command>

  start                                    run the whole product locally (API, jobs, web app)
  token --tenant <id> --role <role> [--brands a,b] [--uid u] [--ttl seconds]
                                           print a bearer token the local server accepts
  owner --tenant <id> --email <address> [--name <tenant name>]
                                           make the first owner of a tenant (creates both when
                                           absent; PULSEPOINT_BACKEND=gcp: Firestore + Firebase Auth)
  ad-app set <meta|google-ads|tiktok> --client-id <id> --client-secret-file <path>
         [--developer-token-file <path>]   store Pulsepoint's app on an ad platform (Connect flows)
  tenant create <id> [--name <name>]       create a tenant for imports
  brand create <id> --tenant <id> --currency <ISO> --timezone <IANA zone> [--name] [--shop]
                                           create a brand (a store) to import into
  import <shopify|meta|tiktok|google-ads> <file...> --brand <id> [--account <id>]
         [--currency <ISO>] [--timezone <zone>] [--preview]
                                           load a platform's export files (all-or-nothing),
                                           through the running server when there is one
  import pos <file> --brand <id> [--delimiter ';'] [--map "<column>=<field>" ...]
                                           load a POS / offline sales CSV as customer events
`;

export type CommandResult = { exitCode: number; stdout?: string; stderr?: string };
type Command = (args: string[], env: Record<string, string | undefined>) => Promise<CommandResult>;

const token: Command = async (args, env) => {
  const { values } = parseArgs({
    args,
    options: {
      tenant: { type: 'string' },
      role: { type: 'string' },
      brands: { type: 'string' },
      uid: { type: 'string' },
      ttl: { type: 'string' },
    },
  });
  const tenant = tenantIdSchema.safeParse(values.tenant);
  if (!tenant.success)
    return { exitCode: 2, stderr: `--tenant: ${tenant.error.issues[0]?.message ?? 'required'}\n${USAGE}` };
  const role = roleSchema.safeParse(values.role);
  if (!role.success)
    return { exitCode: 2, stderr: `--role: expected one of ${roleSchema.options.join(', ')}\n${USAGE}` };
  const ttl = values.ttl === undefined ? undefined : Number(values.ttl);
  if (ttl !== undefined && !(Number.isInteger(ttl) && ttl > 0))
    return { exitCode: 2, stderr: '--ttl: expected whole seconds\n' };
  const config = loadConfig(env);
  const brandIds = values.brands
    ?.split(',')
    .map((b) => b.trim())
    .filter(Boolean);
  const uid = values.uid ?? `local:${tenant.data}:${role.data}`;
  // The API checks membership on every request: the token's user becomes a member of the tenant
  // (the CLI acts as the local administrator), which must exist.
  mkdirSync(config.PULSEPOINT_DATA_DIR, { recursive: true });
  const db = createSqliteDocumentDb(join(config.PULSEPOINT_DATA_DIR, 'store.sqlite'));
  try {
    const store = createOperationalStore(db);
    const ctx = systemContext(tenant.data, 'cli:token');
    if (!(await store.tenants.get(ctx)))
      return {
        exitCode: 2,
        stderr: `--tenant: tenant "${tenant.data}" does not exist in ${config.PULSEPOINT_DATA_DIR}\n`,
      };
    await store.users.upsert(ctx, {
      uid,
      role: role.data,
      ...(brandIds ? { brandIds } : {}),
      createdAt: new Date().toISOString(),
    });
  } finally {
    await db.close();
  }
  const key = authSigningKey(config.PULSEPOINT_DATA_DIR, config.PULSEPOINT_AUTH_SECRET);
  const jwt = await issueLocalToken(key, {
    tenantId: tenant.data,
    role: role.data,
    uid,
    ...(brandIds ? { brandIds } : {}),
    ...(ttl ? { ttlSeconds: ttl } : {}),
  });
  return { exitCode: 0, stdout: `${jwt}\n` };
};

/**
 * What a person can do about a start that failed for a known reason: another Pulsepoint on the
 * same data folder (DuckDB's file lock) or another program on the port. Undefined otherwise.
 */
export function explainStartFailure(err: unknown, config: { PULSEPOINT_DATA_DIR: string; PORT: number }) {
  const message = err instanceof Error ? err.message : String(err);
  const code = (err as { code?: unknown } | null)?.code;
  const lock = /Could not set lock on file "([^"]+)".*?\(PID (\d+)\)/s.exec(message);
  if (lock)
    return `another Pulsepoint (process ${lock[2]}) is using the data folder ${config.PULSEPOINT_DATA_DIR}: stop it first, or set PULSEPOINT_DATA_DIR to another folder`;
  if (code === 'EADDRINUSE')
    return `port ${config.PORT} is already in use: stop what is listening there, or set PORT to another port`;
  return undefined;
}

const start: Command = async (_args, env) => {
  const config = loadConfig(env);
  let runtime: Awaited<ReturnType<typeof startLocalRuntime>>;
  try {
    runtime = await startLocalRuntime(config, {
      // The log says "demo ready" at INFO; a quieter log level would hide the line the start
      // message below promises, so it is printed instead.
      ...(config.LOG_LEVEL === 'WARNING' || config.LOG_LEVEL === 'ERROR'
        ? { onDemoReady: (line: string) => process.stdout.write(`${line}\n`) }
        : {}),
    });
  } catch (err) {
    const explained = explainStartFailure(err, config);
    if (explained) return { exitCode: 1, stderr: `${explained}\n` };
    throw err;
  }
  process.stdout.write(
    config.PULSEPOINT_SEED_DEMO && config.PULSEPOINT_SANDBOXES
      ? `Pulsepoint is running at ${runtime.url} — the demo store's year of history is syncing; "demo ready" below says when its numbers are in.\n`
      : `Pulsepoint is running at ${runtime.url}\n`,
  );
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      process.stdout.write(`${signal}: finishing in-flight work, then stopping\n`);
      runtime.close().then(resolve, resolve);
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
  return { exitCode: 0 };
};

export const COMMANDS: Record<string, Command> = {
  start,
  token,
  import: importCommand,
  owner: ownerCommand,
  'ad-app': adAppCommand,
  tenant: tenantCommand,
  brand: brandCommand,
};

/** What people type when they want the usage: all print it and succeed. */
const HELP = new Set(['--help', '-h', 'help']);

export async function runCli(
  argv: string[],
  env: Record<string, string | undefined> = process.env,
): Promise<CommandResult> {
  const [name, ...rest] = argv;
  if (name === undefined || HELP.has(name)) return { exitCode: 0, stdout: USAGE };
  const command = COMMANDS[name];
  if (!command)
    return {
      exitCode: 2,
      stderr: `unknown command "${name}"\n${USAGE}`,
    };
  try {
    return await command(rest, env);
  } catch (err) {
    if (err instanceof AppError || (err instanceof Error && err.name === 'TypeError' && 'code' in err)) {
      return { exitCode: 2, stderr: `${err.message}\n` };
    }
    throw err;
  }
}
