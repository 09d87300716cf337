import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WORLD } from '../../../test/support/world';
import { openWorld, recommendWorld, type World, worldDeps } from '../../../test/support/world-harness';
import { questionSchema } from '../../domain/entities';
import { systemContext } from '../../domain/tenancy';
import { getInventoryRisks } from '../../insights/tools/inventory-tools';
import type { ApprovedBudgetAction, BudgetActions } from '../../ports/budget-actions';
import { createApiApp } from '../app';

let w: World;
let app: ReturnType<typeof createApiApp>;
let token: ReturnType<typeof worldDeps>['token'];
const executed: ApprovedBudgetAction[] = [];
/** The port's other side (the ads area implements it): records what it was asked to do. */
const budgetActions: BudgetActions = {
  async execute(_ctx, approved, options) {
    executed.push(approved);
    const after = approved.action.kind === 'pause' ? { status: 'PAUSED' } : { status: 'ACTIVE' };
    return {
      dryRun: options?.dryRun === true,
      before: { status: 'ACTIVE' },
      after: options?.dryRun ? { status: 'ACTIVE' } : after,
    };
  },
};

beforeAll(async () => {
  w = await openWorld();
  await recommendWorld(w);
  const built = worldDeps(w, { budgetActions });
  token = built.token;
  app = createApiApp(built.deps, { version: 'test', startedAt: new Date(), healthChecks: [] });
});
afterAll(async () => {
  await w.close();
});

/** Response bodies as the assertions walk them. */
// biome-ignore lint/suspicious/noExplicitAny: test assertions index freely into JSON responses
type Body = Record<string, any>;

async function call(
  method: string,
  path: string,
  role: Parameters<typeof token>[0],
  body?: unknown,
  tenant?: string,
) {
  const res = await app.request(path, {
    method,
    headers: {
      authorization: `Bearer ${await token(role, tenant)}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as Body };
}
const base = `/api/brands/${WORLD.brandId}`;

describe('insights API', () => {
  it('documents every insights route in the OpenAPI document', async () => {
    const doc = (await (await app.request('/openapi.json')).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        `/api/brands/{brandId}/ask`,
        `/api/brands/{brandId}/questions/{id}/feedback`,
        `/api/brands/{brandId}/recommendations/{id}/apply`,
        `/api/brands/{brandId}/alerts`,
        '/api/admin/usage',
      ]),
    );
  });

  it('lists recommendations best first to a viewer, and alerts by status', async () => {
    const r = await call('GET', `${base}/recommendations?status=open&sort_by=score`, 'viewer');
    expect(r.status).toBe(200);
    const scores = r.body.recommendations.map((x: { score: number }) => x.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    const a = await call('GET', `${base}/alerts?status=open&type=spending_on_stockout`, 'viewer');
    expect(a.body.alerts.map((x: { type: string }) => x.type)).toEqual(['spending_on_stockout']);
  });

  it("answers 404 for another tenant's brand, never its data", async () => {
    expect((await call('GET', `${base}/recommendations`, 'owner', undefined, 't_other')).status).toBe(404);
    expect(
      (await call('POST', `${base}/ask`, 'owner', { question: 'What is my ROAS?' }, 't_other')).status,
    ).toBe(404);
  });

  it('lets an analyst accept but not apply; an owner applies an accepted one, audited', async () => {
    const recs = (await call('GET', `${base}/recommendations?status=open`, 'viewer')).body.recommendations;
    const pause = recs.find((x: { type: string }) => x.type === 'pause');
    expect((await call('POST', `${base}/recommendations/${pause.id}/accept`, 'viewer')).status).toBe(403);
    expect((await call('POST', `${base}/recommendations/${pause.id}/apply`, 'owner', {})).status).toBe(409);
    const accepted = await call('POST', `${base}/recommendations/${pause.id}/accept`, 'analyst');
    expect(accepted.body).toMatchObject({ status: 'accepted', decidedBy: `local:${WORLD.tenantId}:analyst` });
    expect((await call('POST', `${base}/recommendations/${pause.id}/apply`, 'analyst', {})).status).toBe(403);

    const dry = await call('POST', `${base}/recommendations/${pause.id}/apply`, 'admin', { dry_run: true });
    expect(dry.body).toMatchObject({ recommendation: { status: 'accepted' }, result: { dryRun: true } });
    const applied = await call('POST', `${base}/recommendations/${pause.id}/apply`, 'owner', {});
    expect(applied.status).toBe(200);
    expect(applied.body).toMatchObject({
      recommendation: { status: 'applied' },
      result: { after: { status: 'PAUSED' } },
    });
    expect(executed.at(-1)).toMatchObject({
      action: { kind: 'pause', campaignId: WORLD.campaigns.stockedOut.id },
      approvedBy: `local:${WORLD.tenantId}:analyst`,
      sourceRecommendationId: pause.id,
    });
    const audit = await w.store.auditEvents.list(w.ctx, { brandId: WORLD.brandId });
    expect(audit.map((e) => e.action)).toEqual(
      expect.arrayContaining([
        'recommendation.accepted',
        'recommendation.apply_dry_run',
        'recommendation.applied',
      ]),
    );
  });

  it('dismisses with a reason', async () => {
    const recs = (await call('GET', `${base}/recommendations?status=open`, 'viewer')).body.recommendations;
    const promote = recs.find((x: { type: string }) => x.type === 'promote');
    expect((await call('POST', `${base}/recommendations/${promote.id}/dismiss`, 'analyst', {})).status).toBe(
      400,
    );
    const r = await call('POST', `${base}/recommendations/${promote.id}/dismiss`, 'admin', {
      reason: 'seasonal stock, sells in winter',
    });
    expect(r.body).toMatchObject({ status: 'dismissed', statusReason: 'seasonal stock, sells in winter' });
  });

  it('answers a question, stores it with its tool calls, and takes feedback', async () => {
    // Asking spends the tenant's AI budget, so viewers may read answers but not ask (permissions.ts).
    expect(
      (await call('POST', `${base}/ask`, 'viewer', { question: 'Which products will stock out?' })).status,
    ).toBe(403);
    const r = await call('POST', `${base}/ask`, 'analyst', { question: 'Which products will stock out?' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      grounded: true,
      model: 'local-analyst',
      toolCalls: [{ name: 'get_inventory_risks' }],
    });
    expect(r.body.answer).toContain('Velocity Runner — M (PP-FAST): 40 units');
    const list = await call('GET', `${base}/questions`, 'viewer');
    expect(list.body.questions[0].id).toBe(r.body.id);
    const fb = await call('POST', `${base}/questions/${r.body.id}/feedback`, 'analyst', { rating: 5 });
    expect(fb.body.feedback).toEqual({ rating: 5 });
  });

  it('records the units each tool declares with its call, and gives them to answers stored before', async () => {
    // The question the test above asked (asking again would spend the budget the next test counts).
    const r = { body: (await call('GET', `${base}/questions`, 'viewer')).body.questions[0] as Body };
    expect(r.body.toolCalls[0]).toMatchObject({
      name: 'get_inventory_risks',
      units: getInventoryRisks.units,
    });
    const ctx = systemContext(WORLD.tenantId, 'test');
    const { units: _units, ...oldCall } = r.body.toolCalls[0];
    const old = questionSchema.parse({ ...r.body, id: 'q-before-units', toolCalls: [oldCall] });
    expect(old.toolCalls[0]).not.toHaveProperty('units');
    await w.store.questions.upsert(ctx, WORLD.brandId, old);
    const list = await call('GET', `${base}/questions`, 'viewer');
    const listed = list.body.questions.find((q: Body) => q.id === 'q-before-units');
    expect(listed.toolCalls[0].units).toEqual(getInventoryRisks.units);
    // One recorded before ids were declared internal keeps its units and gains that declaration.
    const { product_id: _id, ...before } = getInventoryRisks.units as Record<string, string>;
    await w.store.questions.upsert(ctx, WORLD.brandId, {
      ...old,
      id: 'q-before-ids',
      toolCalls: [{ ...oldCall, units: { ...before, stock_available: 'number' } }],
    });
    const relisted = (await call('GET', `${base}/questions`, 'viewer')).body.questions.find(
      (q: Body) => q.id === 'q-before-ids',
    );
    expect(relisted.toolCalls[0].units).toMatchObject({ product_id: 'internal', stock_available: 'number' });
  });

  it('reports usage to owners only, and refuses questions with 429 once the budget is used up', async () => {
    expect((await call('GET', '/api/admin/usage?from=2026-11-01&to=2026-11-30', 'analyst')).status).toBe(403);
    const usage = await call('GET', '/api/admin/usage?from=2026-11-01&to=2026-11-30', 'owner');
    expect(usage.body.rows).toEqual([
      expect.objectContaining({ operation: 'ask', model: 'local-analyst', calls: 2, cost_micros: 0 }),
    ]);
    await w.store.tenants.upsert(w.ctx, { ...(await w.store.tenants.get(w.ctx))!, aiMonthlyBudgetMicros: 0 });
    const refused = await call('POST', `${base}/ask`, 'owner', { question: 'What is my ROAS?' });
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe('ai_budget_exceeded');
  });
});
