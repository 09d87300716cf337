import { parseArgs } from 'node:util';
import { brandSchema, brandTargetsSchema, tenantSchema } from '../../../shared/domain/entities';
import { brandIdSchema, systemContext, tenantIdSchema } from '../../../shared/domain/tenancy';
import { loadConfig } from '../../../shared/kernel/config';
import type { CommandResult } from '../cli';
import { createEmbeddedDeps } from '../embedded-deps';
import { authSigningKey } from '../keys';
import { findRunningServer, postAsOwner } from '../server-file';
import { registerCliOwner, withLocalStore } from './local-store';

/**
 * `pulsepoint tenant create` and `pulsepoint brand create`: what a merchant needs before importing
 * their own exports. Tenant records live in the operational store only (SQLite, safe beside a
 * running server); a brand is created through the server's API when one runs (it also prepares the
 * warehouse, which the server holds), otherwise directly.
 */
export const SETUP_USAGE = `usage: pulsepoint tenant create <id> [--name <name>]
       pulsepoint brand create <id> --tenant <id> --currency <ISO code> --timezone <IANA zone>
         [--name <name>] [--shop <name>.myshopify.com]
`;

type Env = Record<string, string | undefined>;
const fail = (message: string): CommandResult => ({ exitCode: 2, stderr: `${message}\n` });

export async function tenantCommand(args: string[], env: Env): Promise<CommandResult> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { name: { type: 'string' } },
  });
  const [verb, id] = positionals;
  if (verb !== 'create' || !id) return fail(SETUP_USAGE);
  const tenantId = tenantIdSchema.safeParse(id);
  if (!tenantId.success) return fail(`tenant id: ${tenantId.error.issues[0]?.message}`);
  const config = loadConfig(env);
  return withLocalStore(config.PULSEPOINT_DATA_DIR, async (store) => {
    const ctx = systemContext(tenantId.data, 'cli-setup');
    if (await store.tenants.get(ctx)) return fail(`tenant ${tenantId.data} already exists`);
    const now = new Date().toISOString();
    await store.tenants.upsert(
      ctx,
      tenantSchema.parse({
        id: tenantId.data,
        name: values.name ?? tenantId.data,
        createdAt: now,
        updatedAt: now,
      }),
    );
    return {
      exitCode: 0,
      stdout: `tenant ${tenantId.data} created\nnext: pulsepoint brand create <brand> --tenant ${tenantId.data} --currency USD --timezone America/New_York\n`,
    };
  });
}

export async function brandCommand(args: string[], env: Env): Promise<CommandResult> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      tenant: { type: 'string' },
      name: { type: 'string' },
      currency: { type: 'string' },
      timezone: { type: 'string' },
      shop: { type: 'string' },
    },
  });
  const [verb, id] = positionals;
  if (verb !== 'create' || !id || !values.tenant || !values.currency || !values.timezone)
    return fail(SETUP_USAGE);
  const brandId = brandIdSchema.safeParse(id);
  if (!brandId.success) return fail(`brand id: ${brandId.error.issues[0]?.message}`);
  const body = {
    id: brandId.data,
    name: values.name ?? brandId.data,
    // A store that imports files may not have connected Shopify yet; its domain can change later.
    shopDomain: values.shop ?? `${brandId.data}.myshopify.com`,
    currency: values.currency.toUpperCase(),
    timezone: values.timezone,
  };
  const checked = brandSchema
    .pick({ name: true, shopDomain: true, currency: true, timezone: true })
    .safeParse(body);
  if (!checked.success)
    return fail(checked.error.issues.map((i) => `--${String(i.path[0])}: ${i.message}`).join('\n'));
  const config = loadConfig(env);
  const dataDir = config.PULSEPOINT_DATA_DIR;
  const tenantId = values.tenant;
  const exists = await withLocalStore(dataDir, (store) =>
    store.tenants.get(systemContext(tenantId, 'cli-setup')).then(Boolean),
  );
  if (!exists)
    return fail(`tenant ${tenantId} not found; create it with: pulsepoint tenant create ${tenantId}`);
  const created = `brand ${brandId.data} created in tenant ${tenantId} (${body.currency}, ${body.timezone})`;
  const next = `next: pulsepoint import shopify <orders.jsonl> --brand ${brandId.data}`;

  const server = await findRunningServer(dataDir);
  if (server) {
    await registerCliOwner(dataDir, tenantId, 'cli:setup');
    const res = await postAsOwner(
      server,
      authSigningKey(dataDir, config.PULSEPOINT_AUTH_SECRET),
      { tenantId, uid: 'cli:setup' },
      '/api/brands',
      body,
    );
    if (res.status === 201)
      return { exitCode: 0, stdout: `${created} through the server at ${server}\n${next}\n` };
    return fail(
      `brand ${brandId.data}: ${res.body.error?.message ?? `the server answered HTTP ${res.status}`}`,
    );
  }
  const embedded = await createEmbeddedDeps(config);
  try {
    const ctx = systemContext(tenantId, 'cli-setup');
    if (await embedded.deps.store.brands.get(ctx, brandId.data))
      return fail(`brand ${brandId.data} already exists`);
    if (await embedded.deps.directory.resolveShop(body.shopDomain))
      return fail(`${body.shopDomain} is already connected to a brand; pass --shop`);
    const now = embedded.deps.clock.now().toISOString();
    await embedded.deps.store.brands.upsert(
      ctx,
      brandSchema.parse({ ...body, targets: brandTargetsSchema.parse({}), createdAt: now, updatedAt: now }),
    );
    await embedded.deps.warehouse.ensureTenant(ctx);
    return { exitCode: 0, stdout: `${created}\n${next}\n` };
  } finally {
    await embedded.close(1_000);
  }
}
