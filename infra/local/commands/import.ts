import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createAttributionRequester } from '../../../shared/attribution/request-pass';
import { createCustomersRefreshRequester } from '../../../shared/customers/refresh-after-import';
import { systemContext } from '../../../shared/domain/tenancy';
import { createExportedConsentRecorder } from '../../../shared/engagement/consent';
import { loadConfig } from '../../../shared/kernel/config';
import { formatProblem, ImportRejectedError } from '../../../shared/kernel/util/import-problems';
import { createConfiguredFxRates } from '../../../shared/platforms/fx/ecb';
import { createImportService } from '../../../shared/platforms/imports/service';
import {
  type ImportPreview,
  type ImportRequest,
  importRequestSchema,
} from '../../../shared/platforms/imports/types';
import type { CommandResult } from '../cli';
import { createEmbeddedDeps } from '../embedded-deps';
import { authSigningKey } from '../keys';
import { findRunningServer, postAsOwner } from '../server-file';
import { posImportCommand } from './import-pos';
import { registerCliOwner, tenantsOfBrand } from './local-store';

/**
 * `pulsepoint import <source> <file...> --brand <id>`: a platform's own export files, all or
 * nothing. When a server runs over the same data dir the files go through its API (the server
 * holds the warehouse); otherwise the CLI opens the files itself. Either way the same import
 * service reads them, lists every problem as `file:line:column`, and queues attribution.
 */
export const IMPORT_USAGE = `usage: pulsepoint import <shopify|meta|tiktok|google-ads> <file...> --brand <id>
         [--tenant <id>] [--account <ad account id>] [--account-name <name>]
         [--currency <ISO code>] [--timezone <IANA zone>] [--preview]
`;

const SOURCES: Record<string, ImportRequest['source']> = {
  shopify: 'shopify',
  meta: 'meta',
  tiktok: 'tiktok',
  'google-ads': 'google_ads',
  google_ads: 'google_ads',
};

export async function importCommand(
  args: string[],
  env: Record<string, string | undefined>,
): Promise<CommandResult> {
  if (args[0] === 'pos') return posImportCommand(args.slice(1), env);
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      brand: { type: 'string' },
      tenant: { type: 'string' },
      account: { type: 'string' },
      'account-name': { type: 'string' },
      currency: { type: 'string' },
      timezone: { type: 'string' },
      preview: { type: 'boolean', default: false },
    },
  });
  const [sourceName, ...paths] = positionals;
  const source = sourceName ? SOURCES[sourceName] : undefined;
  if (!source || paths.length === 0 || !values.brand) return { exitCode: 2, stderr: IMPORT_USAGE };
  const files: ImportRequest['files'] = [];
  for (const path of paths) {
    try {
      files.push({ name: path, content: readFileSync(path, 'utf8') });
    } catch (err) {
      return {
        exitCode: 2,
        stderr: `${path}: cannot read the file (${(err as NodeJS.ErrnoException).code})\n`,
      };
    }
  }
  const parsed = importRequestSchema.safeParse({
    source,
    files,
    ...(values.account ? { account: values.account } : {}),
    ...(values['account-name'] ? { accountName: values['account-name'] } : {}),
    ...(values.currency ? { currency: values.currency.toUpperCase() } : {}),
    ...(values.timezone ? { timezone: values.timezone } : {}),
  });
  if (!parsed.success)
    return {
      exitCode: 2,
      stderr: `${parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('\n')}\n`,
    };

  const config = loadConfig(env);
  const dataDir = config.PULSEPOINT_DATA_DIR;
  const brandId = values.brand;
  let tenantId = values.tenant;
  if (!tenantId) {
    const owners = await tenantsOfBrand(dataDir, brandId);
    if (owners.length !== 1)
      return {
        exitCode: 2,
        stderr: `brand ${brandId}: ${owners.length ? `in several tenants (${owners.join(', ')}), pass --tenant` : 'not found; create it with `pulsepoint brand create`'}\n`,
      };
    tenantId = owners[0]!;
  }

  const server = await findRunningServer(dataDir);
  if (server) {
    await registerCliOwner(dataDir, tenantId, 'cli:import');
    const res = await postAsOwner(
      server,
      authSigningKey(dataDir, config.PULSEPOINT_AUTH_SECRET),
      { tenantId, uid: 'cli:import' },
      `/api/brands/${encodeURIComponent(brandId)}/imports${values.preview ? '/preview' : ''}`,
      parsed.data,
    );
    if (res.ok)
      return values.preview
        ? previewResult(res.body as unknown as ImportPreview, server)
        : done(res.body as unknown as Parameters<typeof done>[0], brandId, server);
    return {
      exitCode: 2,
      stderr: `${res.body.error?.message ?? `the server answered HTTP ${res.status}`}\n`,
    };
  }

  const embedded = await createEmbeddedDeps(config);
  try {
    const { deps } = embedded;
    const service = createImportService({
      ...deps,
      fxRates: createConfiguredFxRates(deps),
      requestAttribution: createAttributionRequester(deps, 'import'),
      requestCustomersRefresh: createCustomersRefreshRequester(deps),
      recordExportedConsents: createExportedConsentRecorder(deps),
    });
    const ctx = systemContext(tenantId, 'cli-import');
    if (values.preview) return previewResult(await service.preview(ctx, brandId, parsed.data));
    return done(await service.run(ctx, brandId, parsed.data), brandId);
  } catch (err) {
    if (err instanceof ImportRejectedError) return { exitCode: 2, stderr: `${err.message}\n` };
    throw err;
  } finally {
    await embedded.close(1_000);
  }
}

const via = (server?: string) => (server ? ` (through the server at ${server})` : '');

function done(
  result: { summary: string; preview: ImportPreview; customersRefreshQueued?: boolean },
  brandId: string,
  server?: string,
): CommandResult {
  const notes = result.preview.notes.map((n) => `  note: ${n}\n`).join('');
  return {
    exitCode: 0,
    stdout: `imported ${result.summary} into ${brandId}${via(server)}; the attribution pass${result.customersRefreshQueued ? ' and the customers refresh (profiles, segments) are' : ' is'} queued\n${notes}`,
  };
}

function previewResult(p: ImportPreview, server?: string): CommandResult {
  const lines = [
    `preview${via(server)}: ${p.kinds.join(', ')}`,
    `  would write: ${Object.entries(p.counts)
      .filter(([, n]) => n > 0)
      .map(([k, n]) => `${n} ${k}`)
      .join(', ')}${p.range ? ` (${p.range.from} to ${p.range.to})` : ''}`,
    ...p.notes.map((n) => `  note: ${n}`),
    ...(p.sample.rows.length
      ? [
          `  sample: ${p.sample.columns.map((c) => c.header).join(' | ')}`,
          ...p.sample.rows.map((row) => `    ${row.map((cell) => cell ?? '—').join(' | ')}`),
        ]
      : []),
  ];
  if (p.valid) return { exitCode: 0, stdout: `${lines.join('\n')}\n` };
  const more = p.problemCount > p.problems.length ? `\n… and ${p.problemCount - p.problems.length} more` : '';
  return {
    exitCode: 2,
    stdout: `${lines.join('\n')}\n`,
    stderr: `${p.problemCount} problem${p.problemCount === 1 ? '' : 's'}; nothing would be imported:\n${p.problems.map(formatProblem).join('\n')}${more}\n`,
  };
}
