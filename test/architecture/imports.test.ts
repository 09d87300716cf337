import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { check, violation, zoneOf } from './import-rules';

const root = join(import.meta.dirname, '../..');
const tracked = execFileSync(
  'git',
  ['ls-files', '--cached', '--others', '--exclude-standard', 'shared', 'functions', 'infra', 'web/src'],
  {
    cwd: root,
    encoding: 'utf8',
  },
)
  .split('\n')
  .filter((f) => /\.(ts|tsx)$/.test(f));

describe('import directions', () => {
  it('no file in shared/, functions/, infra/ or web/src imports upwards or sideways', () => {
    const files = tracked.map((path) => ({ path, source: readFileSync(join(root, path), 'utf8') }));
    expect(files.length).toBeGreaterThan(300);
    expect(check(files)).toEqual([]);
  });

  it.each([
    ['shared/domain/money.ts', "import type { Warehouse } from '../ports/warehouse';", /domain imports only/],
    ['shared/domain/time.ts', "import { readFileSync } from 'node:fs';", /domain is pure/],
    [
      'shared/ports/llm.ts',
      "import { createLocalAnalyst } from '../insights/local-analyst';",
      /ports import only/,
    ],
    ['shared/kernel/errors.ts', "import type { Brand } from '../domain/entities';", /kernel imports nothing/],
    [
      'shared/insights/service.ts',
      "import { createAnthropicLlmClient } from '../adapters/anthropic/anthropic-llm-client';",
      /feature insights may not import adapters/,
    ],
    [
      'shared/platforms/shopify/webhooks/receiver.ts',
      "import { errorBody } from '../../../api/errors';",
      /may not import api/,
    ],
    [
      'shared/reporting/dashboard.ts',
      "import type { InsightsService } from '../insights/service';",
      /may not import feature:insights/,
    ],
    [
      'shared/alerts/notify-job.ts',
      "const m = await import('../recommendations/service');",
      /may not import feature:recommendations/,
    ],
    [
      'shared/api/app.ts',
      "export { createBackend } from '../../infra/compose/backend';",
      /never adapters or composition/,
    ],
    [
      'shared/attribution/pass/run.ts',
      "import { rows } from '../../../test/support/attribution-pass';",
      /imports a test file/,
    ],
    [
      'shared/adapters/gcp/bigquery-warehouse.ts',
      "import { createApiApp } from '../../api/app';",
      /adapters implement ports/,
    ],
    [
      'web/src/pages/dashboard.tsx',
      "import { createApiApp } from '../../../shared/api/app';",
      /web app imports only/,
    ],
    ['shared/widgets/thing.ts', "import { x } from '../domain/money';", /not a folder of the layout/],
  ])('catches a planted violation: %s ← %s', (path, line, reason) => {
    const found = check([{ path, source: line }]);
    expect(found).toHaveLength(1);
    expect(found[0]!.reason).toMatch(reason);
  });

  it('allows what the decision record allows', () => {
    expect(
      violation('shared/recommendations/recommend-job.ts', 'shared/reporting/read-model/queries'),
    ).toBeUndefined();
    expect(violation('shared/api/app.ts', 'shared/insights/ledger')).toBeUndefined();
    expect(
      violation('functions/_runtime/gcp-backend.ts', 'shared/adapters/gcp/bigquery-warehouse'),
    ).toBeUndefined();
    expect(violation('shared/domain/ads/normalize.ts', 'shared/kernel/util/sum-by-key')).toBeUndefined();
    expect(violation('shared/insights/agent.test.ts', 'test/support/world-harness')).toBeUndefined();
    expect(zoneOf('infra/compose/handlers.ts')).toBe('composition');
  });
});
