import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { createDuckdbWarehouse } from '../../shared/adapters/embedded/duckdb-warehouse';
import { describeWarehouseConformance } from './warehouse.suite';

const dir = mkdtempSync(join(tmpdir(), 'pp-wh-'));
let n = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeWarehouseConformance('DuckDB (embedded)', () => createDuckdbWarehouse(join(dir, `wh-${++n}.duckdb`)));
