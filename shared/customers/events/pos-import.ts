import { type EventRecord, toEventRecord } from '../../domain/customers/event-record';
import type { CollectEvent, Identifier, IdentifierKind } from '../../domain/customers/events';
import { parseDecimalToMinor } from '../../domain/money';
import { wallClockToInstant } from '../../domain/time';
import { type CsvRecord, CsvSyntaxError, parseCsv } from '../../kernel/util/csv';

/**
 * POS / offline sales CSV → `pos_purchase` events. The file is read whole and every row checked
 * before anything is written; every problem is reported as `file:line: message`. Columns are
 * found by name (the field names below, any case) or mapped with `--map "<column>=<field>"`.
 * A receipt's id makes the event id (`pos:<location>:<receipt>`), so importing a file again
 * changes nothing.
 */
export const POS_FIELDS = [
  'receipt_id',
  'occurred_at',
  'total',
  'currency',
  'location_id',
  'email',
  'phone',
  'whatsapp',
  'loyalty_id',
  'card_last4',
  'upi_id',
  'first_name',
  'last_name',
  'address1',
  'city',
  'postcode',
  'country',
  'date_of_birth',
] as const;
export type PosField = (typeof POS_FIELDS)[number];
const REQUIRED: readonly PosField[] = ['receipt_id', 'occurred_at', 'total'];
const IDENTIFIER_FIELDS: readonly (PosField & IdentifierKind)[] = [
  'email',
  'phone',
  'whatsapp',
  'loyalty_id',
  'card_last4',
  'upi_id',
];

export interface PosImportOptions {
  /** One character; default `,`. */
  delimiter?: string;
  /** File column → field, e.g. { 'Receipt No': 'receipt_id' }. */
  map?: Record<string, string>;
  /** The brand's currency (rows without a currency column are in it) and timezone (times without an offset). */
  currency: string;
  timeZone: string;
  receivedAt: Date;
}

export type PosParseResult = { ok: true; records: EventRecord[] } | { ok: false; errors: string[] };

/** `--map` arguments (`Column=field`) → a column map; bad ones are errors like any other. */
export function parseColumnMap(args: readonly string[]): { map: Record<string, string>; errors: string[] } {
  const map: Record<string, string> = {};
  const errors: string[] = [];
  for (const arg of args) {
    const at = arg.lastIndexOf('=');
    const column = arg.slice(0, at).trim();
    const field = arg.slice(at + 1).trim();
    if (at <= 0 || !column) errors.push(`--map "${arg}": expected "<column>=<field>"`);
    else if (!(POS_FIELDS as readonly string[]).includes(field))
      errors.push(`--map "${arg}": unknown field "${field}" (fields: ${POS_FIELDS.join(', ')})`);
    else map[column] = field;
  }
  return { map, errors };
}

export function parsePosCsv(text: string, file: string, options: PosImportOptions): PosParseResult {
  let rows: CsvRecord[];
  try {
    rows = parseCsv(text, options.delimiter ? { delimiter: options.delimiter } : {});
  } catch (err) {
    if (err instanceof CsvSyntaxError)
      return { ok: false, errors: [`${file}:${err.line}:${err.column}: ${err.message}`] };
    throw err;
  }
  const [header, ...body] = rows;
  if (!header) return { ok: false, errors: [`${file}:1: the file is empty`] };
  const errors: string[] = [];
  const columns = resolveColumns(header, file, options.map ?? {}, errors);
  if (errors.length) return { ok: false, errors };
  if (body.length === 0) return { ok: false, errors: [`${file}: no rows below the header`] };

  const records: EventRecord[] = [];
  const seen = new Map<string, number>();
  for (const row of body) {
    const line = row[0]!.line;
    const cell = (f: PosField) => {
      const i = columns.get(f);
      return i === undefined ? '' : (row[i]?.value.trim() ?? '');
    };
    const problems: string[] = [];
    const event = rowEvent(cell, options, problems);
    if (event) {
      const first = seen.get(event.id);
      if (first !== undefined) problems.push(`receipt ${cell('receipt_id')} is also on line ${first}`);
      else seen.set(event.id, line);
      const record = toEventRecord(event, {
        source: 'pos',
        receivedAt: options.receivedAt,
        timeZone: options.timeZone,
      });
      if (!record.ok) problems.push(record.message);
      else if (problems.length === 0) records.push(record.value);
    }
    for (const p of problems) errors.push(`${file}:${line}: ${p}`);
  }
  return errors.length ? { ok: false, errors } : { ok: true, records };
}

function resolveColumns(header: CsvRecord, file: string, map: Record<string, string>, errors: string[]) {
  const columns = new Map<PosField, number>();
  const names = header.map((c) => c.value.trim());
  for (const column of Object.keys(map))
    if (!names.includes(column))
      errors.push(`${file}:1: --map names column "${column}", which the header does not have`);
  names.forEach((name, i) => {
    const field = (map[name] ?? name.toLowerCase()) as PosField;
    if (!(POS_FIELDS as readonly string[]).includes(field)) return;
    if (columns.has(field))
      errors.push(`${file}:1: two columns give ${field} ("${names[columns.get(field)!]}" and "${name}")`);
    else columns.set(field, i);
  });
  for (const f of REQUIRED)
    if (!columns.has(f))
      errors.push(`${file}:1: no column for ${f} (name one ${f}, or --map "<column>=${f}")`);
  return columns;
}

/** A decimal comma (`12,50`) is read as a decimal point; thousands separators are not accepted. */
const amount = (v: string) => (/^-?\d+,\d{1,2}$/.test(v) ? v.replace(',', '.') : v);

function rowEvent(
  cell: (f: PosField) => string,
  o: PosImportOptions,
  problems: string[],
): CollectEvent | undefined {
  for (const f of REQUIRED) if (!cell(f)) problems.push(`${f} is empty`);
  if (problems.length) return undefined;
  const currency = (cell('currency') || o.currency).toUpperCase();
  let occurredAt: string | undefined;
  const when = cell('occurred_at');
  try {
    occurredAt = /(Z|[+-]\d{2}:?\d{2})$/.test(when)
      ? new Date(when).toISOString()
      : wallClockToInstant(when, o.timeZone).toISOString();
    if (occurredAt === 'Invalid Date') throw new RangeError();
  } catch {
    problems.push(
      `occurred_at "${when}" is not a date-time (YYYY-MM-DD HH:MM[:SS], optionally with an offset)`,
    );
  }
  let totalMinor: number | undefined;
  try {
    totalMinor = parseDecimalToMinor(amount(cell('total')), currency);
  } catch {
    problems.push(`total "${cell('total')}" is not an amount (e.g. 12.50)`);
  }
  const last4 = cell('card_last4');
  if (last4 && !/^\d{4}$/.test(last4)) problems.push(`card_last4 "${last4}" is not four digits`);
  if (problems.length || occurredAt === undefined || totalMinor === undefined) return undefined;
  const location = cell('location_id');
  const identifiers: Identifier[] = IDENTIFIER_FIELDS.flatMap((f) =>
    cell(f) ? [{ kind: f, value: cell(f) }] : [],
  );
  const person = {
    first_name: cell('first_name') || null,
    last_name: cell('last_name') || null,
    address1: cell('address1') || null,
    city: cell('city') || null,
    postcode: cell('postcode') || null,
    country: cell('country') || null,
    date_of_birth: cell('date_of_birth') || null,
  };
  return {
    id: `pos:${location ? `${location}:` : ''}${cell('receipt_id')}`,
    type: 'pos_purchase',
    occurredAt,
    identifiers,
    person: Object.values(person).some(Boolean) ? person : null,
    value: { amountMinor: totalMinor, currency },
    data: { receipt_id: cell('receipt_id'), location_id: location || null },
  };
}
