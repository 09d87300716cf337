import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { secretId as integrationSecretId } from '../../shared/adapters/gcp/secret-manager-secret-store';
import { OPS_DATASET, tenantDatasetName } from '../../shared/ports/warehouse-tables';
import { manifest } from '../manifest';
import { secretId, tf, tfId } from './hcl';
import { type Blocks, loadTerraform } from './load';
import {
  CONDITIONS,
  FUNCTION_ACCESS,
  type FunctionAccess,
  ROLES,
  runsQueries,
  UNCONDITIONED_PROJECT_ROLES,
} from './permissions';

/**
 * Least privilege per function (issue 24, docs/decisions/930), on the parsed HCL and the generated
 * JSON: no function account holds a project-wide data role without a condition, the conditions
 * admit exactly the run-time resources they are for, and each account's grants are what its entry
 * in permissions.ts says it uses (access-from-code.test.ts ties those entries to the code).
 */
let resource: Blocks;
beforeAll(async () => {
  ({ resource } = await loadTerraform(join(import.meta.dirname, '../../terraform')));
}, 60_000);

type Binding = Record<string, unknown> & { role: string; condition?: Record<string, unknown> };
const first = (v: unknown) => (Array.isArray(v) ? v[0] : v) as Record<string, unknown> | undefined;
const accountOf = (fn: string) => `google_service_account.fn_${tfId(fn)}.email`;
const grantsTo = (type: string, fn: string) =>
  Object.values(resource[type] ?? {}).filter((g) => String(g.member).includes(accountOf(fn))) as Binding[];
const isFunctionAccount = (member: unknown) => /google_service_account\.fn_\w+\.email/.test(String(member));
/** `${google_pubsub_topic.brand_synced.id}` → the `name` of that resource. */
const nameOf = (ref: unknown) => {
  const [, type, id] = String(ref).match(/^\$\{(\w+)\.(\w+)\.\w+\}$/) ?? [];
  return resource[type!]?.[id!]?.name as string | undefined;
};
const customRole = (role: string) => {
  const id = role.match(/^\$\{google_project_iam_custom_role\.(\w+)\.id\}$/)?.[1];
  return id ? resource.google_project_iam_custom_role?.[id] : undefined;
};
const permissionsOf = (role: string) => (customRole(role)?.permissions ?? []) as string[];

/** Reading or changing data, publishing, enqueueing: what must never be project-wide unconditioned. */
const DATA_PERMISSION =
  /^(bigquery\.(tables\.|datasets\.(get|update|delete))|secretmanager\.(versions\.|secrets\.(get|update|delete))|pubsub\.|cloudtasks\.tasks\.|storage\.objects\.)/;
const DATA_ROLE = /^roles\/(bigquery\.(data|admin|user)|secretmanager\.|pubsub\.|cloudtasks\.|storage\.)/;

/** A CEL subset: `a && b`, each `resource.name.startsWith("…")`, `!resource.name.startsWith("…")` or `resource.name != "…"`. */
function admits(expression: string, name: string): boolean {
  return expression.split(' && ').every((term) => {
    const m = term.match(/^(!?)resource\.name(?:\.startsWith\("([^"]*)"\)| != "([^"]*)")$/);
    if (!m) throw new Error(`the test cannot read condition term ${term}`);
    if (m[3] !== undefined) return name !== m[3];
    return name.startsWith(m[2]!) !== (m[1] === '!');
  });
}
const inProject = (expression: string) =>
  expression
    .replaceAll(tf('var.project_id'), 'acme-prod')
    .replaceAll(tf('data.google_project.this.number'), '123456');

describe('least privilege for function service accounts', () => {
  it('grants no function account a project-wide data role without a condition', () => {
    const unconditioned = Object.entries(resource.google_project_iam_member ?? {})
      .filter(([, g]) => isFunctionAccount(g.member) && !first(g.condition))
      .map(([name, g]) => [name, String(g.role)] as const);
    expect(unconditioned.length).toBeGreaterThan(0);
    for (const [name, role] of unconditioned) {
      expect(
        Object.keys(UNCONDITIONED_PROJECT_ROLES),
        `${name}: ${role} is not an allowed project-wide role`,
      ).toContain(role);
      expect(role, name).not.toMatch(DATA_ROLE);
      expect(
        permissionsOf(role).filter((p) => DATA_PERMISSION.test(p)),
        name,
      ).toEqual([]);
    }
  });

  it('keeps the unconditioned custom roles to creating a dataset or an empty secret', () => {
    expect(permissionsOf(ROLES.datasetCreator)).toEqual(['bigquery.datasets.create']);
    expect(permissionsOf(ROLES.secretCreator)).toEqual(['secretmanager.secrets.create']);
  });

  it('lets no function role change IAM, delete a dataset or read a secret without the accessor grant', () => {
    for (const role of [ROLES.tenantData, ROLES.opsAppender, ROLES.secretWriter])
      for (const p of permissionsOf(role)) {
        expect(p, role).not.toMatch(/IamPolicy|\.datasets\.(delete|update)$|\.versions\.access$/);
      }
  });

  it('binds conditioned project grants only with the conditions permissions.ts defines', () => {
    const known = Object.values(CONDITIONS).map((c) => JSON.stringify(c));
    for (const [name, g] of Object.entries(resource.google_project_iam_member ?? {}))
      if (isFunctionAccount(g.member) && first(g.condition))
        expect(known, name).toContain(JSON.stringify(first(g.condition)));
  });

  it.each([
    [`projects/acme-prod/datasets/${tenantDatasetName('t1')}`, true],
    [`projects/acme-prod/datasets/${tenantDatasetName('t1')}/tables/orders`, true],
    [`projects/acme-prod/datasets/${tenantDatasetName('opsx')}/tables/orders`, true],
    [`projects/acme-prod/datasets/${OPS_DATASET}`, false],
    [`projects/acme-prod/datasets/${OPS_DATASET}/tables/ai_token_usage`, false],
    ['projects/acme-prod/datasets/analytics/tables/orders', false],
    [`projects/other-project/datasets/${tenantDatasetName('t1')}`, false],
  ])('the tenant-dataset condition admits %s: %s', (name, admitted) => {
    expect(admits(inProject(CONDITIONS.tenantDatasets.expression), name)).toBe(admitted);
  });

  it.each([
    [`projects/123456/secrets/${integrationSecretId('t1', 'brands/b1/meta-token')}`, true],
    [`projects/123456/secrets/${integrationSecretId('t1', 'brands/b1/meta-token')}/versions/3`, true],
    [`projects/123456/secrets/${secretId('SHOPIFY_API_SECRET')}`, false],
    [`projects/123456/secrets/${secretId('ANTHROPIC_API_KEY')}/versions/latest`, false],
    [`projects/654321/secrets/${integrationSecretId('t1', 'x')}`, false],
  ])('the integration-secret condition admits %s: %s', (name, admitted) => {
    expect(admits(inProject(CONDITIONS.integrationSecrets.expression), name)).toBe(admitted);
  });
});

/** The project-level roles an access entry implies, each with the condition title it must carry. */
function projectRoles(a: FunctionAccess): string[] {
  const ops = new Set(a.secrets);
  const roles: Array<[boolean, string, { title: string } | undefined]> = [
    [Boolean(a.store), ROLES.store, undefined],
    [runsQueries(a), ROLES.jobs, undefined],
    [Boolean(a.tenantWarehouse), ROLES.datasetCreator, undefined],
    [Boolean(a.tenantWarehouse), ROLES.tenantData, CONDITIONS.tenantDatasets],
    [ops.has('get'), ROLES.secretReader, CONDITIONS.integrationSecrets],
    [ops.has('put'), ROLES.secretCreator, undefined],
    [ops.has('put') || ops.has('delete'), ROLES.secretWriter, CONDITIONS.integrationSecrets],
    [Boolean(a.manageUsers), ROLES.manageUsers, undefined],
  ];
  return roles.flatMap(([on, role, c]) => (on ? [`${role} | ${c?.title ?? '-'}`] : [])).sort();
}

describe.each(manifest.map((f) => [f.name, f]))("%s's grants", (fn, spec) => {
  const access = () => FUNCTION_ACCESS[fn]!;

  it('on the project: only what its access implies, conditioned where the app names the resource', () => {
    const held = grantsTo('google_project_iam_member', fn)
      .map((g) => `${g.role} | ${first(g.condition)?.title ?? '-'}`)
      .sort();
    expect(held).toEqual(projectRoles(access()));
  });

  it('publishes to exactly the topics it uses, each granted on the topic', () => {
    const topics = grantsTo('google_pubsub_topic_iam_member', fn).map((g) => {
      expect(g.role).toBe(ROLES.publisher);
      return nameOf(g.topic);
    });
    expect(topics.sort()).toEqual([...(access().publishes ?? [])].sort());
  });

  it('enqueues on exactly the queues it uses, each granted on the queue, acting as the tasks invoker', () => {
    const queues = grantsTo('google_cloud_tasks_queue_iam_member', fn).map((g) => {
      expect(g.role).toBe(ROLES.enqueuer);
      return nameOf(g.name);
    });
    expect(queues.sort()).toEqual([...(access().enqueues ?? [])].sort());
    const actsAs = grantsTo('google_service_account_iam_member', fn).filter(
      (g) => g.service_account_id === tf('google_service_account.tasks_invoker.name'),
    );
    expect(actsAs.length).toBe(queues.length ? 1 : 0);
  });

  it('reaches pp_ops only on the tables it appends to or reads', () => {
    const tables = grantsTo('google_bigquery_table_iam_member', fn).map((g) => {
      const table =
        resource.google_bigquery_table?.[String(g.table_id).match(/google_bigquery_table\.(\w+)\./)![1]!];
      return `${g.role === ROLES.opsAppender ? 'append' : g.role === ROLES.opsReader ? 'read' : g.role} ${table?.table_id}`;
    });
    expect(tables.sort()).toEqual(
      [
        ...(access().opsAppends ?? []).map((t) => `append ${t}`),
        ...(access().opsReads ?? []).map((t) => `read ${t}`),
      ].sort(),
    );
  });

  it('reads the app secrets its manifest entry mounts, each granted on the secret', () => {
    const secrets = grantsTo('google_secret_manager_secret_iam_member', fn).map((g) => {
      expect(g.role).toBe(ROLES.secretReader);
      return String(g.secret_id).match(/google_secret_manager_secret\.(\w+)\.id/)?.[1];
    });
    expect(secrets.sort()).toEqual(spec.secrets.map((env) => tfId(secretId(env))).sort());
  });

  it('touches the media bucket only when its access says so', () => {
    const buckets = grantsTo('google_storage_bucket_iam_member', fn);
    expect(buckets.map((g) => [g.bucket, g.role])).toEqual(
      access().media ? [[tf('google_storage_bucket.media.name'), ROLES.media]] : [],
    );
  });
});
