import { localDate } from '../../shared/domain/time';
import { integrationSecretName } from '../../shared/ports/secret-store';
import type { TestApi } from './api';
import {
  anAlert,
  anInventoryStatusRow,
  aPerformanceRow,
  aQuestion,
  aRecommendation,
  aReconciliationRow,
  aSyncRun,
  customerAnalyticsRows,
} from './builders';

/**
 * A tenant whose every kind of data carries its brand id, so a suite can tell its data apart in
 * any response: brands, an ad integration with a token in the SecretStore, a sync run,
 * recommendation, alert, question, an API key, and warehouse rows.
 */
export async function seedTenantWithData(api: TestApi, tenantId: string, brandIds: string[]) {
  const ctx = await api.seedTenant(
    tenantId,
    brandIds.map((id) => ({ id, name: `Name of ${id}` })),
  );
  const { deps } = api;
  const secrets: Record<string, string> = {};
  for (const brandId of brandIds) {
    secrets[brandId] = `EAA${brandId.replace(/-/g, '')}SECRETTOKEN0123456789`;
    const secretRef = await deps.secrets.put(ctx, integrationSecretName(brandId, 'meta'), secrets[brandId]);
    await deps.store.integrations.upsert(ctx, brandId, {
      platform: 'meta',
      status: 'connected',
      accountIds: [`act_${brandId}`],
      secretRef,
      updatedAt: '2026-11-19T10:00:00.000Z',
    });
    await deps.store.syncRuns.upsert(ctx, brandId, aSyncRun(brandId));
    await deps.store.recommendations.upsert(ctx, brandId, aRecommendation(brandId));
    await deps.store.alerts.upsert(ctx, brandId, anAlert(brandId));
    await deps.store.questions.upsert(ctx, brandId, aQuestion(brandId));
    await deps.warehouse.replaceRange(
      ctx,
      'unified_performance',
      { brandId, from: localDate('2026-11-10'), to: localDate('2026-11-10') },
      [aPerformanceRow(brandId)],
    );
    const day = { brandId, from: localDate('2026-11-09'), to: localDate('2026-11-10') };
    await deps.warehouse.replaceRange(ctx, 'inventory_status', day, [anInventoryStatusRow(brandId)]);
    await deps.warehouse.replaceRange(ctx, 'reconciliation', day, [aReconciliationRow(brandId)]);
    const customers = customerAnalyticsRows(brandId);
    await deps.warehouse.replaceKeys(
      ctx,
      'customer_models',
      { brandId, keyColumn: 'model_id', keys: [String(customers.model.model_id)] },
      [customers.model],
    );
    await deps.warehouse.replaceRange(
      ctx,
      'customer_predictions',
      { brandId, from: localDate('2026-01-01'), to: localDate('2026-11-19') },
      customers.predictions,
    );
  }
  const apiKeyId = `key-${tenantId}`;
  await deps.store.apiKeys.create(ctx, {
    id: apiKeyId,
    name: `key of ${tenantId}`,
    prefix: 'pp_live_abcd',
    hash: 'a'.repeat(63) + tenantId.length.toString(16).slice(-1),
    role: 'admin',
    createdBy: 'someone',
    createdAt: '2026-11-19T10:00:00.000Z',
  });
  return { ctx, secrets, apiKeyId };
}
