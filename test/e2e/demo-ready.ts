import { expect } from 'vitest';
import type { LocalRuntime } from '../../infra/local/runtime';
import { DEMO_BRAND, DEMO_TENANT } from '../../infra/local/seed';
import { createAttributeJob } from '../../shared/attribution/attribute-job';
import type { Platform } from '../../shared/domain/entities/integration';
import { systemContext } from '../../shared/domain/tenancy';

/**
 * What the tests on the running demo wait for before they read it: a condition polled until it
 * holds, the sandboxes' backfills, one attribution pass, and authorised JSON reads of the API.
 */

/** Polls `done` every `everyMs` until it holds; fails naming `what` after `timeoutMs`. */
export async function waitFor(
  what: string,
  timeoutMs: number,
  done: () => Promise<boolean>,
  everyMs = 1_000,
) {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/**
 * Waits until each platform's backfill has recorded its last sync, then runs the attribution pass
 * the dashboard and recommendations read (the runtime's own pass is debounced).
 */
export async function backfillAndAttribute(
  runtime: LocalRuntime,
  platforms: readonly Platform[],
  timeoutMs: number,
): Promise<void> {
  const { deps } = runtime.embedded;
  const ctx = systemContext(DEMO_TENANT, 'test');
  await waitFor(`the backfills (${platforms.join(', ')})`, timeoutMs, async () => {
    const all = await deps.store.integrations.list(ctx, DEMO_BRAND);
    return platforms.every((p) => all.some((i) => i.platform === p && i.lastSyncAt));
  });
  await createAttributeJob(deps).runPass({
    tenantId: DEMO_TENANT,
    brandId: DEMO_BRAND,
    idempotencyKey: 'e2e',
  });
}

/** GET `path` with a bearer token; fails the test with the body unless the answer is 200. */
export async function getJson<T>(baseUrl: string, token: string, path: string): Promise<T> {
  const res = await fetch(`${baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status, `${path}: ${await res.clone().text()}`).toBe(200);
  return (await res.json()) as T;
}
