import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse as parseHcl } from '@cdktf/hcl2json';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

/**
 * cloudbuild.yaml read as Cloud Build reads it (YAML), checked for what made the old one fail or
 * deploy blind (issue 24): Chromium and Java in the test step, the Auth emulator kept out of the
 * workers, substitutions that resolve, the deploy order with its health check and rollback, and
 * plan-only pull requests. The two scripts it runs are exercised for real against a loopback
 * server and a stand-in `gcloud`.
 */
const root = join(import.meta.dirname, '../..');
const run = promisify(execFile);

interface Step {
  id: string;
  name: string;
  entrypoint?: string;
  args?: string[];
  dir?: string;
  waitFor?: string[];
}
let build: { substitutions: Record<string, string>; steps: Step[]; options?: Record<string, unknown> };
let steps: Map<string, Step>;
/** `${NAME}` as Cloud Build spells a substitution. */
const sub = (name: string) => `\${${name}}`;
const script = (id: string) => (steps.get(id)?.args ?? []).join(' ');

beforeAll(() => {
  build = parse(readFileSync(join(root, 'cloudbuild.yaml'), 'utf8'));
  steps = new Map(build.steps.map((s) => [s.id, s]));
});

/** Every step `id` waits for, directly or through others (no waitFor: all steps before it). */
function upstreamOf(id: string): Set<string> {
  const index = build.steps.findIndex((s) => s.id === id);
  const step = build.steps[index]!;
  const direct = step.waitFor ?? build.steps.slice(0, index).map((s) => s.id);
  const all = new Set<string>();
  for (const d of direct.filter((d) => d !== '-')) {
    all.add(d);
    for (const t of upstreamOf(d)) all.add(t);
  }
  return all;
}

describe('cloudbuild.yaml', () => {
  it('has unique step ids, and every waitFor names an earlier step', () => {
    const seen = new Set<string>();
    for (const s of build.steps) {
      expect(seen.has(s.id), s.id).toBe(false);
      for (const w of s.waitFor ?? [])
        if (w !== '-') expect(seen.has(w), `${s.id} waits for ${w}`).toBe(true);
      seen.add(s.id);
    }
  });

  it('deploys in order: tests, build, plan, record, apply, API health (or rollback), Hosting, public check', () => {
    const order = [
      'lint',
      'test',
      'build',
      'terraform-plan',
      'record-revisions',
      'terraform-apply',
      'smoke-or-rollback',
      'deploy-hosting',
      'verify-public',
    ];
    for (let i = 1; i < order.length; i++)
      expect([...upstreamOf(order[i]!)], order[i]).toContain(order[i - 1]);
    expect([...upstreamOf('terraform-plan')]).toContain('terraform-validate');
  });

  it('tests with Chromium from the Playwright image of the locked playwright-core, and Java 21', () => {
    const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { version: string }>;
    };
    const version = lock.packages['node_modules/playwright-core']!.version;
    expect(steps.get('test')!.name).toBe(sub('_PLAYWRIGHT_IMAGE'));
    expect(build.substitutions._PLAYWRIGHT_IMAGE).toBe(`mcr.microsoft.com/playwright:v${version}-noble`);
    expect(script('test')).toContain('openjdk-21-jre-headless');
    expect(script('test')).toMatch(/export CHROMIUM_PATH="\$\$\(ls -d \/ms-playwright\/chromium-\*/);
    // test/e2e/browser.ts reads the variable the step exports.
    expect(readFileSync(join(root, 'test/e2e/browser.ts'), 'utf8')).toContain('process.env.CHROMIUM_PATH');
  });

  it('starts only the Firestore and Pub/Sub emulators for the run, not Auth', () => {
    const only = /emulators:exec --only (\S+)/.exec(script('test'))?.[1];
    expect(only?.split(',').sort()).toEqual(['firestore', 'pubsub']);
    expect(script('test')).toContain("'npx vitest run'");
  });

  it('declares every substitution it uses, uses every one it declares, and escapes shell $', () => {
    const text = readFileSync(join(root, 'cloudbuild.yaml'), 'utf8').replace(/^\s*#.*$/gm, '');
    const body = text.slice(text.indexOf('\noptions:'));
    const used = new Set([...body.matchAll(/\$\{?(_[A-Z0-9_]+)\}?/g)].map((m) => m[1]!));
    const declared = new Set(Object.keys(build.substitutions));
    expect([...used].filter((u) => !declared.has(u))).toEqual([]);
    expect([...declared].filter((d) => !used.has(d))).toEqual([]);
    // Cloud Build substitutes $NAME and ${NAME}; a shell's own $ must be written $$.
    const builtIns =
      /^\$\{?(PROJECT_ID|PROJECT_NUMBER|BUILD_ID|LOCATION|COMMIT_SHA|SHORT_SHA|BRANCH_NAME|TAG_NAME|_[A-Z0-9_]+)\b/;
    const bare = [...body.matchAll(/(?<!\$)\$(?!\$)\{?[^\s"']*/g)]
      .map((m) => m[0])
      .filter((m) => !builtIns.test(m));
    expect(bare).toEqual([]);
  });

  it('plans with the environment’s var file, and each var file sets only declared variables', async () => {
    expect(script('terraform-plan')).toContain(`-var-file="environments/${sub('_ENV')}.tfvars"`);
    const variables = (
      await parseHcl('variables.tf', readFileSync(join(root, 'terraform/variables.tf'), 'utf8'))
    ).variable as Record<string, unknown>;
    const keysOf = async (env: string) =>
      Object.keys(
        await parseHcl(
          `${env}.tfvars`,
          readFileSync(join(root, `terraform/environments/${env}.tfvars`), 'utf8'),
        ),
      ).sort();
    const [staging, production] = [await keysOf('staging'), await keysOf('production')];
    expect(staging).toEqual(production);
    for (const key of staging) expect(variables[key], key).toBeDefined();
    expect(['staging', 'production']).toContain(build.substitutions._ENV);
  });

  it('changes nothing unless _APPLY is "true" (pull requests stop after the plan)', () => {
    expect(build.substitutions._APPLY).toBe('false');
    for (const id of [
      'record-revisions',
      'terraform-apply',
      'smoke-or-rollback',
      'deploy-hosting',
      'verify-public',
    ])
      expect(script(id), id).toMatch(/if \[ "\$\{_APPLY\}" (=|!=) "true" \]/);
    expect(script('terraform-plan')).not.toMatch(/terraform apply/);
    // A read-only planner cannot write the state lock.
    expect(script('terraform-plan')).toMatch(/if \[ "\$\{_APPLY\}" != "true" \]; then lock=false; fi/);
    expect(script('terraform-plan')).toContain('terraform plan -input=false -lock=$$lock');
  });

  it('rolls the functions back to the recorded revisions when the deployed API is unhealthy', () => {
    expect(script('record-revisions')).toContain('infra/deploy/revisions.sh record');
    const smoke = script('smoke-or-rollback');
    expect(smoke).toMatch(
      /if bash infra\/deploy\/smoke\.sh .*; then exit 0; fi\s+bash infra\/deploy\/revisions\.sh rollback/,
    );
    expect(smoke.trim().endsWith('exit 1')).toBe(true);
    expect(script('terraform-apply')).toContain(
      'terraform output -raw function_url_api > /workspace/api-url.txt',
    );
  });
});

describe('the deploy scripts', () => {
  let server: Server;
  let base: string;
  let health = { status: 'ok' };
  let dir: string;
  beforeAll(async () => {
    server = createServer((req, res) => {
      res.writeHead(req.url === '/health' ? 200 : 404, { 'content-type': 'application/json' });
      res.end(JSON.stringify(req.url === '/health' ? health : {}));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    dir = mkdtempSync(join(tmpdir(), 'pp-deploy-'));
  });
  afterAll(async () => {
    await new Promise<void>((r) => server.close(() => r()));
    rmSync(dir, { recursive: true, force: true });
  });

  it('smoke.sh passes an ok /health and fails a degraded one', async () => {
    health = { status: 'ok' };
    await expect(run('bash', [join(root, 'infra/deploy/smoke.sh'), `${base}/`])).resolves.toBeDefined();
    health = { status: 'degraded' };
    await expect(run('bash', [join(root, 'infra/deploy/smoke.sh'), base])).rejects.toThrow();
  });

  it('revisions.sh records what each function serves and sends each back to it', async () => {
    const calls = join(dir, 'calls.txt');
    const gcloud = join(dir, 'gcloud');
    writeFileSync(
      gcloud,
      `#!/usr/bin/env bash\necho "$*" >> "${calls}"\nif [ "$3" = "list" ]; then printf 'api,api-00007-abc\\nrecommend,recommend-00003-xyz\\n'; fi\n`,
    );
    chmodSync(gcloud, 0o755);
    const env = { ...process.env, PATH: `${dir}:${process.env.PATH}` };
    const file = join(dir, 'previous.csv');
    await run('bash', [join(root, 'infra/deploy/revisions.sh'), 'record', 'europe-west1', file], { env });
    expect(readFileSync(file, 'utf8')).toBe('api,api-00007-abc\nrecommend,recommend-00003-xyz\n');
    await run('bash', [join(root, 'infra/deploy/revisions.sh'), 'rollback', 'europe-west1', file], { env });
    const log = readFileSync(calls, 'utf8').trim().split('\n');
    expect(log.slice(1)).toEqual([
      'run services update-traffic api --region europe-west1 --to-revisions=api-00007-abc=100',
      'run services update-traffic recommend --region europe-west1 --to-revisions=recommend-00003-xyz=100',
    ]);
  });
});
