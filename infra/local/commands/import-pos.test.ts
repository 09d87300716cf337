import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../../../shared/domain/tenancy';
import { loadConfig } from '../../../shared/kernel/config';
import { createTestApi, type TestApi } from '../../../test/support/api';
import { runCli } from '../cli';
import { createEmbeddedDeps } from '../embedded-deps';
import { seedDemo } from '../seed';
import { importPos } from './import-pos';

/** A till export the way a European POS writes it: semicolons, decimal commas, its own column names. */
const TILL = [
  'Bon;Zeit;Summe;Filiale;Telefon;Vorname;Nachname;PLZ',
  'R-1001;2026-11-20 14:03;12,50;berlin-mitte;+49 170 1234567;Lena;Fischer;10115',
  'R-1002;2026-11-20 15:10:09;99.00;berlin-mitte;;;;',
  'R-1003;2026-11-21T08:00:00+01:00;5;kreuzberg;0170 7654321;;;',
].join('\n');
const MAP = [
  'Bon=receipt_id',
  'Zeit=occurred_at',
  'Summe=total',
  'Filiale=location_id',
  'Telefon=phone',
  'Vorname=first_name',
  'Nachname=last_name',
  'PLZ=postcode',
];

let api: TestApi;
let dir: string;
const ctx = systemContext('t_pos', 'test');
beforeAll(async () => {
  api = await createTestApi({ now: '2026-11-22T12:00:00Z' });
  await api.seedTenant('t_pos', [{ id: 'till', currency: 'EUR', timezone: 'Europe/Berlin' }]);
  dir = mkdtempSync(join(tmpdir(), 'pp-pos-'));
});
afterAll(async () => {
  await api?.close();
  rmSync(dir, { recursive: true, force: true });
});

const write = (name: string, content: string) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};
const run = (file: string, extra: { delimiter?: string; map?: string[] } = {}) =>
  importPos(api.deps, { tenantId: 't_pos', brandId: 'till', file, ...extra });
const rows = () =>
  api.deps.warehouse.query<Record<string, unknown>>(
    ctx,
    'SELECT event_id, type, source, occurred_at, value_minor, currency, identifiers, person FROM {{events}} ORDER BY event_id',
  );

describe('pulsepoint import pos', () => {
  it('maps the columns, reads local times in the brand timezone, and imports every receipt once', async () => {
    const file = write('till.csv', TILL);
    const result = await run(file, { delimiter: ';', map: MAP });
    expect(result.summary).toBe('till.csv: 3 POS purchases imported');
    const stored = await rows();
    expect(stored.map((r) => [r.event_id, r.occurred_at, r.value_minor, r.currency])).toEqual([
      ['pos:berlin-mitte:R-1001', '2026-11-20T13:03:00.000Z', 1250, 'EUR'],
      ['pos:berlin-mitte:R-1002', '2026-11-20T14:10:09.000Z', 9900, 'EUR'],
      ['pos:kreuzberg:R-1003', '2026-11-21T07:00:00.000Z', 500, 'EUR'],
    ]);
    expect(stored[0]).toMatchObject({ type: 'pos_purchase', source: 'pos' });
    expect(JSON.parse(String(stored[0]!.identifiers))).toEqual([{ kind: 'phone', value: '+49 170 1234567' }]);
    expect(JSON.parse(String(stored[0]!.person))).toMatchObject({ first_name: 'Lena', postcode: '10115' });
    const again = await run(file, { delimiter: ';', map: MAP });
    expect(again.summary).toBe('till.csv: 0 POS purchases imported (3 already there)');
    expect(await rows()).toEqual(stored);
  });

  it('lists every problem with file:line and writes nothing', async () => {
    const before = (await rows()).length;
    const bad = write(
      'bad.csv',
      [
        'receipt_id,occurred_at,total,card_last4',
        'A1,2026-11-20 10:00,10.00,1234',
        'A2,yesterday,10.00,',
        'A3,2026-11-20 10:00,ten,12',
        'A1,2026-11-20 11:00,3.00,',
        ',2026-11-20 11:00,3.00,',
      ].join('\n'),
    );
    const failure = run(bad);
    await expect(failure).rejects.toThrow('5 problems, nothing imported:');
    const message = await failure.then(
      () => '',
      (e: Error) => e.message,
    );
    expect(message.split('\n').slice(1)).toEqual([
      'bad.csv:3: occurred_at "yesterday" is not a date-time (YYYY-MM-DD HH:MM[:SS], optionally with an offset)',
      'bad.csv:4: total "ten" is not an amount (e.g. 12.50)',
      'bad.csv:4: card_last4 "12" is not four digits',
      'bad.csv:5: receipt A1 is also on line 2',
      'bad.csv:6: receipt_id is empty',
    ]);
    expect((await rows()).length).toBe(before);
  });

  it('names the header problems: a missing required column, an unknown mapped column or field', async () => {
    const file = write('cols.csv', 'Bon,Summe\nR1,1.00\n');
    await expect(run(file, { map: ['Bon=receipt_id', 'Datum=occurred_at'] })).rejects.toThrow(
      'cols.csv:1: --map names column "Datum", which the header does not have',
    );
    await expect(run(file, { map: ['Bon=receipt'] })).rejects.toThrow('unknown field "receipt"');
    await expect(run(file, { map: ['Bon=receipt_id', 'Summe=total'] })).rejects.toThrow(
      'cols.csv:1: no column for occurred_at',
    );
  });

  it('is reachable from the CLI with --delimiter and --map', async () => {
    const data = mkdtempSync(join(tmpdir(), 'pp-pos-cli-'));
    try {
      const env = { PULSEPOINT_DATA_DIR: data, LOG_LEVEL: 'ERROR' };
      const seeded = await createEmbeddedDeps(loadConfig(env));
      await seedDemo(seeded.deps);
      await seeded.close(100);
      const path = join(data, 'till.csv');
      writeFileSync(path, TILL.replace('2026-11-21T08:00:00+01:00', '2026-01-21T08:00:00+01:00'));
      const args = [
        'import',
        'pos',
        path,
        '--brand',
        'demo-brand',
        '--delimiter',
        ';',
        ...MAP.flatMap((m) => ['--map', m]),
      ];
      expect(await runCli(args, env)).toEqual({
        exitCode: 0,
        stdout: 'till.csv: 3 POS purchases imported\n',
      });
    } finally {
      rmSync(data, { recursive: true, force: true });
    }
  });
});
