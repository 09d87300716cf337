import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { createEventIngestion } from '../../../shared/customers/events/ingest';
import { parseColumnMap, parsePosCsv } from '../../../shared/customers/events/pos-import';
import { systemContext } from '../../../shared/domain/tenancy';
import { loadConfig } from '../../../shared/kernel/config';
import { NotFoundError, ValidationError } from '../../../shared/kernel/errors';
import type { Backend } from '../../compose/backend';
import type { CommandResult } from '../cli';
import { createEmbeddedDeps } from '../embedded-deps';
import { findRunningServer } from '../server-file';
import { tenantsOfBrand } from './local-store';

type PosImporter = (
  deps: Backend,
  options: { tenantId: string; brandId: string; file: string; delimiter?: string; map?: string[] },
) => Promise<{ rows: number; summary: string }>;

/**
 * `pulsepoint import pos <file> --brand <id> [--delimiter ';'] [--map "Receipt No=receipt_id" …]`:
 * a point-of-sale / offline sales CSV as `pos_purchase` events. All or nothing: every problem in
 * the file is listed (`file:line: message`) and nothing is written unless there is none.
 */
export const importPos: PosImporter = async (deps, { tenantId, brandId, file, delimiter, map = [] }) => {
  const ctx = systemContext(tenantId, 'import-pos');
  const brand = await deps.store.brands.get(ctx, brandId);
  if (!brand) throw new NotFoundError(`brand ${brandId} not found`);
  const name = basename(file);
  const columns = parseColumnMap(map);
  const sep = delimiter === 'tab' || delimiter === '\\t' ? '\t' : delimiter;
  if (sep !== undefined && sep.length !== 1)
    columns.errors.push(`--delimiter "${delimiter}": expected one character (or tab)`);
  if (columns.errors.length) throw new ValidationError(columns.errors.join('\n'));
  const parsed = parsePosCsv(readFileSync(file, 'utf8'), name, {
    ...(sep ? { delimiter: sep } : {}),
    map: columns.map,
    currency: brand.currency,
    timeZone: brand.timezone,
    receivedAt: deps.clock.now(),
  });
  if (!parsed.ok)
    throw new ValidationError(
      `${parsed.errors.length} problem${parsed.errors.length === 1 ? '' : 's'}, nothing imported:\n${parsed.errors.join('\n')}`,
    );
  const stored = await createEventIngestion(deps).storeRecords({ ctx, brandId: brand.id }, parsed.records);
  const already = parsed.records.length - stored.size;
  return {
    rows: parsed.records.length,
    summary: `${name}: ${stored.size} POS purchases imported${already ? ` (${already} already there)` : ''}`,
  };
};

export const POS_USAGE = `usage: pulsepoint import pos <file> --brand <id> [--tenant <id>] [--delimiter ';'] [--map "<column>=<field>" ...]
`;

/** `pulsepoint import pos …`: reads the data files directly, so it needs the server stopped. */
export async function posImportCommand(
  args: string[],
  env: Record<string, string | undefined>,
): Promise<CommandResult> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      brand: { type: 'string' },
      tenant: { type: 'string' },
      delimiter: { type: 'string' },
      map: { type: 'string', multiple: true },
    },
  });
  const [file] = positionals;
  if (!file || !values.brand) return { exitCode: 2, stderr: POS_USAGE };
  const config = loadConfig(env);
  const dataDir = config.PULSEPOINT_DATA_DIR;
  let tenantId = values.tenant;
  if (!tenantId) {
    const owners = await tenantsOfBrand(dataDir, values.brand);
    if (owners.length !== 1)
      return {
        exitCode: 2,
        stderr: `brand ${values.brand}: ${owners.length ? 'in several tenants, pass --tenant' : 'not found'}\n`,
      };
    tenantId = owners[0]!;
  }
  const server = await findRunningServer(dataDir);
  if (server)
    return {
      exitCode: 2,
      stderr: `the server at ${server} is using ${dataDir}; stop it, or send the events to POST /api/brands/${values.brand}/events\n`,
    };
  const embedded = await createEmbeddedDeps(config);
  try {
    const result = await importPos(embedded.deps, {
      tenantId,
      brandId: values.brand,
      file,
      ...(values.delimiter !== undefined ? { delimiter: values.delimiter } : {}),
      ...(values.map ? { map: values.map } : {}),
    });
    return { exitCode: 0, stdout: `${result.summary}\n` };
  } catch (err) {
    if (err instanceof ValidationError || err instanceof NotFoundError)
      return { exitCode: 2, stderr: `${err.message}\n` };
    throw err;
  } finally {
    await embedded.close(1_000);
  }
}
