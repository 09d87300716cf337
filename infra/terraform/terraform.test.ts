import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from '@cdktf/hcl2json';
import { beforeAll, describe, expect, it } from 'vitest';
import { TOPICS } from '../../shared/ports/events';
import { OPS_TABLES } from '../../shared/ports/warehouse-tables';
import { FUNCTIONS_TF, renderFunctionsFile } from '../build/terraform-functions';
import { manifest } from '../manifest';
import { tf } from './hcl';
import { deadLetterTopic, tfId } from './render';

/**
 * Terraform is the third consumer of the manifest. This parses every file in terraform/ (HCL
 * through hcl2json, the generated JSON as is) and proves that each function, topic, queue and
 * schedule has its resource, that nothing deploys what the manifest does not know, and that
 * every reference points at something declared.
 */
type Blocks = Record<string, Record<string, Record<string, unknown>>>;
const dir = join(import.meta.dirname, '../../terraform');
const resources: Blocks = {};
const data: Blocks = {};
const declared = {
  variable: new Map<string, Record<string, unknown>>(),
  output: new Map<string, Record<string, unknown>>(),
  local: new Set<string>(),
};
let everything = '';

/** hcl2json wraps every block in an array; the generated JSON does not. */
const one = (v: unknown) => (Array.isArray(v) ? v[0] : v) as Record<string, unknown>;

function merge(into: Blocks, blocks: unknown) {
  for (const [type, byName] of Object.entries((blocks ?? {}) as Record<string, Record<string, unknown>>))
    for (const [name, body] of Object.entries(byName)) {
      into[type] ??= {};
      expect(into[type][name], `${type}.${name} declared twice`).toBeUndefined();
      into[type][name] = one(body);
    }
}

beforeAll(async () => {
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.tf') || f.endsWith('.tf.json'))
    .sort()) {
    const text = readFileSync(join(dir, file), 'utf8');
    const doc = (file.endsWith('.json') ? JSON.parse(text) : await parse(file, text)) as Record<
      string,
      unknown
    >;
    merge(resources, doc.resource);
    merge(data, doc.data);
    for (const [name, body] of Object.entries((doc.variable ?? {}) as Record<string, unknown>))
      declared.variable.set(name, one(body));
    for (const [name, body] of Object.entries((doc.output ?? {}) as Record<string, unknown>))
      declared.output.set(name, one(body));
    for (const block of [doc.locals ?? []].flat() as Record<string, unknown>[])
      for (const k of Object.keys(block)) declared.local.add(k);
    everything += JSON.stringify(doc);
  }
}, 60_000);

const named = (type: string) => Object.values(resources[type] ?? {}).map((r) => r.name as string);
const byName = (type: string, name: string) =>
  Object.values(resources[type] ?? {}).find((r) => r.name === name);

describe('terraform/', () => {
  it('has functions.auto.tf.json up to date with the manifest (npm run build:terraform)', () => {
    expect(JSON.parse(readFileSync(FUNCTIONS_TF, 'utf8'))).toEqual(JSON.parse(renderFunctionsFile()));
  });

  it.each(manifest.map((f) => [f.name, f]))(
    'deploys %s as a 2nd-gen function with its own account',
    (_, spec) => {
      const fn = byName('google_cloudfunctions2_function', spec.name)!;
      expect(fn).toBeDefined();
      const build = one(fn.build_config);
      const service = one(fn.service_config);
      expect(build.entry_point).toBe(spec.entryPoint);
      expect(service).toMatchObject({
        timeout_seconds: spec.timeoutSeconds,
        max_instance_count: spec.maxInstances,
        available_memory: `${spec.memoryMb}Mi`,
      });
      expect(service.service_account_email).toBe(`\${google_service_account.fn_${tfId(spec.name)}.email}`);
      expect((service.secret_environment_variables as { key: string }[]).map((s) => s.key)).toEqual(
        spec.secrets,
      );
    },
  );

  it('wires every trigger: push subscription with dead letters, rate-limited queue, or scheduler job', () => {
    for (const spec of manifest) {
      const t = spec.trigger;
      const url = `\${google_cloudfunctions2_function.${tfId(spec.name)}.url}`;
      if (t.kind === 'topic') {
        const sub = byName('google_pubsub_subscription', spec.name)!;
        expect(sub.topic).toBe(`\${google_pubsub_topic.${tfId(t.topic)}.id}`);
        expect(one(sub.push_config).push_endpoint).toBe(url);
        expect(one(sub.dead_letter_policy)).toEqual({
          dead_letter_topic: `\${google_pubsub_topic.${tfId(deadLetterTopic(t.topic))}.id}`,
          max_delivery_attempts: spec.maxAttempts ?? 5,
        });
        expect(one(sub.retry_policy)).toBeDefined();
      } else if (t.kind === 'task') {
        expect(one(byName('google_cloud_tasks_queue', t.queue)?.rate_limits)).toEqual({
          max_dispatches_per_second: t.maxDispatchesPerSecond,
          max_concurrent_dispatches: t.maxConcurrentDispatches,
        });
      } else if (t.kind === 'schedule') {
        const job = byName('google_cloud_scheduler_job', spec.name)!;
        expect(job).toMatchObject({ schedule: t.cron, time_zone: t.timeZone });
        expect(one(job.http_target).uri).toBe(url);
      }
    }
  });

  it('has a topic and a dead-letter topic for every event, and an ops table for every OPS_TABLES entry', () => {
    expect(named('google_pubsub_topic').sort()).toEqual([...TOPICS, ...TOPICS.map(deadLetterTopic)].sort());
    const opsTables = Object.values(resources.google_bigquery_table ?? {})
      .filter((t) => t.dataset_id === tf('google_bigquery_dataset.ops.dataset_id') && !t.view)
      .map((t) => t.table_id);
    for (const table of Object.keys(OPS_TABLES)) expect(opsTables).toContain(table);
  });

  it('deploys nothing the manifest does not know', () => {
    const fnNames = manifest.map((f) => f.name);
    expect(named('google_cloudfunctions2_function').sort()).toEqual([...fnNames].sort());
    const queues = manifest.flatMap((f) => (f.trigger.kind === 'task' ? [f.trigger.queue] : []));
    expect(named('google_cloud_tasks_queue').sort()).toEqual(queues.sort());
    const schedules = manifest.flatMap((f) => (f.trigger.kind === 'schedule' ? [f.name] : []));
    expect(named('google_cloud_scheduler_job').sort()).toEqual(schedules.sort());
    const subscriptions = [
      ...manifest.flatMap((f) => (f.trigger.kind === 'topic' ? [f.name] : [])),
      ...TOPICS.map(deadLetterTopic),
    ];
    expect(named('google_pubsub_subscription').sort()).toEqual(subscriptions.sort());
  });

  it('gives each function a distinct service account and no primitive roles', () => {
    const accounts = manifest.map(
      (f) => resources.google_service_account?.[`fn_${tfId(f.name)}`]?.account_id,
    );
    expect(new Set(accounts).size).toBe(manifest.length);
    for (const id of accounts) expect(String(id)).toMatch(/^[a-z][a-z0-9-]{4,28}[a-z0-9]$/);
    const roles = Object.values(resources.google_project_iam_member ?? {}).map((m) => m.role);
    expect(roles.filter((r) => ['roles/owner', 'roles/editor', 'roles/viewer'].includes(String(r)))).toEqual(
      [],
    );
  });

  it('only lets the public reach HTTP functions', () => {
    for (const spec of manifest) {
      const invoker = resources.google_cloud_run_service_iam_member?.[`fn_${tfId(spec.name)}_invoker`];
      expect(invoker?.member === 'allUsers', spec.name).toBe(spec.trigger.kind === 'http');
    }
  });

  it('resolves every reference to a declared resource, data source, variable or local', () => {
    const refs = [
      ...everything.matchAll(/\b(var|local|data\.[a-z0-9_]+|google_[a-z0-9_]+)\.([A-Za-z0-9_]+)/g),
    ];
    const missing = new Set<string>();
    for (const [ref, kind, name] of refs) {
      const ok =
        kind === 'var'
          ? declared.variable.has(name!)
          : kind === 'local'
            ? declared.local.has(name!)
            : kind!.startsWith('data.')
              ? Boolean(data[kind!.slice(5)]?.[name!])
              : Boolean(resources[kind!]?.[name!]);
      if (!ok) missing.add(ref);
    }
    expect([...missing]).toEqual([]);
  });

  it('documents every variable and output', () => {
    for (const [name, v] of [...declared.variable, ...declared.output])
      expect(String(v.description ?? ''), name).not.toBe('');
  });

  it('denies all client access in the Firestore rules', () => {
    const rules = readFileSync(join(import.meta.dirname, '../firestore/firestore.rules'), 'utf8');
    const allows = [...rules.matchAll(/^\s*allow\s+(.*)$/gm)].map((m) => m[1]);
    expect(allows).toEqual(['read, write: if false;']);
  });
});
