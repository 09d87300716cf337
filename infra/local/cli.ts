import { parseArgs } from 'node:util';
import { issueLocalToken } from '../../shared/adapters/embedded/local-identity';
import { roleSchema, tenantIdSchema } from '../../shared/domain/tenancy';
import { loadConfig } from '../../shared/kernel/config';
import { AppError } from '../../shared/kernel/errors';
import { IMPORTERS } from './commands/import';
import { createEmbeddedDeps } from './embedded-deps';
import { authSigningKey } from './keys';
import { startLocalRuntime } from './runtime';

const USAGE = `usage: pulsepoint <command>

  start                                    run the whole product locally (API, jobs, web app)
  token --tenant <id> --role <role> [--brands a,b] [--uid u] [--ttl seconds]
                                           print a bearer token the local server accepts
  import <source> <file> --brand <id> [--tenant <id>]
                                           load a platform export file (all-or-nothing)
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
  const key = authSigningKey(config.PULSEPOINT_DATA_DIR, config.PULSEPOINT_AUTH_SECRET);
  const jwt = await issueLocalToken(key, {
    tenantId: tenant.data,
    role: role.data,
    ...(values.brands
      ? {
          brandIds: values.brands
            .split(',')
            .map((b) => b.trim())
            .filter(Boolean),
        }
      : {}),
    ...(values.uid ? { uid: values.uid } : {}),
    ...(ttl ? { ttlSeconds: ttl } : {}),
  });
  return { exitCode: 0, stdout: `${jwt}\n` };
};

const start: Command = async (_args, env) => {
  const config = loadConfig(env);
  const runtime = await startLocalRuntime(config);
  process.stdout.write(`Pulsepoint is running at ${runtime.url}\n`);
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

const importCommand: Command = async (args, env) => {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { brand: { type: 'string' }, tenant: { type: 'string' } },
  });
  const [source, file] = positionals;
  const importer = source ? IMPORTERS[source] : undefined;
  if (!importer || !file || !values.brand) {
    const known = Object.keys(IMPORTERS).join(', ') || 'none';
    return {
      exitCode: 2,
      stderr: `usage: pulsepoint import <source> <file> --brand <id> [--tenant <id>] (sources: ${known})\n`,
    };
  }
  const config = loadConfig(env);
  const embedded = await createEmbeddedDeps(config);
  try {
    let tenantId = values.tenant;
    if (!tenantId) {
      // Brand ids are unique within a tenant; find the tenant that has it, or ask for --tenant.
      const owners: string[] = [];
      for (const t of await embedded.deps.directory.listTenantIds()) {
        const ctx = { tenantId: t, uid: 'cli:import', role: 'system' as const };
        if (await embedded.deps.store.brands.get(ctx, values.brand)) owners.push(t);
      }
      if (owners.length !== 1)
        return {
          exitCode: 2,
          stderr: `brand ${values.brand}: ${owners.length ? 'in several tenants, pass --tenant' : 'not found'}\n`,
        };
      tenantId = owners[0]!;
    }
    const result = await importer(embedded.deps, { tenantId, brandId: values.brand, file });
    return { exitCode: 0, stdout: `${result.summary}\n` };
  } finally {
    await embedded.close(1_000);
  }
};

export const COMMANDS: Record<string, Command> = { start, token, import: importCommand };

export async function runCli(
  argv: string[],
  env: Record<string, string | undefined> = process.env,
): Promise<CommandResult> {
  const [name, ...rest] = argv;
  const command = name ? COMMANDS[name] : undefined;
  if (!command)
    return {
      exitCode: name ? 2 : 0,
      ...(name ? { stderr: `unknown command "${name}"\n${USAGE}` } : { stdout: USAGE }),
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
