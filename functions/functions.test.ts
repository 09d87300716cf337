import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAllHandlers } from '../infra/compose/handlers';
import { createEmbeddedDeps, type EmbeddedRuntimeDeps } from '../infra/local/embedded-deps';
import { manifest } from '../infra/manifest';
import { loadConfig } from '../shared/kernel/config';
import { createMemoryLogger } from '../shared/kernel/logging/logger';
import type { Handler } from '../shared/ports/function-handler';

/**
 * The manifest, the functions/ folders and the handler builders (infra/compose/handlers.ts) must never disagree: a function the
 * manifest deploys without a folder, a folder nothing deploys, or a handler of the wrong kind
 * would only show up as a failed deployment or a function that 500s.
 */
const ADAPTER_FOR = {
  http: 'httpFunction',
  topic: 'topicFunction',
  task: 'taskFunction',
  schedule: 'scheduleFunction',
};
const here = import.meta.dirname;

describe('manifest, functions/ and the handler builders agree', () => {
  it('every manifest function has a folder whose index.ts exports its entry point', async () => {
    for (const spec of manifest) {
      const file = join(here, spec.name, 'index.ts');
      expect(existsSync(file), `functions/${spec.name}/index.ts`).toBe(true);
      const mod = (await import(file)) as Record<string, unknown>;
      expect(typeof mod[spec.entryPoint], `${spec.name} exports ${spec.entryPoint}`).toBe('function');
    }
  });

  it('every function folder is in the manifest', () => {
    const folders = readdirSync(here, { withFileTypes: true })
      .filter((d) => d.isDirectory() && !d.name.startsWith('_'))
      .map((d) => d.name)
      .sort();
    expect(folders).toEqual(manifest.map((f) => f.name).sort());
  });

  it.each(manifest.map((f) => [f.name, f.trigger.kind] as const))(
    '%s adapts its handler for a %s trigger',
    (name, kind) => {
      const source = readFileSync(join(here, name, 'index.ts'), 'utf8');
      expect(source).toContain(`${ADAPTER_FOR[kind]}('${name}')`);
    },
  );

  describe('handler builders', () => {
    let dir: string;
    let embedded: EmbeddedRuntimeDeps;
    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'pp-'));
      embedded = await createEmbeddedDeps(loadConfig({ PULSEPOINT_DATA_DIR: dir }), {
        logger: createMemoryLogger(),
      });
    });
    afterAll(async () => {
      await embedded.close(1_000);
      rmSync(dir, { recursive: true, force: true });
    });

    it('has exactly one handler per manifest function, of its trigger kind', async () => {
      const handlers: Record<string, Handler> = await buildAllHandlers(embedded.deps, {
        version: 'test',
        startedAt: new Date(),
      });
      expect(Object.keys(handlers).sort()).toEqual(manifest.map((f) => f.name).sort());
      for (const spec of manifest) {
        const handler = handlers[spec.name]!;
        expect(handler.kind, spec.name).toBe(spec.trigger.kind);
        if (handler.kind === 'topic' && spec.trigger.kind === 'topic')
          expect(handler.topic).toBe(spec.trigger.topic);
      }
    });
  });
});
