import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { createEventIngestion } from '../../../shared/customers/events/ingest';
import { parseColumnMap, parsePosCsv } from '../../../shared/customers/events/pos-import';
import { systemContext } from '../../../shared/domain/tenancy';
import { NotFoundError, ValidationError } from '../../../shared/kernel/errors';
import type { Importer } from './import';

/**
 * `pulsepoint import pos <file> --brand <id> [--delimiter ';'] [--map "Receipt No=receipt_id" …]`:
 * a point-of-sale / offline sales CSV as `pos_purchase` events. All or nothing: every problem in
 * the file is listed (`file:line: message`) and nothing is written unless there is none.
 */
export const importPos: Importer = async (deps, { tenantId, brandId, file, delimiter, map = [] }) => {
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

export const POS_IMPORTERS: Record<string, Importer> = { pos: importPos };
