import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { TIME_TRAVEL_HOURS } from '../../shared/adapters/gcp/bigquery-warehouse';
import { tf } from './hcl';
import { type Blocks, loadTerraform } from './load';

/**
 * The production guards of issue 24, on the parsed HCL: alerts that reach someone, state that can
 * be recovered, and a budget. Each check names the argument Google's provider reads, so dropping
 * or misspelling one fails here rather than on the first incident.
 */
let resource: Blocks;
let locals: Record<string, unknown>;
beforeAll(async () => {
  ({ resource, locals } = await loadTerraform(join(import.meta.dirname, '../../terraform')));
}, 60_000);

const get = (type: string, name: string) => {
  const body = resource[type]?.[name];
  expect(body, `${type}.${name}`).toBeDefined();
  return body!;
};
const text = (v: unknown) => JSON.stringify(v);
/** hcl2json wraps nested blocks in arrays. */
const first = (v: unknown) => (Array.isArray(v) ? v[0] : v) as Record<string, unknown>;
const conditionsOf = (policy: Record<string, unknown>) =>
  [policy.conditions ?? []].flat() as Record<string, unknown>[];

describe('production guards in Terraform', () => {
  it('sends every alert policy and the budget to the emails and the extra channels', () => {
    expect(text(locals.alert_channels)).toContain('google_monitoring_notification_channel.email');
    expect(text(locals.alert_channels)).toContain('var.notification_channels');
    const policies = Object.entries(resource.google_monitoring_alert_policy ?? {});
    expect(policies.length).toBeGreaterThanOrEqual(5);
    for (const [name, body] of policies)
      expect(body.notification_channels, name).toBe(tf('local.alert_channels'));
    const budget = get('google_billing_budget', 'monthly');
    expect(first(budget.all_updates_rule).monitoring_notification_channels).toBe(tf('local.alert_channels'));
  });

  it.each([
    ['function_errors', 'run.googleapis.com/request_count', 'response_code_class = \\"5xx\\"'],
    ['error_logs', 'google_logging_metric.error_logs.name', 'COMPARISON_GT'],
    ['dead_letters', 'num_undelivered_messages', '.dead-letter'],
    ['sync_freshness', 'google_logging_metric.syncs_scheduled.name', 'condition_absent'],
    ['sync_freshness', 'google_logging_metric.syncs_finished.name', 'var.sync_stale_after_hours'],
    ['health', 'google_monitoring_uptime_check_config.health.uptime_check_id', 'REDUCE_COUNT_FALSE'],
  ])('alerts on %s (%s)', (name, signal, detail) => {
    const policy = get('google_monitoring_alert_policy', name);
    expect(text(conditionsOf(policy))).toContain(signal);
    expect(text(conditionsOf(policy))).toContain(detail);
  });

  it('alerts on failed Scheduler pushes, Cloud Tasks dispatches and scheduled queries, per kind', () => {
    const metric = get('google_logging_metric', 'platform_failures');
    for (const type of ['cloud_scheduler_job', 'cloud_tasks_queue', 'bigquery_dts_config'])
      expect(String(metric.filter)).toContain(`resource.type = "${type}"`);
    expect(String(metric.filter)).toContain('severity >= ERROR');
    expect(text(metric.label_extractors)).toContain('EXTRACT(resource.type)');
    const policy = text(conditionsOf(get('google_monitoring_alert_policy', 'platform_failures')));
    expect(policy).toContain('google_logging_metric.platform_failures.name');
    expect(policy).toContain('metric.label.resource_type');
  });

  it('compares 5xx against all requests of the same function, with a threshold variable', () => {
    const condition = first(
      conditionsOf(get('google_monitoring_alert_policy', 'function_errors'))[0]!.condition_threshold,
    );
    expect(condition.threshold_value).toBe(tf('var.function_error_ratio'));
    expect(String(condition.denominator_filter)).toContain('run.googleapis.com/request_count');
    expect(String(condition.denominator_filter)).not.toContain('5xx');
  });

  it('counts the log lines the code really writes for scheduled and finished syncs', async () => {
    const { readFileSync } = await import('node:fs');
    const src = (p: string) => readFileSync(join(import.meta.dirname, '../..', p), 'utf8');
    const scheduled = String(get('google_logging_metric', 'syncs_scheduled').filter);
    const finished = String(get('google_logging_metric', 'syncs_finished').filter);
    const messages = (filter: string) =>
      [...filter.matchAll(/jsonPayload\.message = "([^"]+)"/g)].map((m) => m[1]!);
    expect(messages(scheduled)).toEqual(['syncs scheduled']);
    expect(messages(finished)).toEqual(['shopify synced', 'ad sync finished']);
    expect(src('shared/platforms/schedule-syncs.ts')).toContain("info('syncs scheduled'");
    expect(src('shared/platforms/shopify/sync-job.ts')).toContain("info('shopify synced'");
    expect(src('shared/platforms/ads/sync-job.ts')).toContain("info('ad sync finished'");
  });

  it("pages on the first sync refused for the operator's own app credentials, the line the sync job writes", async () => {
    const { readFileSync } = await import('node:fs');
    const src = readFileSync(join(import.meta.dirname, '../..', 'shared/platforms/ads/sync-job.ts'), 'utf8');
    const metric = String(get('google_logging_metric', 'platform_app_refused').filter);
    const [, line] = /jsonPayload\.message = "([^"]+)"/.exec(metric) ?? [];
    expect(line).toBe('ad platform refused pulsepoint app');
    expect(src).toContain(`log.error('${line}'`);
    const condition = first(
      conditionsOf(get('google_monitoring_alert_policy', 'platform_app_refused'))[0]!.condition_threshold,
    );
    expect(String(condition.filter)).toContain('google_logging_metric.platform_app_refused.name');
    expect(condition).toMatchObject({ comparison: 'COMPARISON_GT', threshold_value: 0 });
  });

  it('checks /health over HTTPS on the public host', () => {
    const check = get('google_monitoring_uptime_check_config', 'health');
    expect(first(check.http_check)).toMatchObject({ path: '/health', use_ssl: true, port: 443 });
    expect(text(first(check.monitored_resource))).toContain('local.public_host');
    expect(String(locals.public_host)).toContain('var.public_url');
  });

  it('keeps Firestore recoverable: point-in-time recovery and a daily backup schedule', () => {
    const db = get('google_firestore_database', 'default');
    expect(db.point_in_time_recovery_enablement).toBe('POINT_IN_TIME_RECOVERY_ENABLED');
    expect(db.delete_protection_state).toBe('DELETE_PROTECTION_ENABLED');
    const schedule = get('google_firestore_backup_schedule', 'daily');
    expect(schedule.database).toBe(tf('google_firestore_database.default.name'));
    expect(schedule.daily_recurrence).toBeDefined();
    expect(String(schedule.retention)).toContain('var.firestore_backup_retention_days');
  });

  it('gives pp_ops the same 48-hour time-travel window the app gives tenant datasets', () => {
    expect(TIME_TRAVEL_HOURS).toBe(48);
    expect(get('google_bigquery_dataset', 'ops').max_time_travel_hours).toBe(String(TIME_TRAVEL_HOURS));
  });

  it('builds every function into a repository whose old images are cleaned up, the newest kept', () => {
    const repo = get('google_artifact_registry_repository', 'functions');
    const policies = [repo.cleanup_policies].flat() as Record<string, unknown>[];
    const keep = policies.find((p) => p.action === 'KEEP')!;
    const remove = policies.find((p) => p.action === 'DELETE')!;
    expect(text(keep.most_recent_versions)).toContain('var.artifact_keep_count');
    expect(text(remove.condition)).toContain('var.artifact_retention_days');
    const functions = Object.entries(resource.google_cloudfunctions2_function ?? {});
    expect(functions.length).toBeGreaterThan(5);
    for (const [name, body] of functions)
      expect((body.build_config as Record<string, unknown>).docker_repository, name).toBe(
        tf('google_artifact_registry_repository.functions.id'),
      );
  });

  it('watches the project with a monthly budget, actual and forecast thresholds', () => {
    const budget = get('google_billing_budget', 'monthly');
    expect(budget.billing_account).toBe(tf('var.billing_account'));
    expect(text(budget.amount)).toContain('var.monthly_budget');
    expect(text(budget.amount)).toContain('var.budget_currency');
    expect(text(budget)).toContain('FORECASTED_SPEND');
    expect(text(budget.budget_filter)).toContain('data.google_project.this.number');
  });
});
