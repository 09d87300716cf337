import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Blocks, dependsOn, loadTerraform } from './load';

/**
 * The apply-order and permission edges an empty project needs in one `terraform apply` (issue 24),
 * checked on the parsed HCL and the generated JSON: without them the first apply races Google's
 * lazy service agents and API enablement, or starts functions before they may read their secrets.
 */
let resource: Blocks;
let locals: Record<string, unknown>;
beforeAll(async () => {
  ({ resource, locals } = await loadTerraform(join(import.meta.dirname, '../../terraform')));
}, 60_000);

const of = (type: string) => Object.entries(resource[type] ?? {});
const text = (v: unknown) => JSON.stringify(v);

describe('Terraform applies on an empty project in one run', () => {
  it('creates the Pub/Sub and Data Transfer service agents after the APIs, and grants them only through those', () => {
    for (const service of ['pubsub', 'bigquery_data_transfer']) {
      const identity = resource.google_project_service_identity?.[service];
      expect(identity, `google_project_service_identity.${service}`).toBeDefined();
      expect(dependsOn(identity!)).toContain('google_project_service.enabled');
    }
    expect(String(locals.pubsub_agent)).toContain('google_project_service_identity.pubsub.email');
    // Nothing spells the agent's address by hand (which would skip the edge).
    expect(text(resource)).not.toMatch(/gcp-sa-pubsub\.iam\.gserviceaccount\.com/);
  });

  it('creates every Pub/Sub topic after the API is enabled', () => {
    const topics = of('google_pubsub_topic');
    expect(topics.length).toBeGreaterThan(0);
    for (const [name, body] of topics)
      expect(dependsOn(body), name).toContain('google_project_service.enabled');
  });

  it('starts each function after every grant of its service account, and builds it with its own build account', () => {
    const functions = of('google_cloudfunctions2_function');
    expect(functions.length).toBeGreaterThan(0);
    for (const [name, body] of functions) {
      const edges = dependsOn(body);
      const account = `google_service_account.fn_${name}.email`;
      const grantsOf = (type: string) =>
        of(type)
          .filter(([, g]) => text(g.member).includes(account))
          .map(([id]) => `${type}.${id}`);
      // Every kind of binding: on the project, a secret, a topic, a queue, a table, the bucket, an account.
      const grants = Object.keys(resource)
        .filter((type) => type.endsWith('_iam_member') && type !== 'google_cloud_run_service_iam_member')
        .flatMap(grantsOf);
      expect(grants.length, `${name} has grants`).toBeGreaterThan(0);
      for (const grant of grants) expect(edges, `${name} waits for ${grant}`).toContain(grant);
      expect(edges).toContain('google_project_service.enabled');
      expect(edges).toContain('google_project_iam_member.build');
      expect(text((body.build_config as Record<string, unknown>).service_account)).toContain(
        'google_service_account.build.id',
      );
    }
  });

  it('lets each ad sync store the token it refreshes (a new version, the old destroyed)', () => {
    for (const fn of ['sync_meta', 'sync_tiktok', 'sync_google_ads']) {
      const roles = of('google_project_iam_member')
        .filter(([, g]) => text(g.member).includes(`google_service_account.fn_${fn}.email`))
        .map(([, g]) => text(g.role));
      for (const role of ['secret_creator', 'secret_writer'])
        expect(roles, fn).toContainEqual(
          expect.stringContaining(`google_project_iam_custom_role.${role}.id`),
        );
    }
  });

  it('lets the Data Transfer agent mint tokens for the roll-up account before the scheduled query exists', () => {
    const minter = resource.google_service_account_iam_member?.data_transfer_token_minter;
    expect(minter).toMatchObject({ role: 'roles/iam.serviceAccountShortTermTokenMinter' });
    expect(text(minter?.member)).toContain('google_project_service_identity.bigquery_data_transfer.email');
    expect(text(minter?.service_account_id)).toContain('google_service_account.finance_refresh');
    const rollup = resource.google_bigquery_data_transfer_config?.tenant_rollup;
    expect(dependsOn(rollup!)).toContain('google_service_account_iam_member.data_transfer_token_minter');
  });

  it('registers a Firebase Web App and ties the Hosting site to it, so /__/firebase/init.json has a config', () => {
    expect(resource.google_firebase_web_app?.web).toBeDefined();
    expect(dependsOn(resource.google_firebase_web_app!.web!)).toContain('google_firebase_project.this');
    expect(text(resource.google_firebase_hosting_site?.web?.app_id)).toContain(
      'google_firebase_web_app.web.app_id',
    );
  });

  it('replaces the Firestore ruleset before destroying the old one, and releases it by its full name', () => {
    const ruleset = resource.google_firebaserules_ruleset?.firestore;
    expect(text(ruleset?.lifecycle)).toContain('"create_before_destroy":true');
    const release = resource.google_firebaserules_release?.firestore;
    expect(String(release?.ruleset_name)).toMatch(/^projects\/\$\{var\.project_id\}\/rulesets\//);
  });
});
